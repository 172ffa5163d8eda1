internal import CAtomicOutput

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

/// A file written without a name (or under a temporary one) in its target directory and
/// moved over the target only by ``commit()``, after its bytes have reached the disk.
///
/// On Linux the bytes go to an unnamed file (`O_TMPFILE`), so a process killed while
/// writing, even by SIGKILL, leaves nothing behind. ``commit()`` syncs it, links it in
/// under the target's name when there is no file there yet (nothing can be left over),
/// else under a temporary name that is at once renamed over the target. Where
/// `O_TMPFILE` is not supported the file is written under a temporary name
/// (`.<name>.XXXXXX.tmp` beside the target) from the start.
///
/// Until the rename an existing file at the target is untouched; if the writer fails or
/// is dropped without committing, the temporary file is removed, so no partial file is
/// ever left under either name. A named temporary file is remembered in a table that
/// the handler of ``TerminationCleanup`` empties on SIGINT, SIGTERM and SIGHUP.
public final class AtomicFile: ByteSink {
  /// The target path, as given.
  public let path: String
  /// The temporary file's path while it has one: always when `O_TMPFILE` was not
  /// available, and for a moment during ``commit()`` otherwise.
  private(set) var temporaryPath: String?
  /// True when the bytes are written to an unnamed (`O_TMPFILE`) file.
  let isUnnamed: Bool
  private var descriptor: Int32
  /// The slot of ``temporaryPath`` in the termination-cleanup table (-1 for none).
  private var cleanupSlot: Int32 = -1
  /// The target's directory with its trailing slash, or empty for the working directory.
  private let directoryPrefix: String
  private let name: String
  private let buffer: UnsafeMutableRawPointer
  private let bufferCapacity = 256 << 10
  private var buffered = 0
  /// File offset of the first buffered byte.
  private var flushedCount: UInt64 = 0
  private var finished = false

  /// Set `JIXIAO_NAMED_TEMPORARY_FILES=1` to write under a temporary name even where
  /// `O_TMPFILE` works (the tests use it to exercise that path).
  static let namedTemporaryFilesOnly = getenv("JIXIAO_NAMED_TEMPORARY_FILES").map { String(cString: $0) } == "1"

  /// A file that will replace `path` when committed.
  public convenience init(path: String) throws(XLSXError) {
    try self.init(path: path, allowUnnamed: !Self.namedTemporaryFilesOnly)
  }

