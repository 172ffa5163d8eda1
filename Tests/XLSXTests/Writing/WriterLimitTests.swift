import Testing
@testable import XLSX

/// Excel's limits and the writer's rules, each refused with `invalid-value` before
/// anything is written, and the writer still usable afterwards.
@Suite("Writer: limits and errors")
struct WriterLimitTests {
  /// The error `body` throws (nil if none).
  private func error(_ body: () throws -> Void) -> XLSXError? {
    do {
      try body()
      return nil
    } catch let error as XLSXError {
      return error
    } catch {
      Issue.record("not an XLSXError: \(error)")
      return nil
    }
  }

  @Test(
    "Sheet names: empty, over 31 characters, []:*?/\\, apostrophes at the ends, History, control characters",
    arguments: [
      "", String(repeating: "表", count: 32), "a[b", "a]b", "a:b", "a*b", "a?b", "a/b", "a\\b", "'引号", "引号'",
      "History", "HISTORY", "tab\u{1}", "😀" + String(repeating: "a", count: 30),
    ])
  func badSheetNames(name: String) throws {
    let writer = try WorkbookWriter()
    let failure = error { _ = try writer.addSheet(named: name) }
    #expect(failure?.code == .invalidValue, "\(name)")
    #expect(failure?.message.contains("工作表名") == true)
    _ = try writer.addSheet(named: "正常")
    try writer.close()
  }

  @Test("Sheet names: 31 characters, inner apostrophes and CJK are fine; duplicates ignore case")
  func sheetNames() throws {
    let writer = try WorkbookWriter()
    _ = try writer.addSheet(named: String(repeating: "表", count: 31))
    _ = try writer.addSheet(named: "Bob's 表")
    _ = try writer.addSheet(named: "Sheet1")
    #expect(error { _ = try writer.addSheet(named: "SHEET1") }?.message.contains("重名") == true)
    #expect(error { _ = try writer.addSheet(named: "Bob's 表") }?.code == .invalidValue)
    try writer.close()
    #expect(try Workbook(bytes: writer.bytes).sheets.count == 3)
  }

