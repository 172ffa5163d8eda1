/// `xl/worksheets/sheetN.xml`, streamed: the start (views, columns) when the sheet is
/// added, each row as it arrives, and what follows `<sheetData>` (autofilter, merged
/// ranges, hyperlinks, margins, the notes' drawing) when the sheet ends.
struct WorksheetPart {
  static func path(sheetNumber: Int) -> String { "xl/worksheets/sheet\(sheetNumber).xml" }

  let xml: XMLEmitter

  // MARK: - Before the rows

  /// Declaration, `<worksheet>`, `<sheetViews>`, `<cols>` and `<sheetData>`.
  func writeStart(layout: SheetLayout, isSelected: Bool) {
    xml.declaration()
    xml.start(
      "worksheet", [XMLAttribute("xmlns", OOXML.spreadsheetML), XMLAttribute("xmlns:r", OOXML.relationshipsNamespace)])
    writeSheetViews(layout: layout, isSelected: isSelected)
    writeCols(layout.columnWidths)
    xml.raw("<sheetData>")
  }

  func writeSheetViews(layout: SheetLayout, isSelected: Bool) {
    xml.start("sheetViews")
    var attributes: [XMLAttribute] = []
    if isSelected { attributes.append(XMLAttribute("tabSelected", 1)) }
    attributes.append(XMLAttribute("workbookViewId", 0))
    if layout.frozenRows == 0 && layout.frozenColumns == 0 {
      xml.empty("sheetView", attributes)
    } else {
      xml.start("sheetView", attributes)
      writePane(rows: layout.frozenRows, columns: layout.frozenColumns)
      xml.end("sheetView")
    }
    xml.end("sheetViews")
  }

  /// The frozen pane and its selections, as Excel writes them.
  func writePane(rows: Int, columns: Int) {
    let topLeft = CellReference(row: rows, column: columns).description
    var attributes: [XMLAttribute] = []
    if columns > 0 { attributes.append(XMLAttribute("xSplit", columns)) }
    if rows > 0 { attributes.append(XMLAttribute("ySplit", rows)) }
    let activePane = rows > 0 && columns > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight"
    attributes += [
      XMLAttribute("topLeftCell", topLeft), XMLAttribute("activePane", activePane), XMLAttribute("state", "frozen"),
    ]
    xml.empty("pane", attributes)
    if rows > 0 && columns > 0 {
      let right = CellReference(row: 0, column: columns).description
      let below = CellReference(row: rows, column: 0).description
      writeSelection(pane: "topRight", cell: right)
      writeSelection(pane: "bottomLeft", cell: below)
    }
    writeSelection(pane: activePane, cell: topLeft)
  }

  func writeSelection(pane: String, cell: String) {
    xml.empty(
      "selection", [XMLAttribute("pane", pane), XMLAttribute("activeCell", cell), XMLAttribute("sqref", cell)])
  }

  /// `<cols>` with one `<col>` per run of adjacent columns of the same width.
  func writeCols(_ widths: [Double?]) {
    var runs: [(first: Int, last: Int, width: Double)] = []
    for (column, width) in widths.enumerated() {
      guard let width else { continue }
      if let last = runs.last, last.last == column - 1, last.width == width {
        runs[runs.count - 1].last = column
      } else {
        runs.append((column, column, width))
      }
    }
    guard !runs.isEmpty else { return }
    xml.start("cols")
    for run in runs { writeCol(first: run.first, last: run.last, width: run.width) }
    xml.end("cols")
  }

  /// `<col min="1" max="2" width="12.7109375" customWidth="1"/>`
  func writeCol(first: Int, last: Int, width: Double) {
    var attributes = [
      XMLAttribute("min", first + 1), XMLAttribute("max", last + 1), XMLAttribute("width", Self.fileWidth(width)),
    ]
    if width == 0 { attributes.append(XMLAttribute("hidden", 1)) }
    attributes.append(XMLAttribute("customWidth", 1))
    xml.empty("col", attributes)
  }

