/// Grade words as units write them (`优`, `优秀`, `良好`, `“优秀”`, `优秀等级`).
public enum GradeText {
  /// The canonical grade (`优`, `良`, `中`, `差`) for a cell text that is only a grade
  /// word of `grades` (canonical → words; the canonical name counts as a word), compared
  /// in ``LabelText`` normal form after dropping surrounding quotes and a trailing
  /// `等级`/`等`/`级`. Nil for anything else (`优秀教师` is not a grade).
  public static func canonical(_ text: String, grades: [String: [String]]) -> String? {
    var scalars = Array(LabelText.normalize(text).unicodeScalars)
    while let first = scalars.first, quotes.contains(first) { scalars.removeFirst() }
    while let last = scalars.last, quotes.contains(last) { scalars.removeLast() }
    let word = String(String.UnicodeScalarView(scalars))
    guard !word.isEmpty else { return nil }
    var candidates = [word]
    for suffix in ["等级", "等", "级"] where word.hasSuffix(suffix) && word.count > suffix.count {
      candidates.append(String(word.dropLast(suffix.count)))
    }
    for candidate in candidates {
      for grade in grades.keys.sorted() {
        let words = [grade] + (grades[grade] ?? [])
        if words.contains(where: { LabelText.normalize($0) == candidate }) { return grade }
      }
    }
    return nil
  }

  private static let quotes: Set<Unicode.Scalar> = ["\"", "'", "“", "”", "‘", "’", "「", "」", "『", "』", "《", "》"]
}
