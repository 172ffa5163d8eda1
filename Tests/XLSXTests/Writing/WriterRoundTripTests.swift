import Testing
@testable import XLSX

/// Workbooks written by the writer and read back by jixiao's own reader.
@Suite("Writer: round trips through the reader")
struct WriterRoundTripTests {
  @Test("Every feature: values, sheets, merges, number-format kinds")
  func featureWorkbook() throws {
    let bytes = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    let workbook = try Workbook(bytes: bytes)
    #expect(workbook.sheets.map(\.name) == [FeatureWorkbook.summary, FeatureWorkbook.details, FeatureWorkbook.empty])
    #expect(workbook.sheets.allSatisfy { $0.kind == .worksheet && $0.state == .visible })
    #expect(!workbook.uses1904DateSystem)

    let values = try WriterTestSupport.readBack(bytes)
    for (sheet, expected) in FeatureWorkbook.expected {
      let actual = try #require(values[sheet])
      #expect(Set(actual.keys) == Set(expected.keys), "\(sheet): cells present")
      for (reference, value) in expected {
        #expect(actual[reference] == value, "\(sheet)!\(reference)")
      }
    }
    // Exact code points, not just canonical equivalence; the sign of zero.
    let details = try #require(values[FeatureWorkbook.details])
    for (index, text) in FeatureWorkbook.texts.enumerated() {
      #expect(details[FeatureWorkbook.ref(index + 1, 0)]?.string.map { Array($0.utf8) } == Array(text.utf8))
    }
    #expect(details["B3"]?.number?.sign == .minus, "-0 keeps its sign through jixiao's reader")

    let grid = try workbook.grid(of: workbook.sheets[0])
    #expect(grid.mergedRanges == [CellRange("A6:F6")!])
  }

  @Test("Layout, links, notes and heights are in the sheet XML")
  func layoutInXML() throws {
    let bytes = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    let sheet = try WriterTestSupport.part("xl/worksheets/sheet1.xml", of: bytes)
    #expect(sheet.contains("<pane xSplit=\"1\" ySplit=\"1\" topLeftCell=\"B2\" activePane=\"bottomRight\" state=\"frozen\"/>"))
    #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"16.7109375\" customWidth=\"1\"/>"), "8 + 2 padding for 卫生健康委员会")
    #expect(sheet.contains("<row r=\"1\" ht=\"30\" customHeight=\"1\">"))
    #expect(sheet.contains("<autoFilter ref=\"A1:F5\"/>"))
    #expect(sheet.contains("<mergeCells count=\"1\"><mergeCell ref=\"A6:F6\"/></mergeCells>"))
    #expect(sheet.contains("<hyperlink ref=\"A7\" r:id=\"rId1\" tooltip=\"打开附件\"/>"))
    #expect(sheet.contains("<hyperlink ref=\"B7\" location=\"'指标明细'!A2\" display=\"'指标明细'!A2\"/>"))
    #expect(sheet.contains("<hyperlink ref=\"C7\" r:id=\"rId2\"/>"))
    #expect(sheet.contains("<legacyDrawing r:id=\"rId3\"/></worksheet>"))
    #expect(sheet.contains("<sheetView tabSelected=\"1\" workbookViewId=\"0\">"))

    let rels = try WriterTestSupport.part("xl/worksheets/_rels/sheet1.xml.rels", of: bytes)
    #expect(rels.contains("Target=\"附件/说明%201.xlsx\" TargetMode=\"External\""))
    #expect(rels.contains("Target=\"https://example.com/jixiao?a=1&amp;b=2\" TargetMode=\"External\""))
    #expect(rels.contains("Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing\" Target=\"../drawings/vmlDrawing1.vml\""))
    #expect(rels.contains("Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"../comments1.xml\""))

    let comments = try WriterTestSupport.part("xl/comments1.xml", of: bytes)
    #expect(comments.contains("<authors><author>jixiao</author><author>审核人</author></authors>"), "authors in cell order")
    #expect(comments.contains("<comment ref=\"A3\" authorId=\"1\">"))
    #expect(comments.contains("<t>数据来源：2024 年决算报表\n第二行</t>"))
    let secondComments = try WriterTestSupport.part("xl/comments2.xml", of: bytes)
    #expect(secondComments.contains("<t>_x005F_x0041_ 字面量与 &lt;标记&gt; &amp; 符号</t>"))
    let secondDrawing = try WriterTestSupport.part("xl/drawings/vmlDrawing2.vml", of: bytes)
    #expect(secondDrawing.contains("<o:idmap v:ext=\"edit\" data=\"2\"/>"), "shape-id blocks differ per drawing")
    #expect(secondDrawing.contains("id=\"_x0000_s2049\""))

    let details = try WriterTestSupport.part("xl/worksheets/sheet2.xml", of: bytes)
    #expect(details.contains("<row r=\"20\" ht=\"20\" customHeight=\"1\">"), "rows may be skipped")
    #expect(details.contains("<row r=\"12\">") && !details.contains("<row r=\"13\""))
    // (A cell right after the previous one of its row comes without its reference.)
    func row(_ number: Int) -> Substring {
      guard let start = details.firstRange(of: "<row r=\"\(number)\">")?.upperBound,
        let end = details[start...].firstRange(of: "</row>")?.lowerBound
      else { return "" }
      return details[start..<end]
    }
    #expect(row(4).wholeMatch(of: #/<c s="\d+" t="s"><v>\d+</v></c><c><v>[^<]+</v></c><c s="\d+"/>/#) != nil,
      "a styled empty cell is written blank, C4: \(row(4))")
    #expect(row(3).contains("</c><c><v>-0</v></c>"), "B3: \(row(3))")

