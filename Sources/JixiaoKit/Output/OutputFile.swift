import XLSX

/// Writes output files atomically through ``XLSX/AtomicFile``: the bytes go to an
/// unnamed file in the target directory (or a temporary name where the file system
/// cannot do that), are synced to disk, and only then replace the target. A reader never
/// sees a partial file; a failure, or a process killed part-way, leaves the old one.
public enum OutputFile {
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit()
  }

  /// Writes a long output piece by piece: `body` gets a sink for the pieces (UTF-8 bytes).
  /// The target is replaced only when all is written; on any failure `path` is untouched
  /// and nothing else is left in its directory.
  public static func stream(to path: String, _ body: (_ sink: ([UInt8]) throws -> Void) throws -> Void) throws {
    let file = try AtomicFile(path: path)
    do {
      try body { piece in try file.write(piece) }
      try file.commit()
    } catch {
      file.discard()
      throw error
    }
  }
}
