#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole file in one immutable, heap-allocated buffer whose address never moves,
/// so that the inflater and the XML parser can point into it for the archive's lifetime.
final class ArchiveBytes: @unchecked Sendable {
  let buffer: UnsafeRawBufferPointer

  /// Copies `bytes`.
  init(copying bytes: some Collection<UInt8>) {
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
    // `fromContentsOf` copies contiguous collections with memcpy; `from:` goes byte by byte.
    _ = storage.initializeMemory(as: UInt8.self, fromContentsOf: bytes)
    buffer = UnsafeRawBufferPointer(rebasing: storage[0..<bytes.count])
  }

  /// Reads the file at `path`; `displayName` names it in errors.
  init(contentsOf path: String, displayName: String) throws(XLSXError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw XLSXError(.io, "无法打开文件：\(String(cString: strerror(errno)))", file: displayName)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw XLSXError(.io, "无法读取文件信息：\(String(cString: strerror(errno)))", file: displayName)
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw XLSXError(.io, "不是普通文件", file: displayName)
    }
    let size = Int(status.st_size)
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(size, 1), alignment: 16)
    var filled = 0
    while filled < size {
      let count = read(descriptor, storage.baseAddress! + filled, size - filled)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 {
        let reason = count == 0 ? "文件在读取时变短了" : String(cString: strerror(errno))
        storage.deallocate()
        throw XLSXError(.io, "读取文件失败：\(reason)", file: displayName)
      }
      filled += count
    }
    buffer = UnsafeRawBufferPointer(rebasing: storage[0..<size])
  }

  deinit {
    UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
  }

  var count: Int { buffer.count }

  /// Little-endian integer at `offset`, or nil when it does not fit in the file.
  @inline(__always)
  func integer<T: FixedWidthInteger>(at offset: Int, as type: T.Type = T.self) -> T? {
    guard offset >= 0, offset <= buffer.count - MemoryLayout<T>.size else { return nil }
    return T(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: T.self))
  }

  /// The bytes in `range`, or nil when the range is not inside the file.
  func slice(_ offset: Int, count: Int) -> UnsafeRawBufferPointer? {
    guard offset >= 0, count >= 0, offset <= buffer.count, count <= buffer.count - offset else {
      return nil
    }
    return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
  }
}
