/// Relative paths between absolute paths, for links that survive moving a folder.
enum RelativePath {
  /// The path of `target` relative to the directory `base` (both absolute):
  /// `from("/a/out", to: "/a/in/x.xlsx")` is `../in/x.xlsx`. Components are compared as
  /// bytes, as the file system names them, and found by their slashes without splitting
  /// the paths into arrays (every input file gets a link).
  static func from(_ base: String, to target: String) -> String {
    let base = Array(base.utf8)
    let target = Array(target.utf8)
    let baseParts = components(of: base)
    let targetParts = components(of: target)
    var common = 0
    while common < baseParts.count, common < targetParts.count,
      base[baseParts[common]].elementsEqual(target[targetParts[common]])
    {
      common += 1
    }
    var relative: [UInt8] = []
    relative.reserveCapacity(3 * (baseParts.count - common) + target.count)
    func append(_ component: some Collection<UInt8>) {
      if !relative.isEmpty { relative.append(UInt8(ascii: "/")) }
      relative += component
    }
    for _ in common..<baseParts.count { append("..".utf8) }
    for part in targetParts[common...] { append(target[part]) }
    return String(decoding: relative, as: UTF8.self)
  }

  /// Where each component of `path` lies, empty ones (`//`, a leading `/`) left out.
  private static func components(of path: [UInt8]) -> [Range<Int>] {
    var parts: [Range<Int>] = []
    var start = 0
    for index in path.indices where path[index] == UInt8(ascii: "/") {
      if index > start { parts.append(start..<index) }
      start = index + 1
    }
    if path.count > start { parts.append(start..<path.count) }
    return parts
  }
}
