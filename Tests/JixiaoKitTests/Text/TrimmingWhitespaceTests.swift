import Testing

@testable import JixiaoKit

/// `String.trimmingWhitespace` decodes a text's last scalar from its last bytes: it must
/// agree with trimming by scalars, whatever scalar ends the text (one to four bytes,
/// whitespace or not) and whatever kind of string holds it.
@Suite("Trimming whitespace")
struct TrimmingWhitespaceTests {
  /// The definition: drop `FoldedText.isSpace` scalars at both ends.
  static func reference(_ text: String) -> String {
    var scalars = Array(text.unicodeScalars)
    while let first = scalars.first, FoldedText.isSpace(first) { scalars.removeFirst() }
    while let last = scalars.last, FoldedText.isSpace(last) { scalars.removeLast() }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return String(view)
  }

  static let ends: [String] = [
    "", " ", "\t", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}", "\u{2028}", "\u{202F}",
    "\u{205F}", "\u{3000}", "\u{FEFF}", "a", "9", "é", "e\u{301}", "项", "（", "≥", "%", "🙂", "👍🏽", "𠀀", "\u{200B}",
    // Not spaces, but with a space's lead byte (C2, E1, E2, E3, EF): the byte test lets
    // them through to the scalar test.
    "\u{B7}", "\u{1681}", "\u{2026}", "\u{3001}", "\u{FF1A}", "\u{FEFE}",
  ]

  @Test("agrees with trimming by scalars for every pair of ends")
  func agreesWithTheDefinition() {
    for head in Self.ends {
      for tail in Self.ends {
        for middle in ["", "项目名称", "a b", "\u{3000}"] {
          let text = head + middle + tail
          #expect(text.trimmingWhitespace == Self.reference(text), "\(Array(text.unicodeScalars))")
        }
      }
    }
  }

  @Test("texts made from substrings trim the same")
  func otherStorage() {
    let whole = "　 得分（10分）\u{3000}\n"
    let made = String(whole.dropFirst(0))
    #expect(made.trimmingWhitespace == "得分（10分）")
    #expect(String(Substring(whole)).trimmingWhitespace == "得分（10分）")
    #expect("\u{3000}".trimmingWhitespace.isEmpty)
    #expect("x\u{A0}".trimmingWhitespace == "x")
    #expect("\u{FEFF}🙂".trimmingWhitespace == "🙂")
  }
}
