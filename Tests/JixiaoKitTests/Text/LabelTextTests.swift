import Testing
import _XLSXTestSupport

@testable import JixiaoKit

@Suite("Label normal form")
struct LabelTextTests {
  @Test func removesWhitespaceAndFoldsVariants() {
    #expect(LabelText.normalize("年度\n指标值") == "年度指标值")
    #expect(LabelText.normalize(" 小学教师培训 （５ 分） ") == "小学教师培训(5分)")
    #expect(LabelText.normalize("【资金】≧９０％") == "[资金]≥90%")
    #expect(LabelText.normalize("—\u{3000}—・") == "--·")
    #expect(LabelText.normalize("") == "")
    #expect(LabelText.normalize(" \t\n") == "")
    #expect(LabelText.normalize("已是标准形式") == "已是标准形式")
  }

  /// `normalize` writes into a buffer as long as its input: no fold may lengthen a
  /// scalar's UTF-8 encoding.
  @Test func noFoldLengthensAScalar() {
    var lengthened: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if LabelText.fold(scalar).utf8.count > scalar.utf8.count { lengthened.append(value) }
    }
    #expect(lengthened.isEmpty)
  }

  /// The same as the plain definition: every non-space scalar folded, in order.
  @Test func agreesWithTheDefinitionOnRandomText() {
    let alphabet: [Unicode.Scalar] = [
      " ", "\n", "\u{3000}", "\u{A0}", "a", "Z", "5", "（", "）", "：", "５", "Ａ", "【", "】", "≧", "≦", "—", "・", "·",
      "年", "指", "标", "é", "e", "\u{301}", "😀", "\u{FEFF}", "％",
    ]
    var random = SeededGenerator(seed: 7)
    for _ in 0..<2_000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<Int.random(in: 0...12, using: &random) {
        text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &random)])
      }
      let input = String(text)
      var expected = String.UnicodeScalarView()
      for scalar in input.unicodeScalars where !LabelText.isSpace(scalar) { expected.append(LabelText.fold(scalar)) }
      #expect(Array(LabelText.normalize(input).utf8) == Array(String(expected).utf8), "\(input.debugDescription)")
    }
  }

  /// Whitespace, spelled out, is Unicode's White_Space property and U+FEFF, for every
  /// scalar.
  @Test func spaceIsTheWhiteSpacePropertyForEveryScalar() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if LabelText.isSpace(scalar) != (scalar.properties.isWhitespace || value == 0xFEFF) { disagreements.append(value) }
    }
    #expect(disagreements.isEmpty)
  }

  /// The byte-level normaliser agrees with the scalar definition for every scalar, each
  /// between two CJK characters and after a space (so the text is not normal already).
  @Test func normalizeAgreesWithTheDefinitionForEveryScalar() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      var expected = String.UnicodeScalarView(["年"])
      if !LabelText.isSpace(scalar) { expected.append(LabelText.fold(scalar)) }
      expected.append("度")
      let input = "年 " + String(Character(scalar)) + "度"
      if Array(LabelText.normalize(input).utf8) != Array(String(expected).utf8) { disagreements.append(value) }
    }
    #expect(disagreements.isEmpty)
  }

  /// The byte-level test for "already normal" agrees with the scalar definition for every
  /// scalar, alone and between two CJK characters.
  @Test func normalTestAgreesWithTheDefinitionForEveryScalar() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let expected = !LabelText.isSpace(scalar) && LabelText.fold(scalar) == scalar
      let alone = String(Character(scalar))
      if LabelText.isNormal(alone) != expected || LabelText.isNormal("年" + alone + "度") != expected {
        disagreements.append(value)
      }
    }
    #expect(disagreements.isEmpty)
    #expect(LabelText.isNormal(""))
    #expect(LabelText.isNormal("年度指标值(5分)≥90%"))
    #expect(!LabelText.isNormal("年度 指标值"))
    #expect(!LabelText.isNormal("（５分）"))
  }

  /// The flags the value parser's fast path reads: a control character is normal but
  /// flagged; whitespace ends the scan; folding is seen wherever it is.
  @Test func departuresFlagSpaceFoldingAndControlCharacters() {
    func flags(_ text: String) -> (space: Bool, folds: Bool, control: Bool) {
      var text = text
      let found = text.withUTF8 { LabelText.departures($0) }
      return (found.hasSpace, found.folds, found.hasControl)
    }
    #expect(flags("年度指标值(5分)≥90%") == (false, false, false))
    #expect(flags("") == (false, false, false))
    #expect(flags("90%\u{1}") == (false, false, true))
    #expect(flags("\u{7F}（５分）") == (false, true, true))
    #expect(flags("≧90％") == (false, true, false))
    #expect(flags("年度 指标值") == (true, false, false))
    #expect(flags("年度\u{3000}指标值") == (true, false, false))
    #expect(flags("（５分）\n") == (true, true, false))
    #expect(flags("\u{1}\u{A0}") == (true, false, true))
    #expect(LabelText.isNormal("90%\u{1}"))
  }
}
