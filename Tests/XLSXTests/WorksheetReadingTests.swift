import Testing
@testable import XLSX
import _XLSXTestSupport

@Suite("Worksheet reading")
struct WorksheetReadingTests {
  private func grid(
    _ body: String, sharedStrings: [String]? = nil, styles: String? = nil, workbookExtra: String = ""
  ) throws -> SheetGrid {
    let bytes = TestWorkbook.zip(
      sheets: [("Sheet1", body)], sharedStrings: sharedStrings, styles: styles, workbookExtra: workbookExtra
    ).bytes()
    let workbook = try Workbook(bytes: bytes, fileName: "cells.xlsx")
    return try workbook.grid(of: workbook.sheets[0])
  }

  private func value(_ grid: SheetGrid, _ reference: String) -> CellValue? {
    grid[CellReference(reference)!]?.value
  }

  @Test func readsEveryCellType() throws {
    let sheet = try grid(
      """
      <sheetData><row r="1">
      <c r="A1" t="s"><v>1</v></c><c r="B1" t="str"><f>A1&amp;"x"</f><v>算了x</v></c>
      <c r="C1" t="inlineStr"><is><t>内联</t></is></c><c r="D1"><v>-1.5E-3</v></c><c r="E1" t="n"><v>12345678901234567890</v></c>
      <c r="F1" t="b"><v>1</v></c><c r="G1" t="b"><v>0</v></c><c r="H1" t="e"><v>#DIV/0!</v></c>
      <c r="I1" t="d"><v>2021-06-15T08:30:00</v></c><c r="J1" t="d"><v>not a date</v></c>
      </row></sheetData>
      """, sharedStrings: ["<si><t>零</t></si>", "<si><t>算了</t></si>"])
    #expect(value(sheet, "A1") == .string("算了"))
    #expect(value(sheet, "B1") == .string("算了x"))
    #expect(sheet[CellReference("B1")!]?.formula == #"A1&"x""#)
    #expect(value(sheet, "C1") == .string("内联"))
    #expect(value(sheet, "D1") == .number(-0.0015))
    #expect(value(sheet, "E1") == .number(12345678901234567890))
    #expect(value(sheet, "F1") == .bool(true))
    #expect(value(sheet, "G1") == .bool(false))
    #expect(value(sheet, "H1") == .error("#DIV/0!"))
    guard case .date(let date) = value(sheet, "I1") else {
      Issue.record("I1 is not a date")
      return
    }
    #expect(date.isoString == "2021-06-15T08:30:00")
    #expect(abs(date.serial - 44362.354166666664) < 1e-9)
    #expect(value(sheet, "J1") == .string("not a date"))
  }

