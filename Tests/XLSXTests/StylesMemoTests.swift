import Testing
import _XLSXTestSupport

@testable import XLSX

/// ``StylesMemo``: a styles part read once is recognised by its stored bytes and limits,
/// and a workbook read through the memo gives what it gives without it.
@Suite struct StylesMemoTests {
  static let sheet = #"<sheetData><row r="1"><c r="A1" s="1"><v>44362</v></c><c r="B1" s="2"><v>0.95</v></c><c r="C1"><v>3</v></c></row></sheetData>"#
  static let styles = """
    <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
    <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>
    """
  /// The same cell formats in other bytes: a date format with another code.
  static let otherStyles = """
    <numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>\
    <cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>
    """

  static func kinds(_ workbook: Workbook) -> [NumberFormatKind] { workbook.numberFormatKinds }

  @Test func aRepeatedPartIsReadOnceAndGivesTheSameKinds() throws {
    let memo = StylesMemo()
    let bytes = TestWorkbook.bytes(Self.sheet, styles: Self.styles)
    let plain = try Workbook(bytes: bytes)
    let first = try Workbook(bytes: bytes, styles: memo)
    #expect(memo.count == 1 && memo.hits == 0)
    let second = try Workbook(bytes: bytes, fileName: "第二个.xlsx", styles: memo)
    #expect(memo.count == 1, "the second workbook's part is the one remembered")
    #expect(memo.hits == 1, "the second workbook's part was not parsed again")
    #expect(Self.kinds(plain) == [.number, .dateTime, .percent])
    #expect(Self.kinds(first) == Self.kinds(plain))
    #expect(Self.kinds(second) == Self.kinds(plain))
    let grid = try second.grid(of: second.sheets[0])
    #expect(grid[CellReference("A1")!]?.value == .date(ExcelDateTime(serial: 44362)))
    #expect(grid[CellReference("C1")!]?.value == .number(3))
  }

  @Test func otherBytesOrOtherLimitsAreReadAgain() throws {
    let memo = StylesMemo()
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), styles: memo)
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.otherStyles), styles: memo)
    #expect(memo.count == 2)
    var limits = ReadLimits()
    limits.maxTextLength = 1_000
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), limits: limits, styles: memo)
    #expect(memo.count == 3, "a part read under other limits is another entry")
    #expect(memo.hits == 0)
  }

  @Test func aPartThatFailsIsNotRememberedAndFailsTheSameWay() {
    let memo = StylesMemo()
    let broken = TestWorkbook.bytes(Self.sheet, styles: "<cellXfs><xf numFmtId=\"0\"></cellXfs>")
    var messages: [String] = []
    for _ in 0..<2 {
      do {
        _ = try Workbook(bytes: broken, styles: memo)
        Issue.record("a malformed styles part was read")
      } catch {
        messages.append(error.description)
      }
    }
    #expect(memo.count == 0 && memo.hits == 0)
    #expect(messages.count == 2 && messages[0] == messages[1])
    #expect(messages.first?.contains("styles.xml") == true)
  }

  @Test func staysWithinItsBounds() throws {
    let memo = StylesMemo(capacity: 2, maxStoredBytes: 4_096)
    for id in 0..<3 {
      let styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"\(id)\"/></cellXfs>"
      _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: styles), styles: memo)
    }
    #expect(memo.count == 2, "the oldest part is forgotten")
    _ = try Workbook(
      bytes: TestWorkbook.bytes(Self.sheet, styles: "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"0\"/></cellXfs>"),
      styles: memo)
    #expect(memo.hits == 0, "the forgotten part is parsed again")
    // A styles part whose stored bytes exceed the bound is read, not remembered.
    let small = StylesMemo(maxStoredBytes: 16)
    let workbook = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), styles: small)
    #expect(workbook.numberFormatKinds == [.number, .dateTime, .percent])
    #expect(small.count == 0)
  }
}
