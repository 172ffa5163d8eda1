import Foundation

/// Writes output files atomically: a temporary file in the target directory, then a
/// rename, so a reader never sees a partial file and a failure leaves the old one.
public enum OutputFile {
  public static func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
