import Foundation

/// Indicator names and labels that carry a weight (`小学教师培训 (5 分)`, `产出指标(40分)`)
/// or a placeholder prefix (`指标1：`).
public enum IndicatorName {
  /// The name without its weight suffix and placeholder prefix, and the weight.
  ///
  /// - A weight suffix is a bracketed number of points at the end: `(5 分)`, `（10分）`,
  ///   `(40 分)`, `【10分】`, `（满分10分）`. `(800 分)` alone gives an empty name.
  /// - A prefix matching `prefixes` (exact aliases as literal prefixes, patterns anchored
  ///   at the start, both against the ``LabelText`` normal form) is dropped:
  ///   `指标1：学生满意度` → `学生满意度`; `指标2：` → an empty name.
  /// - The returned name keeps the original characters (full-width stays full-width)
  ///   with whitespace tidied: a run of whitespace containing a line break between two
  ///   CJK characters is the cell's wrapping and is removed (`社会效\n益指标` →
  ///   `社会效益指标`); any other run becomes one space, because it was typed
  ///   (`网络联校 智趣新课堂`, `iPad 采购`); the ends are trimmed.
  public static func split(_ raw: String, prefixes: AliasSet) -> (name: String, weight: Double?) {
    let tidied = tidy(raw)
    // Most names have neither a weight (their last character is no bracket) nor a prefix.
    let last = tidied.lastScalar.map(LabelText.fold)
    if last != ")", last != "]" {
      if prefixes.isEmpty { return (tidied, nil) }
      let normalized = LabelText.normalize(tidied)
      if prefixLength(normalized, prefixes: prefixes) == nil { return (tidied, nil) }
    }
    var scalars = Array(tidied.unicodeScalars)
    var weight: Double?
    if let suffix = weightSuffix(scalars) {
      weight = suffix.weight
      scalars.removeSubrange(suffix.start...)
    }
    let normalized = LabelText.normalize(string(scalars[...]))
    if let length = prefixLength(normalized, prefixes: prefixes) {
      var remaining = length
      var index = 0
      while index < scalars.count, remaining > 0 {
        if !FoldedText.isSpace(scalars[index]) { remaining -= 1 }
        index += 1
      }
      scalars.removeSubrange(..<index)
    }
    while let last = scalars.last, FoldedText.isSpace(last) { scalars.removeLast() }
    let start = scalars.firstIndex { !FoldedText.isSpace($0) } ?? scalars.endIndex
    return (string(scalars[start...]), weight)
  }

  /// The text of `scalars`, encoded straight into the string's storage.
  private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    String(unsafeUninitializedCapacity: scalars.reduce(0) { $0 + $1.utf8.count }) { buffer in
      var count = 0
      for scalar in scalars {
        for byte in scalar.utf8 {
          buffer[count] = byte
          count += 1
        }
      }
      return count
    }
  }

  /// The points written in brackets in a label: `预算执行情况(万元)(20分)` → 20,
  /// `得分(20分*执行率)` → 20, `绩效指标(90分)` → 90, `分值(10分)` → 10,
  /// `（满分10分）` → 10. The first bracket whose content starts with a number of `分`
  /// (after at most four letters such as `满分`, `权重`); nil when there is none.
  public static func weight(inLabel text: String) -> Double? {
    let folded = FoldedText(text)
    let scalars = folded.scalars
    var index = 0
    while index < scalars.count {
      defer { index += 1 }
      guard scalars[index] == "(" || scalars[index] == "[" else { continue }
      var position = folded.skipSpaces(index + 1)
      var letters = 0
      while position < scalars.count, letters < 4, scalars[position].properties.isAlphabetic {
        position += 1
        letters += 1
      }
      position = folded.skipSpaces(position)
      guard position < scalars.count, FoldedText.isDigit(scalars[position]),
        let (number, end) = folded.number(at: position)
      else { continue }
      if folded.match(["分"], at: folded.skipSpaces(end)) != nil { return number }
    }
    return nil
  }

  /// The length (in scalars of `normalized`) of the longest placeholder prefix that
  /// `normalized` starts with, or nil.
  static func prefixLength(_ normalized: String, prefixes: AliasSet) -> Int? {
    guard !normalized.isEmpty else { return nil }
    var best: Int?
    for alias in prefixes.exact where !alias.isEmpty && normalized.hasPrefixBytes(alias) {
      best = max(best ?? 0, alias.unicodeScalars.count)
    }
    for pattern in prefixes.patterns {
      if let length = pattern.prefixMatchLength(normalized) { best = max(best ?? 0, length) }
    }
    return best
  }

  /// Whitespace tidied as ``split(_:prefixes:)`` describes.
  static func tidy(_ text: String) -> String {
    // Most names hold no whitespace at all: kept as they are, without a copy. (Asked of
    // the UTF-8 bytes: decoding every scalar to ask costs several times more.)
    if !ByteKey.withUTF8(text, { LabelText.departures($0).hasSpace }) { return text }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    var pendingBreak = false
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
      if FoldedText.isSpace(scalar) {
        pendingSpace = previous != nil
        if scalar == "\n" || scalar == "\r" { pendingBreak = true }
        continue
      }
      // A line break between two CJK characters is the cell's wrapping, not a space.
      if pendingSpace, let previous, !(pendingBreak && isCJK(previous) && isCJK(scalar)) { out.append(" ") }
      pendingSpace = false
      pendingBreak = false
      out.append(scalar)
      previous = scalar
    }
    return String(out)
  }

  /// CJK ideographs, kana, CJK punctuation and full-width forms.
  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x31BF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
      true
    default: false
    }
  }

  /// Where a bracketed weight (`(5 分)`) ends the scalars, and the weight.
  private static func weightSuffix(_ scalars: [Unicode.Scalar]) -> (start: Int, weight: Double)? {
    var position = scalars.count
    func skipSpaces() { while position > 0, FoldedText.isSpace(scalars[position - 1]) { position -= 1 } }
    func folded(_ index: Int) -> Unicode.Scalar { LabelText.fold(scalars[index]) }
    skipSpaces()
    guard position > 0, folded(position - 1) == ")" || folded(position - 1) == "]" else { return nil }
    position -= 1
    skipSpaces()
    guard position > 0, scalars[position - 1] == "分" else { return nil }
    position -= 1
    skipSpaces()
    let numberEnd = position
    while position > 0, FoldedText.isDigit(folded(position - 1)) || folded(position - 1) == "." { position -= 1 }
    guard position < numberEnd else { return nil }
    var text = ""
    for index in position..<numberEnd { text.unicodeScalars.append(folded(index)) }
    guard FoldedText.isDigit(text.unicodeScalars.first ?? " "), let weight = Double(text), weight.isFinite else {
      return nil
    }
    skipSpaces()
    var letters = 0
    while position > 0, letters < 4, scalars[position - 1].properties.isAlphabetic {
      position -= 1
      letters += 1
    }
    skipSpaces()
    guard position > 0, folded(position - 1) == "(" || folded(position - 1) == "[" else { return nil }
    return (position - 1, weight)
  }
}