  /// The stored width for a width as Excel's dialog shows it: Excel adds 5 pixels of
  /// padding to the digit widths (7 pixels each for the default font) and keeps 1/256.
  static func fileWidth(_ width: Double) -> Double {
    guard width > 0 else { return 0 }
    let maxDigitWidth = 7.0
    let padding = 5.0
    let pixels = width < 1 ? (width * (maxDigitWidth + padding)).rounded() : (width * maxDigitWidth).rounded() + padding
    return (pixels / maxDigitWidth * 256).rounded(.towardZero) / 256
  }

  // MARK: - Rows

  /// `<row r="5" ht="30" customHeight="1">`
  func writeRowStart(_ rowNumber: RowNumberText, height: Double?) {
    xml.write(atMost: 16) { cursor in
      cursor.raw("<row r=\"")
      cursor.rowNumber(rowNumber)
    }
    if let height {
      xml.raw("\" ht=\"")
      xml.number(height)
      xml.raw("\" customHeight=\"1\">")
    } else {
      xml.raw("\">")
    }
  }

  func writeRowEnd() {
    xml.raw("</row>")
  }

  /// `<row r="5" ht="30" customHeight="1"/>`, a row with a height and no cells.
  func writeEmptyRow(_ rowNumber: RowNumberText, height: Double) {
    xml.write(atMost: 16) { cursor in
      cursor.raw("<row r=\"")
      cursor.rowNumber(rowNumber)
    }
    xml.raw("\" ht=\"")
    xml.number(height)
    xml.raw("\" customHeight=\"1\"/>")
  }

