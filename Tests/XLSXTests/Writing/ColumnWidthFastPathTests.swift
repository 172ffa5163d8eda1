import Testing
import _XLSXTestSupport

@testable import XLSX

/// `ColumnWidth.displayUnits(of:)` measures plain ASCII / CJK / full-width text scalar by
/// scalar and everything else character by character; both must give what adding up
/// `units(of:)` per character (lines split at line breaks) gives.
@Suite("Writer: column width fast path")
struct ColumnWidthFastPathTests {
  /// The definition: the widest line, each character counting `units(of:)`.
  private func reference(_ text: String) -> Int {
    ColumnWidth.characterDisplayUnits(of: text)
  }

  @Test(arguments: [
    ("", 0), ("abc", 3), (" ", 1), ("~", 1), ("项目名称", 8), ("ＡＢ", 4), ("！～｠", 6), ("　", 2), ("、。〜", 6),
    ("a\n项目", 4), ("项目\na", 4), ("\n", 0), ("\n\n\n", 0), ("abc\n", 3), ("\nabc", 3), ("a\r\nbcd", 3), ("\r\n", 0),
    ("abcd\r\n项", 4), ("ab\rcde", 3), ("\r", 0), ("a\r\n\r\nbb", 2), ("e\u{301}", 1), ("项\u{301}", 2),
    ("🙂", 2), ("项目🙂", 6), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇨🇳", 2), ("❤\u{FE0F}", 2), ("❤", 1), ("项目❤\u{FE0F}ab", 8),
    ("a\tb", 2), ("a\u{1}", 1), ("预算数（万元）\n2023年", 14), ("é", 1), ("ｱ", 1), ("\u{3000}\u{303E}\u{303F}", 5),
    ("\u{9FFF}\u{A000}", 4), ("≥95%", 4), ("·×÷", 3), ("↔\u{FE0F}", 2), ("≥\u{338}", 1), ("a\u{AD}b", 3), ("\u{4DFF}\u{4E00}", 3), ("\u{FF00}\u{FF01}\u{FF60}\u{FF61}", 7),
  ])
  func concreteWidths(_ text: String, _ width: Int) {
    #expect(ColumnWidth.displayUnits(of: text) == width, "「\(text.debugDescription)」")
    #expect(ColumnWidth.displayUnits(of: text) == reference(text), "「\(text.debugDescription)」 per character")
    #expect(width <= text.utf8.count, "never wider than its UTF-8 bytes")
  }

  /// Random texts over the fast path's alphabet and its borders, with line breaks and a
  /// few characters that force the slow path.
  @Test func agreesWithTheCharacterByCharacterWidth() {
    var random = SeededGenerator(seed: 0x00C0_1D7E)
    func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
    let fast: [String] = [
      "a", "Z", "0", " ", "~", "!", "项", "目", "名", "称", "（", "）", "Ａ", "１", "　", "、", "。", "〜", "\n",
      "\u{4E00}", "\u{9FFF}", "\u{3000}", "\u{303E}", "\u{FF01}", "\u{FF60}", "≥", "≤", "→", "·", "×", "÷", "\u{A0}",
      "\u{FF}", "\u{2190}", "\u{22FF}",
    ]
    let slow: [String] = [
      "\r\n", "\r", "\t", "é", "e\u{301}", "\u{301}", "🙂", "👍🏽", "❤\u{FE0F}", "🇨🇳", "ｱ", "\u{303F}", "\u{FF61}",
      "\u{4DFF}", "\u{A000}", "𠀀", "한", "カ", "…", "\u{7F}", "\u{85}", "\u{2028}", "\u{AD}", "\u{9F}", "\u{100}",
      "\u{218F}", "\u{2300}", "↔\u{FE0F}", "\u{300}",
    ]
    var checked = 0
    for round in 0..<5_000 {
      let length = next(30)
      var text = ""
      for _ in 0..<length {
        if round.isMultiple(of: 2) || next(10) > 0 {
          text += fast[next(fast.count)]
        } else {
          text += slow[next(slow.count)]
        }
      }
      let width = ColumnWidth.displayUnits(of: text)
      #expect(width == reference(text), "「\(text.debugDescription)」")
      #expect(width <= text.utf8.count, "「\(text.debugDescription)」 never wider than its UTF-8 bytes")
      if width != reference(text) { break }
      checked += 1
    }
    #expect(checked == 5_000)
  }

  /// Marks that join the character before them are in the ranges the fast path takes
  /// (U+302A–U+302F, ideographic and Hangul tone marks): the text has fewer characters
  /// than scalars, and the width must count characters.
  @Test func aLoneToneMarkIsOneWideCharacter() {
    #expect(ColumnWidth.displayUnits(of: "\u{302F}") == 2)
    #expect(ColumnWidth.displayUnits(of: "\u{302F}") == reference("\u{302F}"))
  }

  @Test(arguments: [("项\u{302A}", 2), ("字\u{302B}\u{302C}", 2), ("a\u{302D}", 1), ("项目\u{302E}", 4)])
  func combiningMarksInTheFastRanges(_ text: String, _ width: Int) {
    #expect(reference(text) == width)
    // U+302A–U+302F join the character before them: the whole character counts once.
    #expect(ColumnWidth.displayUnits(of: text) == width, "「\(text.debugDescription)」")
  }

  @Test func estimateUsesTheSameWidths() {
    #expect(ColumnWidth.estimate(for: ["项目名称", "a\n项目"], minimum: 0, padding: 0) == 8)
    #expect(ColumnWidth.estimate(for: ["abc\r\n\r\nabcdef"], minimum: 0, padding: 1) == 7)
    #expect(ColumnWidth.estimate(for: ["👨‍👩‍👧👨‍👩‍👧"], minimum: 0, padding: 0) == 4)
  }
}
