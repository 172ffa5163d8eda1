#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Absolute, lexically standardised file paths: what `URL(fileURLWithPath:).standardizedFileURL.path`
/// gives for a file path, without Foundation's cost (a merge asks for thousands).
public enum StandardPath {
  /// `path` made absolute against the working directory, with `.`, `..` and doubled
  /// slashes resolved by name (symlinks are not followed); no trailing slash.
  public static func of(_ path: String) -> String {
    if isStandard(path) { return path }
    let absolute = path.hasPrefix("/") ? path : workingDirectory() + "/" + path
    if isStandard(absolute) { return absolute }  // a plain relative path (`报送/一小.xlsx`)
    var parts: [Substring] = []
    for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  /// Whether `path` is already absolute and standard: no empty, `.` or `..` component
  /// and no trailing slash (the common case, answered on bytes without a copy).
  static func isStandard(_ path: String) -> Bool {
    let bytes = path.utf8
    guard bytes.first == UInt8(ascii: "/") else { return false }
    var length = 0
    var dots = 0
    // An empty component (`//`, a trailing `/`), `.` or `..`.
    var isSpecial: Bool { length == 0 || (dots == length && length <= 2) }
    for byte in bytes.dropFirst() {
      if byte == UInt8(ascii: "/") {
        if isSpecial { return false }
        length = 0
        dots = 0
      } else {
        length += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return bytes.count == 1 || !isSpecial
  }

  /// The process's working directory ("/" if it cannot be read).
  static func workingDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "/" }
    defer { free(pointer) }
    return String(cString: pointer)
  }
}