  @Test("Cell text: 32,768 UTF-16 units is too long (an emoji counts 2), 32,767 fits")
  func textLength() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    let tooLong = error { try sheet.appendRow(["ok", .string(String(repeating: "字", count: 32_768))]) }
    #expect(tooLong?.code == .invalidValue)
    #expect(tooLong?.cell == "B1")
    #expect(tooLong?.sheet == "s")
    #expect(error { try sheet.appendRow([.string(String(repeating: "😀", count: 16_384))]) }?.code == .invalidValue)
    #expect(sheet.nextRow == 0, "a refused row writes nothing")
    try sheet.appendRow([.string(String(repeating: "字", count: 32_767)), .string(String(repeating: "😀", count: 16_383))])
    try writer.close()
    let values = try WriterTestSupport.readBack(writer.bytes)["s"] ?? [:]
    #expect(values.count == 2)
    #expect(values["A1"]?.string?.count == 32_767)
  }

  @Test("Grid: row 1,048,577 and column 16,385 are outside Excel's grid")
  func grid() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    #expect(error { try sheet.writeRow(at: 1_048_576, ["x"]) }?.message.contains("1048576") == true)
    #expect(
      error { try sheet.appendRow(Array(repeating: "x", count: 16_385)) }?.message.contains("16384") == true)
    #expect(error { try sheet.merge(CellRange(first: .init(row: 0, column: 0), last: .init(row: 0, column: 16_384))) }?.code == .invalidValue)
    #expect(error { try sheet.addComment(at: CellReference(row: -1, column: 0), text: "x") }?.code == .invalidValue)
    try sheet.writeRow(at: 1_048_575, ["最后一行"])
    #expect(error { try sheet.appendRow(["x"]) }?.code == .invalidValue, "no row after the last one")
    try writer.close()
  }

  @Test("Rows must come in increasing order")
  func rowOrder() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    try sheet.writeRow(at: 5, ["a"])
    let failure = error { try sheet.writeRow(at: 5, ["b"]) }
    #expect(failure?.code == .invalidValue)
    #expect(failure?.message.contains("递增") == true)
    #expect(error { try sheet.writeRow(at: 2, ["b"]) }?.code == .invalidValue)
    try sheet.appendRow(["c"])
    try writer.close()
    #expect(try WriterTestSupport.readBack(writer.bytes)["s"] == ["A6": .string("a"), "A7": .string("c")])
  }

  @Test("Values: NaN, infinity, unknown error text, dates Excel cannot show")
  func values() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    for bad: CellValue in [
      .number(.nan), .number(.infinity), .number(-.infinity), .error("#OOPS"), .error("N/A"),
      .date(ExcelDateTime(serial: -1)), .date(ExcelDateTime(serial: 2_958_466)), .date(ExcelDateTime(serial: .nan)),
    ] {
      let failure = error { try sheet.appendRow([WriterCell(bad)]) }
      #expect(failure?.code == .invalidValue, "\(bad)")
      #expect(failure?.cell == "A1")
    }
    #expect(error { try sheet.appendRow(["a"], height: 410) }?.code == .invalidValue)
    #expect(error { try sheet.appendRow(["a"], height: -1) }?.code == .invalidValue)
    #expect(error { try sheet.appendRow([.number(1, style: CellStyle(numberFormat: ""))]) }?.code == .invalidValue)
    #expect(error { try sheet.appendRow([.number(1, style: CellStyle(numberFormat: "0\u{1}"))]) }?.code == .invalidValue)
    for error in excelErrorValues.sorted() { try sheet.appendRow([WriterCell(.error(error))]) }
    try writer.close()
    #expect(try WriterTestSupport.readBack(writer.bytes)["s"]?.count == excelErrorValues.count)
  }

  @Test("Layout: frozen panes, widths and autofilter inside the grid")
  func layout() throws {
    let writer = try WorkbookWriter()
    for layout in [
      SheetLayout(frozenRows: -1), SheetLayout(frozenRows: 1_048_576), SheetLayout(frozenColumns: 16_384),
      SheetLayout(columnWidths: [10, 256]), SheetLayout(columnWidths: [-1]), SheetLayout(columnWidths: [.nan]),
      SheetLayout(autoFilter: CellRange(first: .init(row: 0, column: 0), last: .init(row: 1_048_576, column: 0))),
    ] {
      #expect(error { _ = try writer.addSheet(named: "s", layout: layout) }?.code == .invalidValue, "\(layout)")
    }
    _ = try writer.addSheet(named: "s", layout: SheetLayout(columnWidths: [0, 255], frozenRows: 1_048_575))
    try writer.close()
  }

  @Test("Merges: one cell, overlaps")
  func merges() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    #expect(error { try sheet.merge(CellRange("B2:B2")!) }?.message.contains("一个单元格") == true)
    try sheet.merge(CellRange("A1:C2")!)
    #expect(error { try sheet.merge(CellRange("C2:D3")!) }?.message.contains("重叠") == true)
    #expect(error { try sheet.merge(CellRange("A1:A2")!) }?.code == .invalidValue)
    try sheet.merge(CellRange("D1:D2")!)
    try writer.close()
    #expect(try Workbook(bytes: writer.bytes).grid(of: Workbook(bytes: writer.bytes).sheets[0]).mergedRanges.count == 2)
  }

  @Test("Hyperlinks and notes: one per cell, non-empty targets, link length, targets that exist")
  func linksAndNotes() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "s")
    let a1 = CellReference("A1")!
    try sheet.addHyperlink(at: a1, to: .url("https://example.com"))
    #expect(error { try sheet.addHyperlink(at: a1, to: .file("b.xlsx")) }?.message.contains("已有超链接") == true)
    #expect(error { try sheet.addHyperlink(at: CellReference("A2")!, to: .file("")) }?.code == .invalidValue)
    #expect(
      error { try sheet.addHyperlink(at: CellReference("A2")!, to: .url(String(repeating: "a", count: 2080))) }?.code
        == .invalidValue)
    #expect(error { try sheet.addHyperlink(at: CellReference("A2")!, to: .url("a\u{0}b")) }?.code == .invalidValue)
    #expect(
      error { try sheet.addHyperlink(at: CellReference("A2")!, to: .cell(sheet: "", reference: a1)) }?.code
        == .invalidValue)
    try sheet.addComment(at: a1, text: "批注")
    #expect(error { try sheet.addComment(at: a1, text: "again") }?.message.contains("已有批注") == true)
    #expect(
      error { try sheet.addComment(at: CellReference("B1")!, text: String(repeating: "x", count: 32_768)) }?.code
        == .invalidValue)
    try writer.close()
  }

  @Test("File link targets: relative, Windows, UNC and POSIX paths; characters URIs cannot hold")
  func fileTargets() {
    #expect(SheetWriter.fileTarget("sub/a.xlsx") == "sub/a.xlsx")
    #expect(SheetWriter.fileTarget("..\\上级\\b 1.xlsx") == "../上级/b%201.xlsx")
    #expect(SheetWriter.fileTarget("C:\\报表\\a#1.xlsx") == "file:///C:/报表/a%231.xlsx")
    #expect(SheetWriter.fileTarget("\\\\server\\share\\a.xlsx") == "file://server/share/a.xlsx")
    #expect(SheetWriter.fileTarget("/srv/表 格/100%.xlsx") == "file:///srv/表%20格/100%25.xlsx")
    #expect(SheetWriter.fileTarget("") == "")
    #expect(SheetWriter.fileTarget("a\u{1}\u{7F}\"#%<>^`{|}b") == "a%01%7F%22%23%25%3C%3E%5E%60%7B%7C%7Db")
    #expect(SheetWriter.fileTarget("c:/x 1.xlsx") == "file:///c:/x%201.xlsx")
    #expect(SheetWriter.fileTarget("//srv/a.xlsx") == "file://srv/a.xlsx")
    #expect(SheetWriter.fileTarget("C:") == "C:", "too short for a drive path")
  }

  @Test("Characters XML cannot carry are named by their code point")
  func forbiddenCharacters() {
    #expect(XMLText.firstForbiddenCharacter(in: "项目\t\n\r ok") == nil)
    #expect(XMLText.firstForbiddenCharacter(in: "a\u{1}b\u{2}") == "0001")
    #expect(XMLText.firstForbiddenCharacter(in: "\u{0}") == "0000")
    #expect(XMLText.firstForbiddenCharacter(in: "项\u{1F}") == "001F")
    #expect(XMLText.firstForbiddenCharacter(in: "项\u{FFFE}") == "FFFE")
    #expect(XMLText.firstForbiddenCharacter(in: "\u{FFFF}\u{1}") == "FFFF")
    // Neighbours of U+FFFE / U+FFFF in UTF-8 are allowed.
    #expect(XMLText.firstForbiddenCharacter(in: "\u{FFFD}\u{FFBE}\u{FEFF}\u{EFBF}\u{10FFFF}") == nil)
  }

  @Test("A link to a sheet that never comes fails the close, and no file is written")
  func linkToMissingSheet() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let writer = try WorkbookWriter(path: directory + "/out.xlsx")
    let sheet = try writer.addSheet(named: "s")
    try sheet.addHyperlink(at: CellReference("A1")!, to: .cell(sheet: "不存在", reference: CellReference("A1")!))
    let failure = error { try writer.close() }
    #expect(failure?.code == .invalidValue)
    #expect(failure?.message.contains("不存在") == true)
    #expect(WriterTestSupport.directoryListing(directory).isEmpty)
    #expect(error { try writer.close() }?.code == .invalidValue, "the writer stays failed")
  }

  @Test("A workbook needs a sheet; closed writers and finished sheets refuse more")
  func lifecycle() throws {
    let empty = try WorkbookWriter()
    #expect(error { try empty.close() }?.message.contains("至少需要一个工作表") == true)

    let writer = try WorkbookWriter()
    let first = try writer.addSheet(named: "一")
    _ = try writer.addSheet(named: "二")
    #expect(error { try first.appendRow(["late"]) }?.message.contains("已写完") == true)
    try writer.close()
    #expect(error { _ = try writer.addSheet(named: "三") }?.message.contains("已关闭") == true)
    #expect(error { try writer.close() }?.code == .invalidValue)

    #expect(error { _ = try WorkbookWriter(options: .init(compressionLevel: 10)) }?.code == .invalidValue)
    #expect(
      error { _ = try WorkbookWriter(options: .init(properties: DocumentProperties(title: "a\u{2}"))) }?.code
        == .invalidValue)
  }

  @Test("Error messages are Chinese with the stable code")
  func errorDescription() throws {
    let writer = try WorkbookWriter()
    let sheet = try writer.addSheet(named: "汇总")
    let failure = try #require(error { try sheet.appendRow([.number(1), .number(.nan)]) })
    #expect(failure.description == "工作表「汇总」，单元格 B1：数值 nan 不是有限数，Excel 无法保存 [invalid-value]")
  }
}
