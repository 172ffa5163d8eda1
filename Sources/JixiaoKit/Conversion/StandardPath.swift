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
    let absolute = path.hasPrefix("/") ? path : workingDirectory() + "/" + path
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

  /// The process's working directory ("/" if it cannot be read).
  static func workingDirectory() -> String {
    guard let pointer = getcwd(nil, 0) else { return "/" }
    defer { free(pointer) }
    return String(cString: pointer)
  }
}
