import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One file found among the paths given on the command line.
public struct InputFile: Sendable, Equatable {
  /// Where to read it (the argument joined with the path found under it).
  public var path: String
  /// How it is named in outputs: `subs/a/b.xlsx` for `b.xlsx` found under the argument `subs`.
  public var name: String
  /// Why it is not read (not an `.xlsx`/`.xlsm` workbook); nil for a workbook.
  public var skipReason: String?
  /// True when the file itself was given as an argument, false when found in a directory.
  public var isArgument: Bool

  public init(path: String, name: String, skipReason: String? = nil, isArgument: Bool = false) {
    self.path = path
    self.name = name
    self.skipReason = skipReason
    self.isArgument = isArgument
  }
}

/// An input path that cannot be used: it does not exist, or a directory cannot be listed.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var message: String

  public var description: String { message }

  static func notFound(_ path: String) -> InputError {
    InputError(path: path, message: "找不到输入「\(path)」：没有这个文件或目录")
  }

  static func unlistable(_ path: String, _ error: Error) -> InputError {
    InputError(path: path, message: "无法读取目录「\(path)」：\(error.localizedDescription)")
  }
}

/// Turns the paths given to `validate` or `merge` into the files to read.
///
/// A file argument is taken as given: an `.xlsx`/`.xlsm` is read, anything else is listed
/// with a skip reason. A directory is walked recursively; symlinked directories are not
/// followed (no cycles), hidden entries (`.name`) and Office lock files (`~$name`) inside it
/// are ignored. The result is sorted by name (byte order), each file once.
public enum InputFiles {
  /// The files under `paths`; throws the first `InputError` (a missing path, an unlistable directory).
  public static func collect(_ paths: [String]) throws -> [InputFile] {
    let (files, errors) = scan(paths)
    if let error = errors.first { throw error }
    return files
  }

  /// The files under `paths`, and an error for each path that could not be used; the
  /// others are still collected.
  public static func scan(_ paths: [String]) -> (files: [InputFile], errors: [InputError]) {
    var files: [InputFile] = []
    let errors = walk(paths) { files.append($0) }
    return (mayOverlap(paths) ? deduplicated(files) : sortedByName(files), errors)
  }

