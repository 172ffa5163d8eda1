import Foundation

/// Writes output files atomically: a temporary file in the target directory, then a
/// rename, so a reader never sees a partial file and a failure leaves the old one.
public enum OutputFile {
  public static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
  }

  /// Writes a long text piece by piece: `body` gets a sink for the pieces. The pieces go
  /// to a temporary file beside `path`, which replaces `path` only when all is written;
  /// on any failure the temporary file is removed and `path` is untouched.
  public static func stream(to path: String, _ body: (_ sink: (String) throws -> Void) throws -> Void) throws {
    let target = URL(fileURLWithPath: path)
    let directory = target.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      var buffer = Data()
      try body { piece in
        buffer.append(contentsOf: piece.utf8)
        if buffer.count >= 1 << 20 {
          try handle.write(contentsOf: buffer)
          buffer.removeAll(keepingCapacity: true)
        }
      }
      try handle.write(contentsOf: buffer)
      try handle.synchronize()
      try handle.close()
      guard rename(temporary.path, target.path) == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
