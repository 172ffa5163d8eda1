/// Relative paths between absolute paths, for links that survive moving a folder.
enum RelativePath {
  /// The path of `target` relative to the directory `base` (both absolute):
  /// `from("/a/out", to: "/a/in/x.xlsx")` is `../in/x.xlsx`. Components are compared as
  /// bytes, as the file system names them (and at a fraction of `Substring` comparison's
  /// cost: every input file gets a link).
  static func from(_ base: String, to target: String) -> String {
    let slash = UInt8(ascii: "/")
    let baseParts = Array(base.utf8).split(separator: slash)
    let targetParts = Array(target.utf8).split(separator: slash)
    var common = 0
    while common < baseParts.count, common < targetParts.count, baseParts[common].elementsEqual(targetParts[common]) {
      common += 1
    }
    let parts = Array(repeating: ArraySlice("..".utf8), count: baseParts.count - common) + targetParts[common...]
    return String(decoding: Array(parts.joined(separator: [slash])), as: UTF8.self)
  }
}
