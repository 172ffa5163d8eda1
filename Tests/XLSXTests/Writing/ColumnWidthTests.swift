import Testing
@testable import XLSX

@Suite("Writer: column width estimate")
struct ColumnWidthTests {
  @Test("CJK, full-width characters and emoji count 2; combining marks and controls 0")
  func displayUnits() {
    #expect(ColumnWidth.displayUnits(of: "") == 0)
    #expect(ColumnWidth.displayUnits(of: "abc 123") == 7)
    #expect(ColumnWidth.displayUnits(of: "单位") == 4)
    #expect(ColumnWidth.displayUnits(of: "预算数（万元）") == 14)
    #expect(ColumnWidth.displayUnits(of: "ＡＢ") == 4, "full-width Latin")
    #expect(ColumnWidth.displayUnits(of: "カナ한글") == 8)
    #expect(ColumnWidth.displayUnits(of: "✅👍") == 4)
    #expect(ColumnWidth.displayUnits(of: "❤\u{FE0F}") == 2, "text symbol drawn as emoji")
    #expect(ColumnWidth.displayUnits(of: "e\u{301}") == 1)
    #expect(ColumnWidth.displayUnits(of: "\u{301}") == 0)
    #expect(ColumnWidth.displayUnits(of: "𠀀") == 2, "CJK extension B")
    #expect(ColumnWidth.displayUnits(of: "a\u{1}") == 1)
  }

  @Test("At least a width: the larger one, the text measured only when it has more bytes")
  func displayUnitsAtLeast() {
    #expect(ColumnWidth.displayUnits(of: "单位", atLeast: 0) == 4)
    #expect(ColumnWidth.displayUnits(of: "单位", atLeast: 3) == 4)
    #expect(ColumnWidth.displayUnits(of: "单位", atLeast: 5) == 5)
    #expect(ColumnWidth.displayUnits(of: "单位", atLeast: 6) == 6, "6 bytes: not measured")
    #expect(ColumnWidth.displayUnits(of: "abc", atLeast: 2) == 3)
    #expect(ColumnWidth.displayUnits(of: "abc", atLeast: 3) == 3)
    #expect(ColumnWidth.displayUnits(of: "", atLeast: 0) == 0)
    #expect(ColumnWidth.displayUnits(of: "e\u{301}\n🙂", atLeast: 1) == 2)
    #expect(ColumnWidth.displayUnits(of: "短\n很长的一行文字", atLeast: 10) == 14)
  }

  @Test("The longest line counts")
  func lines() {
    #expect(ColumnWidth.displayUnits(of: "短\n很长的一行文字\r\nabc") == 14)
  }

  @Test("Estimate: widest text plus padding, between the minimum and 255")
  func estimate() {
    #expect(ColumnWidth.estimate(for: ["单位", "卫生健康委员会"]) == 16)
    #expect(ColumnWidth.estimate(for: ["a"]) == ColumnWidth.standard)
    #expect(ColumnWidth.estimate(for: []) == ColumnWidth.standard)
    #expect(ColumnWidth.estimate(for: ["abc"], minimum: 0, padding: 0) == 3)
    #expect(ColumnWidth.estimate(for: [String(repeating: "字", count: 200)]) == 255)
  }
}