  /// One `<c>`: `<c r="B5" s="2" t="s"><v>12</v></c>`, or without `r="B5"` when
  /// `isImplied` (the cell right after the row's previous one, see
  /// ``WorkbookWriter/Options/impliesCellReferences``).
  @inline(__always)
  func writeC(column: Int, rowNumber: RowNumberText, isImplied: Bool, style: Int, value: EncodedValue) {
    // A cell fits in 100 bytes: `<c r="XFD1048576" s="…" t="s"><v>…</v></c>` with 8 bytes
    // for the row number, 20 digits for each integer and 32 bytes for a number.
    xml.write(atMost: 100) { cursor in
      writeCStart(&cursor, column, rowNumber, isImplied, style)
      switch value {
      case .sharedString(let index):
        cursor.raw(" t=\"s\"><v>")
        cursor.integer(index)
        cursor.raw("</v></c>")
      case .number(let number):
        cursor.raw("><v>")
        cursor.number(number)
        cursor.raw("</v></c>")
      case .bool(let flag):
        cursor.raw(flag ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>")
      case .blank:
        cursor.raw("/>")
      }
    }
  }

  /// An error cell: `<c r="B5" s="2" t="e"><v>#N/A</v></c>`.
  func writeErrorC(column: Int, rowNumber: RowNumberText, isImplied: Bool, style: Int, text: String) {
    xml.write(atMost: 64) { cursor in writeCStart(&cursor, column, rowNumber, isImplied, style) }
    xml.raw(" t=\"e\"><v>")
    xml.text(text)
    xml.raw("</v></c>")
  }

  /// `<c r="B5" s="2"`: the reference unless implied, and the style, if any.
  @inline(__always)
  private func writeCStart(
    _ cursor: inout ByteCursor, _ column: Int, _ rowNumber: RowNumberText, _ isImplied: Bool, _ style: Int
  ) {
    if isImplied {
      cursor.raw("<c")
    } else {
      cursor.raw("<c r=\"")
      cursor.columnName(column)
      cursor.rowNumber(rowNumber)
      cursor.raw("\"")
    }
    if style != 0 {
      cursor.raw(" s=\"")
      cursor.integer(style)
      cursor.raw("\"")
    }
  }

  // MARK: - After the rows

  struct Ending {
    var autoFilter: CellRange?
    /// Sorted.
    var mergedRanges: [CellRange]
    /// Sorted by cell; `relationshipID` is set for external links.
    var hyperlinks: [(hyperlink: CellHyperlink, relationshipID: String?)]
    /// The relationship id of the notes' VML drawing, if the sheet has notes.
    var legacyDrawingID: String?
  }

  /// `</sheetData>` and everything after it, up to `</worksheet>`.
  func writeEnd(_ ending: Ending) {
    xml.raw("</sheetData>")
    if let range = ending.autoFilter { writeAutoFilter(range) }
    writeMergeCells(ending.mergedRanges)
    writeHyperlinks(ending.hyperlinks)
    writePageMargins()
    if let id = ending.legacyDrawingID { writeLegacyDrawing(id) }
    xml.end("worksheet")
  }

  func writeAutoFilter(_ range: CellRange) {
    xml.empty("autoFilter", [XMLAttribute("ref", Self.reference(range))])
  }

  func writeMergeCells(_ ranges: [CellRange]) {
    guard !ranges.isEmpty else { return }
    xml.start("mergeCells", [XMLAttribute("count", ranges.count)])
    for range in ranges { writeMergeCell(range) }
    xml.end("mergeCells")
  }

  func writeMergeCell(_ range: CellRange) {
    xml.empty("mergeCell", [XMLAttribute("ref", range.description)])
  }

  func writeHyperlinks(_ hyperlinks: [(hyperlink: CellHyperlink, relationshipID: String?)]) {
    guard !hyperlinks.isEmpty else { return }
    xml.start("hyperlinks")
    for (hyperlink, relationshipID) in hyperlinks { writeHyperlink(hyperlink, relationshipID: relationshipID) }
    xml.end("hyperlinks")
  }

  /// `<hyperlink ref="A1" r:id="rId1"/>` (another file) or
  /// `<hyperlink ref="A1" location="'表2'!B3" display="…"/>` (a cell of this workbook).
  func writeHyperlink(_ hyperlink: CellHyperlink, relationshipID: String?) {
    var attributes = [XMLAttribute("ref", hyperlink.reference.description)]
    if let relationshipID { attributes.append(XMLAttribute("r:id", relationshipID)) }
    if case .cell(let sheet, let reference) = hyperlink.target {
      let location = "\(WorkbookPart.quotedSheetName(sheet))!\(reference)"
      attributes.append(XMLAttribute("location", location))
      attributes.append(XMLAttribute("display", location))
    }
    if let tooltip = hyperlink.tooltip { attributes.append(XMLAttribute("tooltip", tooltip)) }
    xml.empty("hyperlink", attributes)
  }

  /// Excel's default margins.
  func writePageMargins() {
    xml.raw(
      "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
  }

  func writeLegacyDrawing(_ relationshipID: String) {
    xml.empty("legacyDrawing", [XMLAttribute("r:id", relationshipID)])
  }

  /// `A1:C9`, or `A1` for a single cell.
  static func reference(_ range: CellRange) -> String {
    range.first == range.last ? range.first.description : range.description
  }
}

/// A row's number (1…1,048,576) spelled in decimal, kept in one word, so that each cell
/// of the row copies it with a single 8-byte store.
struct RowNumberText {
  /// The digits, the first in the lowest byte, then zeros.
  fileprivate let word: UInt64
  fileprivate let count: Int

  init(_ number: Int) {
    precondition((1...CellReference.maxRows).contains(number))
    // The digits from the last, each put in the lowest byte and pushing the ones after it
    // up, so that the first ends in the lowest byte, in one pass.
    var count = 0
    var rest = number
    var word: UInt64 = 0
    repeat {
      word = word << 8 | UInt64(UInt8(ascii: "0") + UInt8(rest % 10))
      count += 1
      rest /= 10
    } while rest > 0
    self.word = word
    self.count = count
  }
}

extension ByteCursor {
  /// A row number (it needs 8 bytes of room: all 8 are stored, the digits kept).
  @inline(__always)
  mutating func rowNumber(_ number: RowNumberText) {
    UnsafeMutableRawPointer(position).storeBytes(of: number.word.littleEndian, as: UInt64.self)
    position += number.count
  }
}