  /// Hands each file under `paths` to `found` as soon as it is found, in the order of the
  /// walk (not sorted, and not deduplicated: see ``mayOverlap(_:)``); returns an error for
  /// each path that could not be used.
  public static func walk(_ paths: [String], found: (InputFile) -> Void) -> [InputError] {
    var errors: [InputError] = []
    for argument in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
        errors.append(.notFound(argument))
        continue
      }
      if isDirectory.boolValue {
        walk(directory: argument, base: trimmed(argument), found: found, errors: &errors)
      } else {
        let name = cleaned(argument)
        let reason = isLockFile(lastComponent(argument)) ? "Office 锁定文件（文件正被打开时产生），不是工作簿" : skipReason(argument)
        found(InputFile(path: argument, name: name, skipReason: reason, isArgument: true))
      }
    }
    return errors
  }

  /// Why a file with this name is not read, nil for a workbook (`.xlsx`, `.xlsm`).
  public static func skipReason(_ path: String) -> String? {
    if hasWorkbookExtension(path) { return nil }
    let name = lastComponent(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "不是 .xlsx 工作簿（没有扩展名）" }
    let ext = name[name.index(after: dot)...].lowercased()
    switch ext {
    case "xlsx", "xlsm": return nil
    case "xls": return "旧版 .xls，请另存为 .xlsx"
    case "et", "ett": return "WPS 格式（.\(ext)），请另存为 .xlsx"
    case "xlsb": return "Excel 二进制格式（.xlsb），请另存为 .xlsx"
    case "ods": return "OpenDocument 格式（.ods），请另存为 .xlsx"
    case "csv": return "CSV 文本文件，不是工作簿；请提交 .xlsx"
    default: return "不是 .xlsx 工作簿（扩展名 .\(ext)）"
    }
  }

  private static func walk(
    directory: String, base: String, found: (InputFile) -> Void, errors: inout [InputError]
  ) {
    let entries: [DirectoryEntry]
    do {
      entries = try DirectoryEntry.list(directory)
    } catch {
      errors.append(.unlistable(directory, error))
      return
    }
    for entry in entries where !entry.name.hasPrefix(".") && !isLockFile(entry.name) {
      let path = directory.hasSuffix("/") ? directory + entry.name : directory + "/" + entry.name
      let name = base == "." ? entry.name : (base == "/" ? "/" + entry.name : base + "/" + entry.name)
      switch entry.kind(at: path) {
      case .directory:
        walk(directory: path, base: name, found: found, errors: &errors)
      case .symbolicLink:
        // A link to a directory is not followed; a broken link is listed and reported as unreadable.
        var target = stat()
        if !(stat(path, &target) == 0 && (target.st_mode & S_IFMT) == S_IFDIR) {
          found(InputFile(path: path, name: cleaned(name), skipReason: skipReason(entry.name)))
        }
      case .regular:
        found(InputFile(path: path, name: cleaned(name), skipReason: skipReason(entry.name)))
      case .other:
        continue  // sockets, pipes, devices
      }
    }
  }

  /// Whether two of the arguments can lead to the same file: one names the same path as
  /// another or a path inside it (compared as standard paths). Otherwise no file is found
  /// twice (a walk lists each name once and follows no symlinked directory), and the
  /// files need no deduplication, which costs a standard path and a hash per file.
  public static func mayOverlap(_ arguments: [String]) -> Bool {
    guard arguments.count > 1 else { return false }
    // With a slash at the end, a path inside another starts with it; sorted, the paths
    // that start with one path come right after it.
    let keys = arguments.map { argument in
      let path = StandardPath.of(argument)
      return path.hasSuffix("/") ? path : path + "/"
    }.sorted(by: ByteKey.precedes)
    return zip(keys, keys.dropFirst()).contains { shorter, longer in longer.utf8.starts(with: shorter.utf8) }
  }

  /// Whether a scan of `arguments` could list the file at `path`: it is one of them or
  /// lies inside one, compared as standard paths.
  public static func couldList(_ path: String, from arguments: [String]) -> Bool {
    let path = StandardPath.of(path)
    return arguments.contains { argument in
      let root = StandardPath.of(argument)
      return path == root || path.utf8.starts(with: (root.hasSuffix("/") ? root : root + "/").utf8)
    }
  }

  /// Sorted by name in byte order.
  private static func sortedByName(_ files: [InputFile]) -> [InputFile] {
    nameOrder(files).map { files[$0] }
  }

  /// The positions of `files` in the order of their names (byte order). Two files of a
  /// walk have the same name only when two arguments overlap, which ``scan(_:)``
  /// deduplicates.
  public static func nameOrder(_ files: [InputFile]) -> [Int] {
    files.indices.sorted { ByteKey.precedes(files[$0].name, files[$1].name) }
  }

  /// Sorted by name in byte order; the same file (same absolute path) kept once, under
  /// its first name.
  private static func deduplicated(_ files: [InputFile]) -> [InputFile] {
    let sorted = sortedByName(files)
    var seen: [ByteKey: Int] = [:]
    var result: [InputFile] = []
    for file in sorted {
      let key = ByteKey(StandardPath.of(file.path))
      if let index = seen[key] {
        result[index].isArgument = result[index].isArgument || file.isArgument
        continue
      }
      seen[key] = result.count
      result.append(file)
    }
    return result
  }

  private static func isLockFile(_ name: String) -> Bool { name.hasPrefix("~$") }

  /// Whether the last component of `path` is `NAME.xlsx` or `NAME.xlsm` (any case), read
  /// on bytes: the answer for nearly every file of a directory, without splitting the path.
  private static func hasWorkbookExtension(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      // `/x.xlsx` at least: five bytes of extension and a name byte that is not a slash.
      guard bytes.count >= 6, bytes[bytes.count - 5] == UInt8(ascii: "."), bytes[bytes.count - 6] != UInt8(ascii: "/")
      else { return false }
      let lower = { (index: Int) in bytes[bytes.count - 4 + index] | 0x20 }
      return lower(0) == UInt8(ascii: "x") && lower(1) == UInt8(ascii: "l") && lower(2) == UInt8(ascii: "s")
        && (lower(3) == UInt8(ascii: "x") || lower(3) == UInt8(ascii: "m"))
    }
  }

  private static func lastComponent(_ path: String) -> String {
    String(path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path))
  }

  /// A directory argument without trailing or doubled slashes and without a leading `./`.
  static func trimmed(_ path: String) -> String {
    var text = cleaned(path)
    while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
    return text.isEmpty ? "." : text
  }

  /// A path with doubled slashes collapsed and leading `./` removed.
  static func cleaned(_ path: String) -> String {
    if isClean(path) { return path }
    var text = path
    while text.containsBytes("//") { text = text.replacingOccurrences(of: "//", with: "/") }
    while text.hasPrefix("./") && text.count > 2 { text.removeFirst(2) }
    return text
  }

  /// Whether ``cleaned(_:)`` leaves `path` as it is: no doubled slash and no leading `./`
  /// (one pass over the bytes, for every file a directory walk finds).
  private static func isClean(_ path: String) -> Bool {
    var path = path
    return path.withUTF8 { bytes in
      if bytes.count > 2, bytes[0] == UInt8(ascii: "."), bytes[1] == UInt8(ascii: "/") { return false }
      var previous: UInt8 = 0
      for byte in bytes {
        if byte == UInt8(ascii: "/") && previous == byte { return false }
        previous = byte
      }
      return true
    }
  }
}