  /// `allowUnnamed: false` writes under a temporary name even where `O_TMPFILE` works.
  init(path: String, allowUnnamed: Bool) throws(XLSXError) {
    self.path = path
    let slash = path.lastIndex(of: "/")
    directoryPrefix = slash.map { String(path[...$0]) } ?? ""
    name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard !name.isEmpty else {
      throw XLSXError(.io, "输出路径不是文件名", file: path)
    }
    let directory = directoryPrefix.isEmpty ? "." : directoryPrefix
    let unnamed = allowUnnamed ? jx_open_unnamed(directory, 0o600) : -1
    if unnamed >= 0, access("/proc/self/fd", X_OK) == 0 {
      descriptor = unnamed
      isUnnamed = true
    } else {
      if unnamed >= 0 { _ = close(unnamed) }
      isUnnamed = false
      descriptor = -1
      let (descriptor, temporary, slot) = try Self.createNamed(
        directoryPrefix: directoryPrefix, name: name, target: path)
      self.descriptor = descriptor
      temporaryPath = temporary
      cleanupSlot = slot
    }
    buffer = .allocate(byteCount: bufferCapacity, alignment: 16)
    // The file was created 0600; give it the mode a new file would have (or the
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

  public func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
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

  /// Appends `bytes`.
  public func write(_ bytes: [UInt8]) throws(XLSXError) {
    try withBytes(bytes) { (raw: UnsafeRawBufferPointer) throws(XLSXError) in try write(raw) }
  }

  /// Appends the UTF-8 bytes of `text`.
  public func write(_ text: String) throws(XLSXError) {
    var text = text
    var failure: XLSXError?
    text.withUTF8 { utf8 in
      do throws(XLSXError) {
        try write(UnsafeRawBufferPointer(utf8))
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
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

  public func flush() throws(XLSXError) {
    guard buffered > 0 else { return }
    try writeFully(UnsafeRawBufferPointer(start: buffer, count: buffered), at: nil)
    flushedCount += UInt64(buffered)
    buffered = 0
  }

  /// Flushes, syncs the file to disk, puts it in place of the target and syncs the directory.
  public func commit() throws(XLSXError) {
    guard !finished else { return }
    do throws(XLSXError) {
      try flush()
      guard fsync(descriptor) == 0 else { throw ioError("写入磁盘失败") }
      if isUnnamed { try linkIntoPlace() }
      guard close(descriptor) == 0 else { throw ioError("关闭临时文件失败") }
      descriptor = -1
      if let temporaryPath {
        guard rename(temporaryPath, path) == 0 else { throw ioError("无法将临时文件改名为目标文件") }
        self.temporaryPath = nil
        jx_temporary_forget(cleanupSlot)
        cleanupSlot = -1
      }
    } catch {
      discard()
      throw error
    }
    finished = true
    let directoryDescriptor = open(directoryPrefix.isEmpty ? "." : directoryPrefix, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directoryDescriptor >= 0 {
      _ = fsync(directoryDescriptor)
      _ = close(directoryDescriptor)
    }
  }

  /// Names the unnamed file: the target itself when nothing is there (nothing can then
  /// be left behind), else a temporary name that ``commit()`` renames over the target.
  private func linkIntoPlace() throws(XLSXError) {
    if jx_link_unnamed(descriptor, path) == 0 { return }
    guard errno == EEXIST else { throw ioError("无法在目标目录为输出文件命名") }
    for _ in 0..<100 {
      let candidate = Self.temporaryName(directoryPrefix: directoryPrefix, name: name)
      var slot: Int32 = -1
      if jx_link_temporary(descriptor, candidate, &slot) == 0 {
        temporaryPath = candidate
        cleanupSlot = slot
        return
      }
      guard errno == EEXIST else { throw ioError("无法在目标目录为输出文件命名") }
    }
    throw ioError("无法在目标目录为输出文件命名")
  }

  /// Closes and removes the temporary file; the target is left as it was.
  public func discard() {
    if descriptor >= 0 {
      _ = close(descriptor)
      descriptor = -1
    }
    if !finished, let temporaryPath { _ = unlink(temporaryPath) }
    jx_temporary_forget(cleanupSlot)
    cleanupSlot = -1
    temporaryPath = nil
    finished = true
    buffered = 0
  }

  /// Creates `.<name>.XXXXXX.tmp` beside the target, remembered for termination cleanup
  /// from the moment it exists (so that no signal can leave it behind).
  private static func createNamed(
    directoryPrefix: String, name: String, target: String
  ) throws(XLSXError) -> (Int32, String, Int32) {
    for _ in 0..<100 {
      let candidate = temporaryName(directoryPrefix: directoryPrefix, name: name)
      var slot: Int32 = -1
      let descriptor = jx_create_temporary(candidate, 0o600, &slot)
      if descriptor >= 0 { return (descriptor, candidate, slot) }
      let error = errno
      guard error == EEXIST else {
        throw XLSXError(.io, "无法在目标目录创建临时文件：\(String(cString: strerror(error)))", file: target)
      }
    }
    throw XLSXError(.io, "无法在目标目录创建临时文件：重名过多", file: target)
  }

  private static func temporaryName(directoryPrefix: String, name: String) -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    let suffix = String((0..<6).map { _ in letters.randomElement()! })
    return "\(directoryPrefix).\(name).\(suffix).tmp"
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

/// Removal of temporary output files when the process is told to stop.
public enum TerminationCleanup {
  /// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the named temporary
  /// files of every unfinished ``AtomicFile`` and end the process with status 128 + the
  /// signal (130, 143, 129). For command-line tools; a library should not take signals.
  /// Unnamed (`O_TMPFILE`) files need no handler: the kernel drops them with the process.
  public static func install() {
    jx_install_termination_cleanup()
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
