import Testing
import _XLSXTestSupport

@testable import XLSX

/// ``PartMemo``: a small part read once is recognised by what it is read as, its stored
/// bytes and limits, and a workbook read through the memo gives what it gives without it.
@Suite struct PartMemoTests {
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
    let memo = PartMemo()
    let bytes = TestWorkbook.bytes(Self.sheet, styles: Self.styles)
    let plain = try Workbook(bytes: bytes)
    let first = try Workbook(bytes: bytes, memo: memo)
    // The package's relationships, the workbook part, its relationships, the styles.
    #expect(memo.count == 4 && memo.hits == 0)
    let second = try Workbook(bytes: bytes, fileName: "第二个.xlsx", memo: memo)
    #expect(memo.count == 4, "the second workbook's parts are the ones remembered")
    #expect(memo.hits == 4, "the second workbook's parts were not parsed again")
    #expect(second.sheets == plain.sheets && second.uses1904DateSystem == plain.uses1904DateSystem)
    #expect(Self.kinds(plain) == [.number, .dateTime, .percent])
    #expect(Self.kinds(first) == Self.kinds(plain))
    #expect(Self.kinds(second) == Self.kinds(plain))
    let grid = try second.grid(of: second.sheets[0])
    #expect(grid[CellReference("A1")!]?.value == .date(ExcelDateTime(serial: 44362)))
    #expect(grid[CellReference("C1")!]?.value == .number(3))
  }

  @Test func otherBytesOrOtherLimitsAreReadAgain() throws {
    let memo = PartMemo()
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), memo: memo)
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.otherStyles), memo: memo)
    #expect(memo.count == 5, "only the styles part differs")
    #expect(memo.hits == 3)
    var limits = ReadLimits()
    limits.maxTextLength = 1_000
    _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), limits: limits, memo: memo)
    #expect(memo.count == 9, "parts read under other limits are other entries")
    #expect(memo.hits == 3)
  }

  @Test func aPartThatFailsIsNotRememberedAndFailsTheSameWay() {
    let memo = PartMemo()
    let broken = TestWorkbook.bytes(Self.sheet, styles: "<cellXfs><xf numFmtId=\"0\"></cellXfs>")
    var messages: [String] = []
    for _ in 0..<2 {
      do {
        _ = try Workbook(bytes: broken, memo: memo)
        Issue.record("a malformed styles part was read")
      } catch {
        messages.append(error.description)
      }
    }
    // The three parts before the styles were read and remembered, then answered.
    #expect(memo.count == 3 && memo.hits == 3)
    #expect(messages.count == 2 && messages[0] == messages[1])
    #expect(messages.first?.contains("styles.xml") == true)
  }

  @Test func staysWithinItsBounds() throws {
    let memo = PartMemo(capacity: 2, maxStoredBytes: 4_096)
    for id in 0..<3 {
      let styles = "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"\(id)\"/></cellXfs>"
      _ = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: styles), memo: memo)
    }
    #expect(memo.count == 2, "the oldest parts are forgotten")
    _ = try Workbook(
      bytes: TestWorkbook.bytes(Self.sheet, styles: "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"0\"/></cellXfs>"),
      memo: memo)
    #expect(memo.hits == 0, "the forgotten parts are parsed again")
    // A styles part whose stored bytes exceed the bound is read, not remembered.
    let small = PartMemo(maxStoredBytes: 16)
    let workbook = try Workbook(bytes: TestWorkbook.bytes(Self.sheet, styles: Self.styles), memo: small)
    #expect(workbook.numberFormatKinds == [.number, .dateTime, .percent])
    #expect(small.count == 0)
  }
}
