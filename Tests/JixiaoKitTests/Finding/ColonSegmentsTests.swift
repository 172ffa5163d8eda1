import Testing
import _XLSXTestSupport

@testable import JixiaoKit

/// `label：value` segments of a header cell, read on scalars and bytes.
@Suite("Colon segments")
struct ColonSegmentsTests {
  @Test func splitsASignOffLine() {
    let segments = ReportBuilder.colonSegments("填表人：张三  填报日期：2021年6月15日 电话:0737-4222501")
    #expect(segments.map(\.label) == ["填表人", "填报日期", "电话"])
    #expect(segments.map(\.value) == ["张三  ", "2021年6月15日 ", "0737-4222501"])
    #expect(ReportBuilder.colonSegments("没有冒号").isEmpty)
  }

  @Test func findsEitherColonOnBytes() {
    #expect(ReportBuilder.hasColon("单位名称：某校"))
    #expect(ReportBuilder.hasColon("a:b"))
    #expect(!ReportBuilder.hasColon("单位名称"))
    // 0x9A ends many CJK characters (`蚊` is E8 9A 8A, `暚` E6 9A 9A): only EF BC 9A is a colon.
    #expect(!ReportBuilder.hasColon("蚊暚"))
    #expect(!ReportBuilder.hasColon(""))
  }

  /// The same segments as the former definition on `Character`s, for random lines.
  @Test func agreesWithTheCharacterDefinition() {
    let alphabet: [Character] = [
      "填", "表", "人", "：", ":", " ", "\u{3000}", "\n", "\u{A0}", "\u{FEFF}", "\t", "张", "三", "1", "a", "电", "话",
    ]
    var random = SeededGenerator(seed: 11)
    for _ in 0..<2_000 {
      let text = String((0..<Int.random(in: 0...16, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
      let segments = ReportBuilder.colonSegments(text)
      let expected = Self.characterSegments(text)
      #expect(segments.map(\.label) == expected.map(\.0), "\(text.debugDescription)")
      #expect(segments.map(\.value) == expected.map(\.1), "\(text.debugDescription)")
      #expect(ReportBuilder.hasColon(text) == text.contains { $0 == ":" || $0 == "：" })
      let label = LabelText.normalize(text)
      #expect(ReportBuilder.hasColon(text, labelSignature: TextSignature(label)) == ReportBuilder.hasColon(text))
      #expect(ReportBuilder.hasColon(label, labelSignature: TextSignature(label)) == ReportBuilder.hasColon(text))
    }
  }

  private static func characterSegments(_ raw: String) -> [(String, String)] {
    let characters = Array(raw)
    let colonIndices = characters.indices.filter { characters[$0] == ":" || characters[$0] == "：" }
    var pairs: [(String, String)] = []
    var labelStart = 0
    for (position, colon) in colonIndices.enumerated() {
      let label = String(characters[labelStart..<colon])
      let valueEnd: Int
      if position + 1 < colonIndices.count {
        let next = colonIndices[position + 1]
        var split = next
        while split > colon + 1, !characters[split - 1].isWhitespace { split -= 1 }
        valueEnd = split > colon + 1 ? split : next
        labelStart = valueEnd
      } else {
        valueEnd = characters.count
      }
      pairs.append((label, String(characters[(colon + 1)..<max(colon + 1, valueEnd)])))
    }
    return pairs
  }
}
