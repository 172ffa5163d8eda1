import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One name in a directory listing, with the file type the listing gave (`readdir`'s
/// `d_type`): walking thousands of submissions costs no `stat` per file.
struct DirectoryEntry {
  enum Kind { case regular, directory, symbolicLink, other }

  let name: String
  /// nil when the file system did not say (`DT_UNKNOWN`): ``kind(at:)`` asks `lstat`.
  let listedKind: Kind?

  /// The type of the entry at `path` (its full path): the listed one, else `lstat`'s.
  func kind(at path: String) -> Kind {
    if let listedKind { return listedKind }
    var info = stat()
    guard lstat(path, &info) == 0 else { return .other }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .directory
    case S_IFLNK: return .symbolicLink
    default: return .other
    }
  }

  /// The entries of `directory` except `.` and `..`, in listing order; throws when it cannot be opened.
  static func list(_ directory: String) throws -> [DirectoryEntry] {
    guard let handle = opendir(directory) else {
      let code = errno
      throw NSError(
        domain: NSPOSIXErrorDomain, code: Int(code),
        userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
    defer { closedir(handle) }
    var entries: [DirectoryEntry] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      let kind: Kind? =
        switch Int32(entry.pointee.d_type) {
        case Int32(DT_REG): .regular
        case Int32(DT_DIR): .directory
        case Int32(DT_LNK): .symbolicLink
        case Int32(DT_UNKNOWN): nil
        default: .other
        }
      entries.append(DirectoryEntry(name: name, listedKind: kind))
    }
    return entries
  }
}
