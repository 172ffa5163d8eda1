import Foundation
import Testing
@testable import XLSX
import _XLSXTestSupport

/// Cells read ahead of libxml2 (``PrereadCells``): the reading is the same as libxml2's
/// alone (rows, cells, formulas, errors and what comes after them), and the cells that can
/// be read ahead are.
@Suite("Cells read ahead of the parser")
struct PrereadCellsTests {
  typealias Differential = CellBlankingDifferentialTests

  /// The cells read ahead in every sheet of `workbook`, after checking that the reading is
  /// the same with and without.
  static func prereadCount(_ workbook: Workbook, name: String) throws -> Int {
    Differential.compare(workbook, name: name)
    var count = 0
    for sheet in workbook.sheets {
      let cursor = try workbook.rows(of: sheet)
      while (try? cursor.next()) ?? nil != nil {}
      count += cursor.prereadCells
    }
    return count
  }

  /// Worksheets (the rows inside `<sheetData>`) and how many of their cells are read ahead.
  static let cases: [(rows: String, preread: Int)] = [
    // Every kind of value, quotes of either kind, `>` and line breaks in a text.
    (
      #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>1.5</v></c>"#
        + #"<c r="C1" t="inlineStr"><is><t>项目名称 (5 分)</t></is></c><c r="D1"><f>SUM(B1:B1)</f><v>1.5</v></c>"#
        + #"<c r="E1"><f>B1*2</f></c><c r="F1" t="b"><v>1</v></c><c r="G1" t="e"><v>#N/A</v></c>"#
        + #"<c r="H1" t="str"><f>A1</f><v>x</v></c><c r='I1' s='3' t='inlineStr'><is><t>a > b"#
        + "\n\tc\u{85}</t></is></c><c r=\"J1\" s=\"1\"/></row>",
      10
    ),
    // Cells and rows without `r`: each cell takes the next column.
    (
      #"<row><c t="inlineStr"><is><t>甲</t></is></c><c s="1"/><c><v>2</v></c></row>"#
        + #"<row><c s="3"><v>4</v></c><c s="1" t="inlineStr"><is><t>乙</t></is></c><c><f>A2</f></c></row>"#,
      6
    ),
    // Cells libxml2 reads (a reference, `t` before `s`, a shared formula) between cells
    // read ahead: a cell without `r` after one of them is left to libxml2 too; so are the
    // cells with `r` once one of them was not `<c r="…"` on the row.
    (
      #"<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t>A&amp;B</t></is></c><c><v>3</v></c>"#
        + #"<c r="D3" t="n" s="1"><v>4</v></c><c r="E3"><f t="shared" ref="E3:E4" si="0">A3</f><v>1</v></c>"#
        + #"<c><v>5</v></c><c r="G3"><v>6</v></c><c><v>7</v></c></row>"#,
      1
    ),
    // A cell whose `r` is on another row starts that row: it is left to libxml2 (a cell
    // read ahead never ends a row), and so are the cells after it.
    (#"<row r="5"><c r="A5"><v>1</v></c><c r="B6"><v>2</v></c><c><v>3</v></c><c r="C6"><v>4</v></c></row>"#, 1),
    // Cells without `r` in a row with `r` leave it clean.
    (#"<row r="9"><c t="inlineStr"><is><t>a</t></is></c><c r="B9"><v>2</v></c><c/><c r="D9" s="1"/></row>"#, 4),
    // Texts libxml2 would not pass on as written, and a cell inside an inline string.
    (
      #"<row r="7"><c r="A7" t="inlineStr"><is><t>]]</t></is></c><c r="B7" t="inlineStr"><is><t>a"#
        + "\r\nb</t></is></c>"
        + #"<c r="C7" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>"#
        + #"<c r="D7" t="inlineStr"><is><t>x</t><c r="E7"><v>1</v></c></is></c><c r="F7"><v>2</v></c></row>"#,
      1
    ),
    // The same row number twice, and a row with cells past the first ones read ahead.
    (
      #"<row r="8"><c r="A8"><v>1</v></c></row><row r="8"><c r="A8"><v>2</v></c><c r="B8"><v>3</v></c></row>"#,
      3
    ),
  ]

  @Test("Each worksheet reads the same, with the cells that can be read ahead read so", arguments: cases.indices)
  func readsTheSame(_ index: Int) throws {
    let workbook = try Differential.workbook(Self.cases[index].rows)
    #expect(try Self.prereadCount(workbook, name: "case \(index)") == Self.cases[index].preread)
  }

  /// Cells whose reading fails are left to libxml2, which reports them at their place.
  static let failing: [String] = [
    #"<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"><v>7</v></c><c r="C1"><v>3</v></c></row>"#,
    #"<row><c><v>1</v></c><c t="s"><v>1</v></c><c><v>3</v></c></row>"#,
    "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>\u{FFFE}</t></is></c></row>",
    "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><f>\u{1}</f><v>1</v></c></row>",
    #"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>1</v>"#,
  ]

  @Test("A failing cell fails the same way, at its place", arguments: failing.indices)
  func failsTheSame(_ index: Int) throws {
    let workbook = try Differential.workbook(Self.failing[index])
    #expect(try Self.prereadCount(workbook, name: "failing \(index)") >= 1)
  }

  /// A worksheet with a cell read ahead, whose inline text is `text`, and a tag mismatch
  /// after it on the last line.
  static func mismatchAfter(_ text: String) -> [UInt8] {
    Array(
      CellBlankerTests.sheet(
        #"<row r="1"><c r="A1" t="inlineStr"><is><t>"# + text + #"</t></is></c><c r="B1"><v>1</v></c></row>"#
          + #"<roTw r="2"><c r="A2"><v>2</v></c></row>"#
      ).utf8)
  }

  @Test("A later error keeps its line, and its column after an ASCII text", arguments: [7, 64, 4096])
  func errorPlaceStays(_ chunkSize: Int) throws {
    for (text, columnStays) in [("a\nb\n\tc", true), ("てすと\n項目\né", false)] {
      try Self.mismatchAfter(text).withUnsafeBytes { payload in
        let plain = ReaderFuzzHarness.readWorksheet(payload, chunkSize: chunkSize, blanking: false)
        let filtered = ReaderFuzzHarness.readWorksheet(payload, chunkSize: chunkSize, blanking: true)
        let error = try #require(plain.error)
        #expect(error.line == 4)
        #expect(filtered.error?.line == error.line)
        if columnStays { #expect(filtered.error?.column == error.column) }
        #expect(filtered.cells == plain.cells)
        if chunkSize == 4096 { #expect(filtered.columnsMayShift == !columnStays) }
      }
    }
    // Whatever the column, the reader reports the error of an unfiltered read.
    let workbook = try Differential.workbook(
      #"<row r="1"><c r="A1" t="inlineStr"><is><t>てすと</t></is></c></row><roTw r="2"><c r="A2"><v>2</v></c></row>"#)
    #expect(try Self.prereadCount(workbook, name: "mismatch after 3 wide characters") == 1)
  }

  @Test("A part with a byte order mark reads the same (offsets count the mark)", arguments: [5, 4096])
  func byteOrderMark(_ chunkSize: Int) {
    let part = [0xEF, 0xBB, 0xBF] + Array(
      CellBlankerTests.sheet(
        #"<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" si="0">A1</f><v>1</v></c><c r="C1"><v>3</v></c>"#
          + #"<c r="D1" t="inlineStr"><is><t>四</t></is></c></row><row><c><v>5</v></c><c t="e"><v>#N/A</v></c></row>"#
      ).utf8)
    part.withUnsafeBytes { payload in
      let plain = ReaderFuzzHarness.readWorksheet(payload, chunkSize: chunkSize, blanking: false)
      let filtered = ReaderFuzzHarness.readWorksheet(payload, chunkSize: chunkSize, blanking: true)
      #expect(plain.error == nil && filtered.error == nil)
      #expect(plain.cells.map(\.reference.description) == ["A1", "B1", "C1", "D1", "A2", "B2"])
      #expect(filtered.cells == plain.cells)
    }
  }

  @Test("A 16,385th cell without r fails as it does without reading ahead")
  func tooManyColumns() throws {
    let rows = "<row>" + String(repeating: "<c><v>1</v></c>", count: CellReference.maxColumns + 1) + "</row>"
    let workbook = try Differential.workbook(rows)
    // A cell cut by the end of a chunk is left to libxml2, and so are the cells without
    // `r` after it in its row (their column is no longer known).
    let count = try Self.prereadCount(workbook, name: "16385 cells")
    #expect(count > 1_000 && count <= CellReference.maxColumns)
    let cursor = try workbook.rows(of: try #require(workbook.sheets.first))
    #expect(throws: XLSXError.self) { while try cursor.next() != nil {} }
  }

  @Test("A row of very many cells does not make them all wait: past the bound, libxml2 reads them")
  func waitingIsBounded() throws {
    let count = PrereadCells.maxWaitingCells * 2 + 100
    let rows = #"<row r="1">"# + String(repeating: #"<c r="A1"/>"#, count: count) + #"<c r="B1"><v>2</v></c></row>"#
    // Read by the cursor (64 KiB chunks: the row stops being read ahead where a chunk cuts
    // a cell), the same as without reading ahead.
    let workbook = try Differential.workbook(rows)
    #expect(try Self.prereadCount(workbook, name: "a row of \(count) empty cells") > 1_000)
    // The part in one chunk: the first cells wait, up to the bound; libxml2 reads the rest.
    let handler = WorksheetHandler(sharedStrings: workbook.sharedStrings, formatKinds: [], uses1904: false, limits: ReadLimits())
    var blanker = CellBlanker(preread: handler.preread)
    let parser = try SAXParser(handler: handler, fileName: "bound.xlsx", partName: "sheet")
    var part = Array(CellBlankerTests.sheet(rows).utf8)
    try part.withUnsafeMutableBytes { bytes in
      blanker.blank(bytes)
      try parser.feed(UnsafeRawBufferPointer(bytes), isLast: true)
    }
    // Read ahead up to the bound, then none: no libxml2 event came in between.
    #expect(blanker.prereadCells == PrereadCells.maxWaitingCells)
    #expect(handler.pendingRows.map(\.cells.count) == [1])
  }

  @Test("Squeezed, each blanked cell leaves one space, line feeds stay, and the cells come in at their place")
  func squeezedCells() throws {
    // C1 has an attribute the blanker does not read: libxml2 parses it, between cells
    // read ahead, which must come in before and after it.
    let rows = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" cm="1"><v>7</v></c>"#
      + #"<c r="D1"><v>2.5</v></c></row>"#
      + "\n" + #"<row r="2"><c r="A2" t="inlineStr"><is><t>甲"#
      + "\n" + #"乙</t></is></c><c r="B2" s="1"><f>C1</f><v>5</v></c></row>"#
    let workbook = try Differential.workbook(rows)
    func read(squeezing: Bool) throws -> (text: String, rows: [[String]]) {
      let (handler, blanker, text) = try Self.blankAndParse(rows, sharedStrings: workbook.sharedStrings, squeezing: squeezing)
      #expect(blanker.prereadCells == 4)
      return (text, handler.pendingRows.map { $0.cells.map { "\($0.reference)=\($0.value)" } })
    }
    let spaced = try read(squeezing: false)
    let squeezed = try read(squeezing: true)
    #expect(squeezed.rows == spaced.rows)
    #expect(squeezed.rows.map { $0.map { $0.prefix(2) } } == [["A1", "C1", "D1"], ["A2", "B2"]])
    // A1, B1 (empty), D1 and B2 each leave one space; A2, whose text holds a line feed,
    // keeps its length and its line feed.
    #expect(squeezed.text.contains(#"<row r="1">  <c r="C1" cm="1"><v>7</v></c> </row>"#), "\(squeezed.text)")
    #expect(squeezed.text.contains("\n" + #"<row r="2">"#))
    #expect(squeezed.text.filter { $0 == "\n" }.count == spaced.text.filter { $0 == "\n" }.count)
    #expect(squeezed.text.utf8.count < spaced.text.utf8.count)
  }

  @Test("Over many chunks, cells read ahead wait for their row and keep their order")
  func manyChunks() throws {
    var rows = ""
    for number in 1...3000 {
      rows += #"<row r="\#(number)"><c r="A\#(number)"><v>\#(number)</v></c><c t="inlineStr"><is><t>第\#(number)行</t></is></c>"#
      rows += number % 5 == 0 ? #"<c r="C\#(number)"><v>&#51;</v></c>"# : #"<c r="C\#(number)"><f>A\#(number)</f></c>"#
      rows += #"<c s="1"/><c><v>\#(number).5</v></c></row>"#
    }
    let workbook = try Differential.workbook(rows)
    // Five cells a row, but two when the third holds a reference; a few more are left to
    // libxml2 where a chunk ends.
    let count = try Self.prereadCount(workbook, name: "3000 rows")
    #expect(count > 13_000 && count <= 3000 * 5 - 3000 / 5 * 3)
    let grid = try workbook.grid(of: try #require(workbook.sheets.first))
    #expect(grid[CellReference(row: 2999, column: 1)]?.value == .string("第3000行"))
    #expect(grid[CellReference(row: 2999, column: 2)]?.value == .number(3))
    #expect(grid[CellReference(row: 2998, column: 2)]?.formula == "A2999")
    #expect(grid[CellReference(row: 2998, column: 4)]?.value == .number(2999.5))
  }

  /// `<mergeCell ref="…"/>` tags read ahead, and the ones left to libxml2 (which the
  /// handler reads or ignores as before): another attribute, a `$`, no range, content,
  /// inside `<sheetData>`.
  @Test("Merged ranges are read ahead in their order; the others are left to libxml2", arguments: [4096, 23])
  func mergedRanges(_ chunkSize: Int) throws {
    let rows = #"<row r="1"><c r="A1"><v>1</v></c></row><mergeCell ref="P1:P2"/>"#
    let merges =
      #"<mergeCells count="9"><mergeCell ref="A1:B2"/><mergeCell ref='C3:D4'/><mergeCell ref="E5:F6" x="1"/>"#
      + #"<mergeCell ref="$G$7:H8"/><mergeCell ref="K11"/><mergeCell ref="A1:ZZZZ1"/>"#
      + "\n" + #"<mergeCell ref="L12:M13"></mergeCell><mergeCell ref="N14:O15"/></mergeCells>"#
    let workbook = try Differential.workbook(rows, trailer: "</sheetData>" + merges)
    Differential.compare(workbook, name: "merged ranges")
    let sheet = try #require(workbook.sheets.first)
    let cursor = try workbook.rows(of: sheet)
    while try cursor.next() != nil {}
    #expect(cursor.prereadMergedRanges == 4)  // A1:B2, C3:D4, K11, N14:O15
    #expect(
      cursor.mergedRanges.map(\.description)
        == ["A1:B2", "P1:P2", "C3:D4", "E5:F6", "G7:H8", "K11:K11", "L12:M13", "N14:O15"])

    // Read in chunks of any size, the same ranges (the reader sorts them).
    let part = Array((CellBlankerTests.head + rows + "</sheetData>" + merges + "</worksheet>").utf8)
    let plain = part.withUnsafeBytes { ReaderFuzzHarness.readWorksheet($0, chunkSize: chunkSize, blanking: false) }
    let reading = part.withUnsafeBytes {
      ReaderFuzzHarness.readWorksheet($0, chunkSize: chunkSize, blanking: true, squeezing: true)
    }
    #expect(reading.error == nil)
    #expect(reading.mergedRanges.sorted() == plain.mergedRanges.sorted())
    #expect(plain.mergedRanges.count == 8)
  }

  /// The lexer now goes on after `</sheetData>`: a second `<sheetData>` (not valid
  /// SpreadsheetML, but well-formed XML, which the handler reads like the first) reads the
  /// same, its cells read ahead as the first one's are.
  @Test("A second sheetData after the merged ranges reads the same")
  func secondSheetData() throws {
    let rows = #"<row r="1"><c r="A1"><v>1</v></c><c r="B1" s="1"/></row></sheetData>"#
      + #"<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>"#
      + #"<sheetData><row r="1"><c r="C1"><v>3</v></c></row><row><c><v>4</v></c></row>"#
    let workbook = try Differential.workbook(rows)
    #expect(try Self.prereadCount(workbook, name: "second sheetData") == 4)  // A1, B1, C1 and the cell without r
  }

  /// Rows, and how many of them are read ahead whole: those whose cells were all blanked,
  /// written plainly (see `CellBlanker.isPlainRowTag`), squeezed and in one chunk.
  static let rowCases: [(rows: String, readAhead: Int)] = [
    (#"<row r="1" spans="1:3"><c r="A1" s="1"/><c r="B1" t="s"><v>0</v></c><c r="C1" s="2"><v>1.5</v></c></row>"#, 1),
    (#"<row r="2" spans="1:3" ht="20.25" customHeight="1"></row>"#, 1),
    (#"<row r='3' s="4" customFormat="1"><c r="A3" s="1"/> <c r="B3" t="inlineStr"><is><t>甲</t></is></c></row>"#, 1),
    (#"<row r="15" customFormat="1" customHeight="1"><c r="A15"><f>SUM(A1:A2)</f><v>3</v></c></row>"#, 1),
    // A cell without `r` in the row, then a row without `r`, which takes the next index.
    (#"<row r="17"><c t="inlineStr"><is><t>a</t></is></c><c s="1"/></row><row><c><v>1</v></c></row>"#, 1),
    // Left to libxml2: a prefixed or `xml` attribute, a cell libxml2 reads, a line feed,
    // no `r` or not first, a reference in a value, two spaces, an end tag with a space.
    (#"<row r="4" x14ac:dyDescent="0.25" xmlns:x14ac="urn:x"><c r="A4" s="1"/></row>"#, 0),
    (#"<row r="5"><c r="A5" cm="1"><v>1</v></c><c r="B5" s="1"/></row>"#, 0),
    ("<row r=\"6\"><c r=\"A6\" s=\"1\"/>\n<c r=\"B6\" s=\"1\"/></row>", 0),
    ("<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t>a\nb</t></is></c></row>", 0),
    (#"<row><c s="1"/><c><v>2</v></c></row><row spans="1:2" r="9"><c r="A9"><v>1</v></c></row>"#, 0),
    (#"<row r="10" ht="a&amp;b"><c r="A10"><v>1</v></c></row><row r="11" xmlfoo="1"><c r="A11"><v>1</v></c></row>"#, 0),
    (#"<row r="12"  spans="1:2"><c r="A12"><v>1</v></c></row><row r="13"><c r="A13"><v>1</v></c></row >"#, 0),
    // An empty row is left to libxml2; names alike but for their last letter are distinct.
    (#"<row r="14"/><row r="16" customHeightX="1" customHeightY="1"><c r="A16" s="1"/></row>"#, 1),
  ]

  @Test("Rows whose cells were all read ahead or blanked are read ahead whole", arguments: rowCases.indices)
  func rowsReadAhead(_ index: Int) throws {
    let workbook = try Differential.workbook(Self.rowCases[index].rows)
    Differential.compare(workbook, name: "rows \(index)")
    let cursor = try workbook.rows(of: try #require(workbook.sheets.first))
    while try cursor.next() != nil {}
    #expect(cursor.prereadRows == Self.rowCases[index].readAhead)
  }

  @Test("Rows read ahead or not, in chunks of any size, read the same as libxml2 alone")
  func rowsReadAheadInChunks() {
    let part = Array(CellBlankerTests.sheet(Self.rowCases.map(\.rows).joined()).utf8)
    part.withUnsafeBytes { bytes in
      for chunkSize in [1, 2, 7, 31, 64, 100, 333, 1000, 1 << 16] {
        ReaderFuzzHarness.checkBlanking(bytes, chunkSize: chunkSize)
      }
    }
  }

  @Test("A row read ahead leaves libxml2 one space, and its cells come in on it")
  func rowSqueezedToOneSpace() throws {
    let rows = #"<row r="2" spans="1:2"><c r="A2" s="1"/><c r="B2"><v>7</v></c></row><row r="3"><c r="A3" cm="1"/></row>"#
    let (handler, blanker, text) = try Self.blankAndParse(rows, sharedStrings: [], squeezing: true)
    #expect(blanker.prereadRows == 1)
    #expect(text.hasSuffix(#"<sheetData> <row r="3"><c r="A3" cm="1"/></row></sheetData></worksheet>"#))
    #expect(handler.pendingRows.map(\.index) == [1])
    #expect(handler.pendingRows.first?.cells.map(\.reference.description) == ["B2"])
    #expect(handler.pendingRows.first?.cells.first?.value == .number(7))
  }

  /// A sheet of `rows` passed through a blanker reading ahead into a handler, then given
  /// whole to libxml2: the handler, the blanker, and the part as libxml2 read it.
  static func blankAndParse(
    _ rows: String, sharedStrings: [String], squeezing: Bool
  ) throws -> (handler: WorksheetHandler, blanker: CellBlanker, text: String) {
    let handler = WorksheetHandler(sharedStrings: sharedStrings, formatKinds: [], uses1904: false, limits: ReadLimits())
    var blanker = CellBlanker(preread: handler.preread, squeezing: squeezing)
    let parser = try SAXParser(handler: handler, fileName: "sheet.xlsx", partName: "sheet")
    var part = Array(CellBlankerTests.sheet(rows).utf8)
    let count = try part.withUnsafeMutableBytes { bytes in
      let count = blanker.blank(bytes)
      try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), isLast: true)
      return count
    }
    return (handler, blanker, String(decoding: part[0..<count], as: UTF8.self))
  }

  @Test("A workbook's own sheets are read ahead: the samples")
  func samplesAreReadAhead() throws {
    var count = 0
    for path in Differential.samples { count += try Self.prereadCount(Workbook(path: path), name: path) }
    #expect(count > 500)
  }
}