    let emptySheet = try WriterTestSupport.part("xl/worksheets/sheet3.xml", of: bytes)
    #expect(emptySheet.contains("<sheetData></sheetData>"))
    #expect(try WriterTestSupport.parts(of: bytes).allSatisfy { !$0.name.contains("sheet3.xml.rels") })

    let workbookXML = try WriterTestSupport.part("xl/workbook.xml", of: bytes)
    #expect(workbookXML.contains("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'汇总'!$A$1:$F$5</definedName>"))
    let types = try WriterTestSupport.part("[Content_Types].xml", of: bytes)
    #expect(types.contains("/xl/comments2.xml"))
    #expect(types.contains("Extension=\"vml\""))
  }

  @Test("Parts come in a fixed order")
  func partOrder() throws {
    let bytes = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    #expect(
      try WriterTestSupport.parts(of: bytes).map(\.name) == [
        "xl/worksheets/sheet1.xml", "xl/worksheets/_rels/sheet1.xml.rels", "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml", "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels",
        "xl/comments2.xml", "xl/drawings/vmlDrawing2.vml", "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml",
        "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docProps/app.xml", "docProps/core.xml",
        "_rels/.rels", "[Content_Types].xml",
      ])
  }

  @Test("Styles are shared: equal styles give one cell format")
  func styleDeduplication() throws {
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "s")
      for row in 0..<50 {
        try sheet.appendRow([
          .number(Double(row), style: CellStyle(bold: true)),
          .number(Double(row), style: CellStyle(bold: true, numberFormat: .twoDecimals)),
          .number(Double(row), style: CellStyle(bold: true)),
          .date(ExcelDateTime(serial: 45_000 + Double(row))),
        ])
      }
    }
    let styles = try WriterTestSupport.part("xl/styles.xml", of: bytes)
    #expect(styles.contains("<cellXfs count=\"4\">"), "default, bold, bold 0.00, date")
    #expect(styles.contains("<fonts count=\"2\">"))
    #expect(styles.contains("<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"))
    let workbook = try Workbook(bytes: bytes)
    #expect(workbook.numberFormatKinds == [.number, .number, .number, .dateTime])
  }

  @Test("Dates get a date format unless their style has one; 1904 serials are converted")
  func dates() throws {
    let day = ExcelDateTime(year: 2024, month: 12, day: 31)!
    let moment = ExcelDateTime(year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 59)!
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "日期")
      try sheet.appendRow([
        .date(day), .date(moment), .date(day, style: CellStyle(numberFormat: "yyyy\"年\"m\"月\"d\"日\"")),
        .date(day, style: CellStyle(numberFormat: .twoDecimals)), .date(ExcelDateTime(serial: 1, uses1904: true)),
      ])
    }
    let values = try WriterTestSupport.readBack(bytes)["日期"] ?? [:]
    #expect(values["A1"] == .date(day))
    #expect(values["B1"] == .date(moment))
    #expect(values["C1"] == .date(day))
    #expect(values["D1"] == .number(day.serial), "the caller's number format wins")
    #expect(values["E1"] == .date(ExcelDateTime(serial: 1463)))
    #expect(day.serial == 45_657)
    #expect(ExcelDateTime(year: 1900, month: 2, day: 28)?.serial == 59)
    #expect(ExcelDateTime(year: 1900, month: 3, day: 1)?.serial == 61)
    #expect(ExcelDateTime(year: 2023, month: 2, day: 29) == nil)
    let styles = try WriterTestSupport.part("xl/styles.xml", of: bytes)
    #expect(styles.contains("formatCode=\"yyyy-mm-dd\""))
    #expect(styles.contains("formatCode=\"yyyy-mm-dd hh:mm:ss\""))
    #expect(styles.contains("formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\""))
  }

  @Test("Canonically equivalent strings stay distinct shared strings")
  func exactSharedStrings() throws {
    let composed = "caf\u{E9}"
    let decomposed = "cafe\u{301}"
    #expect(composed == decomposed, "Swift's String == folds them")
    let bytes = try WriterTestSupport.workbookBytes { writer in
      try writer.addSheet(named: "s").appendRow([.string(composed), .string(decomposed), .string(composed)])
    }
    let workbook = try Workbook(bytes: bytes)
    #expect(workbook.sharedStrings.map { Array($0.utf8) } == [Array(composed.utf8), Array(decomposed.utf8)])
    let values = try WriterTestSupport.readBack(bytes)["s"] ?? [:]
    #expect(values["B1"]?.string.map { Array($0.utf8) } == Array(decomposed.utf8))
  }

  @Test("A cell of 32,767 characters and a row of 16,384 columns round-trip")
  func limitsReached() throws {
    let long = String(repeating: "绩", count: 32_766) + "😀".prefix(0) + "效"
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "s")
      try sheet.appendRow([.string(long)])
      try sheet.writeRow(at: CellReference.maxRows - 1, (0..<CellReference.maxColumns).map { .number(Double($0)) })
    }
    let workbook = try Workbook(bytes: bytes)
    var rows: [Row] = []
    try workbook.forEachRow(in: workbook.sheets[0]) { rows.append($0) }
    #expect(rows.count == 2)
    #expect(rows[0].cells[0].value == .string(long))
    #expect(long.utf16.count == 32_767)
    #expect(rows[1].index == 1_048_575)
    #expect(rows[1].cells.count == 16_384)
    #expect(rows[1].cells.last?.reference.description == "XFD1048576")
    #expect(rows[1].cells.last?.value == .number(16_383))
  }

  @Test("Writing to a file gives the same bytes as writing to memory")
  func fileMatchesMemory() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/绩效 汇总.xlsx"
    let writer = try WorkbookWriter(path: path)
    try FeatureWorkbook.build(writer)
    try writer.close()
    #expect(writer.bytes.isEmpty)
    let memory = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    let onDisk = try Array(readFile(path))
    #expect(onDisk == memory)
    let values = try WriterTestSupport.readBack(onDisk)
    #expect(values[FeatureWorkbook.summary]?["A2"] == .string("财政局"))
  }

  @Test(
    "A cell right after the previous one has no reference unless the options ask for all; both read back the same",
    arguments: [true, false])
  func impliedReferences(implied: Bool) throws {
    let boxed = CellStyle(border: CellBorder(.thin))
    let options = WorkbookWriter.Options(impliesCellReferences: implied)
    let bytes = try WriterTestSupport.workbookBytes(options: options) { writer in
      let sheet = try writer.addSheet(named: "表")
      // A1 B1 C1 in a run; D1 skipped; E1 an error; F1 blank but styled; G1 after it.
      try sheet.appendRow(["甲", 1.5, true, .empty, WriterCell(.error("#N/A")), .init(.empty, style: boxed), "乙"])
      // A row that starts at column C, then a gap of one column.
      try sheet.writeRow(at: 2, [.empty, .empty, "丙", .empty, 4])
    }
    let xml = try WriterTestSupport.part("xl/worksheets/sheet1.xml", of: bytes)
    let referenced = xml.split(separator: "<c").dropFirst().map { $0.hasPrefix(" r=\"") }
    #expect(referenced.count == 8)
    if implied {
      // A1 B1 C1 E1 F1 G1 C3 E3: only the first after a gap, and a row not starting at A.
      #expect(referenced == [false, false, false, true, false, false, true, true])
      #expect(xml.contains("<row r=\"1\"><c t=\"s\"><v>0</v></c><c><v>1.5</v></c><c t=\"b\"><v>1</v></c><c r=\"E1\" t=\"e\">"))
    } else {
      #expect(referenced.allSatisfy { $0 })
    }
    // (F1, blank, has no value to read back; G1 in its place shows that it was counted.)
    let values = try #require(try WriterTestSupport.readBack(bytes)["表"])
    #expect(
      values == [
        "A1": .string("甲"), "B1": .number(1.5), "C1": .bool(true), "E1": .error("#N/A"), "G1": .string("乙"),
        "C3": .string("丙"), "E3": .number(4),
      ])
  }
}

import Foundation

func readFile(_ path: String) throws -> Data {
  try Data(contentsOf: URL(fileURLWithPath: path))
}