  @Test func keepsAFormulaWithoutCachedValueVisible() throws {
    let sheet = try grid(#"<sheetData><row r="1"><c r="A1"><f>SUM(B1:B3)</f></c><c r="B1" t="str"><f t="shared" si="0"/></c></row></sheetData>"#)
    #expect(sheet[CellReference("A1")!]?.isFormulaWithoutValue == true)
    #expect(sheet[CellReference("A1")!]?.formula == "SUM(B1:B3)")
    #expect(sheet[CellReference("B1")!]?.formula == "")
    #expect(sheet[CellReference("B1")!]?.value == .empty)
  }

  @Test func placesCellsAndRowsWithoutReferences() throws {
    let sheet = try grid(
      """
      <sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c><v>3</v></c><c r="D4"><v>4</v></c><c><v>5</v></c></row><row><c><v>6</v></c></row></sheetData>
      """)
    #expect(sheet.cells.map { $0.reference.description } == ["A1", "B1", "A4", "D4", "E4", "A5"])
    #expect(sheet.cells.map(\.value) == [1, 2, 3, 4, 5, 6].map { CellValue.number(Double($0)) })
  }

  @Test func ignoresAWrongDimensionAndReadsSparseRows() throws {
    let sheet = try grid(
      #"<dimension ref="A1:Z10000000"/><sheetData><row r="2"><c r="C2"><v>1</v></c></row><row r="900000"><c r="XFD900000"><v>2</v></c></row></sheetData>"#)
    #expect(sheet.cells.count == 2)
    #expect(sheet.usedRange?.description == "C2:XFD900000")
  }

  @Test func readsMergedRangesAndShowsTheAnchorValueInside() throws {
    let sheet = try grid(
      #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>产出指标</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:A3"/><mergeCell ref="B2:C2"/></mergeCells>"#)
    #expect(sheet.mergedRanges.map(\.description) == ["A1:A3", "B2:C2"])
    #expect(sheet.displayedCell(at: CellReference("A3")!)?.value == .string("产出指标"))
    #expect(sheet.mergedRange(containing: CellReference("C2")!)?.description == "B2:C2")
    #expect(sheet.displayedCell(at: CellReference("D9")!) == nil)
  }

  @Test func keepsWhitespaceAsWritten() throws {
    let sheet = try grid(
      #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  两端  </t></is></c><c r="B1" t="inlineStr"><is><t>  无属性 </t></is></c><c r="C1" t="s"><v>0</v></c></row></sheetData>"#,
      sharedStrings: ["<si><t>\n换行\n</t></si>"])
    #expect(value(sheet, "A1") == .string("  两端  "))
    #expect(value(sheet, "B1") == .string("  无属性 "))
    #expect(value(sheet, "C1") == .string("\n换行\n"))
  }

  @Test func joinsRichTextRunsAndDropsPhoneticRuns() throws {
    let sheet = try grid(
      #"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData>"#,
      sharedStrings: [
        #"<si><r><rPr><b/></rPr><t>小学</t></r><r><t>教师培训</t></r><rPh sb="0" eb="2"><t>しょうがく</t></rPh><phoneticPr fontId="1"/></si>"#,
        "<si><t>ABC_x000D__x000A_DEF_x005F_x000D_</t></si>",
      ])
    #expect(value(sheet, "A1") == .string("小学教师培训"))
    #expect(value(sheet, "B1") == .string("ABC\r\nDEF_x000D_"))
  }

  @Test func decodesSurrogatePairEscapes() {
    let text = Array("A_xD83D__xDE00_B_xZZZZ_".utf8)
    #expect(text.withUnsafeBufferPointer { EscapedText.decode($0) } == "A😀B_xZZZZ_")
  }

  @Test func findsEscapesAfterOtherUnderscoresAndAtTheEnd() {
    func decode(_ text: String) -> String { Array(text.utf8).withUnsafeBufferPointer { EscapedText.decode($0) } }
    #expect(decode("a_b__x_x00_x0041_") == "a_b__x_x00A")
    #expect(decode("_x0041_") == "A")
    #expect(decode("项目_x000D_") == "项目\r")
    #expect(decode("_x004") == "_x004")
    #expect(decode("ab_x0041") == "ab_x0041")
    #expect(decode("_") == "_")
    #expect(decode("") == "")
  }

  @Test func rejectsASharedStringIndexOutOfRange() {
    let error = catchError {
      _ = try grid(#"<sheetData><row r="3"><c r="B3" t="s"><v>7</v></c></row></sheetData>"#, sharedStrings: ["<si><t>a</t></si>"])
    }
    #expect(error?.code == .invalidCell)
    #expect(error?.cell == "B3")
    #expect(error?.sheet == "Sheet1")
  }

  @Test func rejectsAReferenceOutsideTheGrid() {
    for bad in ["XFE1", "A1048577", "A0", "1A"] {
      let error = catchError { _ = try grid("<sheetData><row><c r=\"\(bad)\"><v>1</v></c></row></sheetData>") }
      #expect(error?.code == .invalidCell, "\(bad)")
      #expect(error?.message.contains(bad) == true)
    }
  }

  @Test func typesNumbersByTheirFormat() throws {
    let styles = """
      <numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="0.00%"/></numFmts>
      <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="31"/><xf numFmtId="14"/></cellXfs>
      """
    let sheet = try grid(
      #"<sheetData><row r="1"><c r="A1" s="1"><v>44362</v></c><c r="B1" s="2"><v>1.5</v></c><c r="C1" s="3"><v>0.95</v></c><c r="D1" s="4"><v>44362</v></c><c r="E1" s="5"><v>-3</v></c><c r="F1" s="99"><v>7</v></c></row></sheetData>"#,
      styles: styles)
    #expect(value(sheet, "A1") == .date(ExcelDateTime(serial: 44362)))
    #expect(value(sheet, "B1") == .date(ExcelDateTime(serial: 1.5, isDuration: true)))
    #expect(value(sheet, "C1") == .number(0.95))
    #expect(value(sheet, "D1") == .date(ExcelDateTime(serial: 44362)))
    #expect(value(sheet, "E1") == .number(-3), "a negative serial stays a number")
    #expect(value(sheet, "F1") == .number(7), "an unknown style index is General")
  }

  @Test func readsThe1904DateSystem() throws {
    let sheet = try grid(
      #"<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c></row></sheetData>"#,
      styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#,
      workbookExtra: #"<workbookPr date1904="1"/>"#)
    guard case .date(let date) = value(sheet, "A1") else {
      Issue.record("A1 is not a date")
      return
    }
    #expect(date.uses1904)
    #expect(date.isoString == "1904-01-01T00:00:00")
  }

  @Test func toleratesMissingSharedStringsAndStyles() throws {
    let sheet = try grid(#"<sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData>"#)
    #expect(value(sheet, "A1") == .number(3))
  }

  @Test func streamsRowsInFileOrder() throws {
    var body = "<sheetData>"
    for row in 1...5000 { body += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(row)</v></c><c r=\"B\(row)\" t=\"inlineStr\"><is><t>行\(row)</t></is></c></row>" }
    body += "</sheetData>"
    let workbook = try Workbook(bytes: TestWorkbook.bytes(body))
    let cursor = try workbook.rows(of: workbook.sheets[0])
    var count = 0
    while let row = try cursor.next() {
      count += 1
      #expect(row.index == count - 1)
      #expect(row.cells.map(\.value) == [.number(Double(count)), .string("行\(count)")])
    }
    #expect(count == 5000)
    #expect(try cursor.next() == nil)
  }

  @Test func readsStrictOOXMLPackages() throws {
    let strictMain = "http://purl.oclc.org/ooxml/spreadsheetml/main"
    let strictRels = "http://purl.oclc.org/ooxml/officeDocument/relationships"
    var zip = TestZip()
    zip.add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"\(strictRels)/officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>")
    zip.add("xl/workbook.xml", "<workbook xmlns=\"\(strictMain)\" xmlns:r=\"\(strictRels)\"><sheets><sheet name=\"严格\" sheetId=\"1\" state=\"hidden\" r:id=\"r1\"/></sheets></workbook>")
    zip.add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" Type=\"\(strictRels)/worksheet\" Target=\"/xl/worksheets/s.xml\"/></Relationships>")
    zip.add("xl/worksheets/s.xml", "<worksheet xmlns=\"\(strictMain)\"><sheetData><row r=\"1\"><c r=\"A1\"><v>5</v></c></row></sheetData></worksheet>")
    let workbook = try Workbook(bytes: zip.bytes())
    #expect(workbook.sheets.map(\.name) == ["严格"])
    #expect(workbook.sheets[0].state == .hidden)
    #expect(try workbook.grid(of: workbook.sheets[0]).cells.map(\.value) == [.number(5)])
  }

  @Test func rejectsAPackageWithoutWorkbookRelationships() {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", "<sheetData/>")])
    zip.entries.removeAll { $0.name == "xl/_rels/workbook.xml.rels" }
    let error = catchError { _ = try Workbook(bytes: zip.bytes(), fileName: "x.xlsx") }
    #expect(error?.code == .missingPart)
    #expect(error?.part == "xl/_rels/workbook.xml.rels")
  }
}

@Suite("Hostile sheet shapes")
struct HostileSheetTests {
  @Test func hugeMergedRangesDoNotExplodeTheGrid() throws {
    var merges = ""
    for index in 0..<50 { merges += "<mergeCell ref=\"A\(index * 20_000 + 1):XFD\(index * 20_000 + 20_000)\"/>" }
    let bytes = TestWorkbook.bytes(
      "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData><mergeCells>\(merges)</mergeCells>")
    let workbook = try Workbook(bytes: bytes)
    let grid = try workbook.grid(of: workbook.sheets[0])
    #expect(grid.mergedRanges.count == 50)
    #expect(grid.displayedCell(at: CellReference("C5")!)?.value == .number(1))
    #expect(grid.mergedRange(containing: CellReference("B20001")!)?.description == "A20001:XFD40000")
  }

  @Test func anAbsurdISODateIsText() throws {
    let bytes = TestWorkbook.bytes(
      #"<sheetData><row r="1"><c r="A1" t="d"><v>999999999999999999-01-01</v></c></row></sheetData>"#)
    let workbook = try Workbook(bytes: bytes)
    #expect(try workbook.grid(of: workbook.sheets[0]).cells.map(\.value) == [.string("999999999999999999-01-01")])
  }
}
