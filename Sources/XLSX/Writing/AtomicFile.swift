#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the ZIP writer puts its bytes: appended in order, with the occasional patch of
/// bytes already written (a local header's sizes and CRC).
protocol ByteSink: AnyObject {
  /// How many bytes have been written.
  var position: UInt64 { get }
  func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError)
  /// Replaces bytes written earlier, at `offset`.
  func overwrite(at offset: UInt64, with bytes: [UInt8]) throws(XLSXError)
  /// Pushes buffered bytes to their destination.
  func flush() throws(XLSXError)
}

/// Collects the package in memory.
final class MemorySink: ByteSink {
  private(set) var bytes: [UInt8] = []

  var position: UInt64 { UInt64(bytes.count) }

  func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    self.bytes.append(contentsOf: bytes)
  }

  func overwrite(at offset: UInt64, with bytes: [UInt8]) throws(XLSXError) {
    let start = Int(offset)
    self.bytes.replaceSubrange(start..<(start + bytes.count), with: bytes)
  }

  func flush() throws(XLSXError) {}
}

/// A file written under a temporary name in its target directory and renamed over the
/// target only by ``commit()``, after its bytes have reached the disk.
///
/// Until the rename an existing file at the target is untouched; if the writer fails or
/// is dropped without committing, the temporary file is removed, so no partial file is
/// ever left under either name.
final class AtomicFile: ByteSink {
  /// The target path, as given.
  let path: String
  /// The temporary file's path (`.<name>.XXXXXX.tmp` beside the target).
  let temporaryPath: String
  private var descriptor: Int32
  private let buffer: UnsafeMutableRawPointer
  private let bufferCapacity = 256 << 10
  private var buffered = 0
  /// File offset of the first buffered byte.
  private var flushedCount: UInt64 = 0
  private var finished = false

  init(path: String) throws(XLSXError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else {
      throw XLSXError(.io, "输出路径不是文件名", file: path)
    }
    var template = Array("\(directory).\(name).XXXXXX.tmp".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
    guard descriptor >= 0 else {
      throw XLSXError(.io, "无法在目标目录创建临时文件：\(Self.lastError())", file: path)
    }
    self.descriptor = descriptor
    temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    buffer = .allocate(byteCount: bufferCapacity, alignment: 16)
    // mkstemp creates the file 0600; give it the mode a new file would have (or the
    // existing target's mode).
    var status = stat()
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o666 & ~Self.currentUmask()
    _ = fchmod(descriptor, mode)
  }

  deinit {
    if !finished { discard() }
    buffer.deallocate()
  }

  var position: UInt64 { flushedCount + UInt64(buffered) }

  func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    guard !bytes.isEmpty else { return }
    if buffered + bytes.count > bufferCapacity { try flush() }
    if bytes.count >= bufferCapacity {
      try writeFully(bytes, at: nil)
      flushedCount += UInt64(bytes.count)
      return
    }
    (buffer + buffered).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    buffered += bytes.count
  }

  func overwrite(at offset: UInt64, with bytes: [UInt8]) throws(XLSXError) {
    try withBytes(bytes) { (patch: UnsafeRawBufferPointer) throws(XLSXError) in
      var index = 0
      // The part already on disk is rewritten in place, the rest in the buffer.
      if offset < flushedCount {
        let onDisk = Int(min(UInt64(patch.count), flushedCount - offset))
        try writeFully(UnsafeRawBufferPointer(rebasing: patch[0..<onDisk]), at: offset)
        index = onDisk
      }
      if index < patch.count {
        let bufferOffset = Int(offset + UInt64(index) - flushedCount)
        (buffer + bufferOffset).copyMemory(from: patch.baseAddress! + index, byteCount: patch.count - index)
      }
    }
  }

  func flush() throws(XLSXError) {
    guard buffered > 0 else { return }
    try writeFully(UnsafeRawBufferPointer(start: buffer, count: buffered), at: nil)
    flushedCount += UInt64(buffered)
    buffered = 0
  }

  /// Flushes, syncs the file to disk, renames it over the target and syncs the directory.
  func commit() throws(XLSXError) {
    guard !finished else { return }
    do throws(XLSXError) {
      try flush()
      guard fsync(descriptor) == 0 else { throw ioError("写入磁盘失败") }
      guard close(descriptor) == 0 else { throw ioError("关闭临时文件失败") }
      descriptor = -1
      guard rename(temporaryPath, path) == 0 else { throw ioError("无法将临时文件改名为目标文件") }
    } catch {
      discard()
      throw error
    }
    finished = true
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? "."
    let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      _ = close(directoryDescriptor)
    }
  }

  /// Closes and removes the temporary file; the target is left as it was.
  func discard() {
    if descriptor >= 0 {
      _ = close(descriptor)
      descriptor = -1
    }
    if !finished { _ = unlink(temporaryPath) }
    finished = true
    buffered = 0
  }

  private func writeFully(_ bytes: UnsafeRawBufferPointer, at offset: UInt64?) throws(XLSXError) {
    var done = 0
    while done < bytes.count {
      let result: Int
      if let offset {
        result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
      } else {
        result = posixWrite(descriptor, bytes.baseAddress! + done, bytes.count - done)
      }
      if result < 0 && errno == EINTR { continue }
      guard result > 0 else { throw ioError("写入文件失败") }
      done += result
    }
  }

  private func ioError(_ what: String) -> XLSXError {
    XLSXError(.io, "\(what)：\(Self.lastError())", file: path)
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }

  /// The process's umask, read without changing it (`umask()` would race with other threads).
  private static func currentUmask() -> mode_t {
    guard let file = fopen("/proc/self/status", "r") else { return 0o022 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
      let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if text.hasPrefix("Umask:") {
        let digits = text.dropFirst(6).trimmingPrefix(while: { $0 == " " || $0 == "\t" })
          .prefix { $0.isNumber }
        return mode_t(digits, radix: 8) ?? 0o022
      }
    }
    return 0o022
  }
}

/// `write(2)`, reachable from inside types that have a `write` method of their own.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}

/// Calls `body` with the bytes of `array`, passing on its typed error (`withUnsafeBytes`
/// only rethrows untyped errors).
func withBytes<Result>(
  _ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(XLSXError) -> Result
) throws(XLSXError) -> Result {
  var outcome: Swift.Result<Result, XLSXError>?
  array.withUnsafeBytes { buffer in
    do throws(XLSXError) {
      outcome = .success(try body(buffer))
    } catch {
      outcome = .failure(error)
    }
  }
  return try outcome!.get()
}
