/// Relative paths between absolute paths, for links that survive moving a folder.
enum RelativePath {
  /// The path of `target` relative to the directory `base` (both absolute):
  /// `from("/a/out", to: "/a/in/x.xlsx")` is `../in/x.xlsx`.
  static func from(_ base: String, to target: String) -> String {
    let baseParts = base.split(separator: "/")
    let targetParts = target.split(separator: "/")
    var common = 0
    while common < baseParts.count, common < targetParts.count, baseParts[common] == targetParts[common] { common += 1 }
    let ups = Array(repeating: "..", count: baseParts.count - common)
    return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
  }
}
