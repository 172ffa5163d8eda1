/// `xl/workbook.xml`: the sheets in order, and the hidden names Excel keeps for
/// autofilters.
struct WorkbookPart {
  static let path = "xl/workbook.xml"

  struct SheetEntry {
    var name: String
    var autoFilter: CellRange?
  }

  var sheets: [SheetEntry]

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    writeWorkbook(xml)
  }

  func writeWorkbook(_ xml: XMLEmitter) {
    xml.start(
      "workbook", [XMLAttribute("xmlns", OOXML.spreadsheetML), XMLAttribute("xmlns:r", OOXML.relationshipsNamespace)])
    writeWorkbookPr(xml)
    writeBookViews(xml)
    writeSheets(xml)
    writeDefinedNames(xml)
    xml.end("workbook")
  }

  func writeWorkbookPr(_ xml: XMLEmitter) {
    xml.empty("workbookPr")
  }

  func writeBookViews(_ xml: XMLEmitter) {
    xml.start("bookViews")
    xml.empty(
      "workbookView",
      [
        XMLAttribute("xWindow", 240), XMLAttribute("yWindow", 15), XMLAttribute("windowWidth", 16095),
        XMLAttribute("windowHeight", 9660),
      ])
    xml.end("bookViews")
  }

  func writeSheets(_ xml: XMLEmitter) {
    xml.start("sheets")
    for (index, sheet) in sheets.enumerated() { writeSheet(sheet.name, number: index + 1, xml) }
    xml.end("sheets")
  }

  func writeSheet(_ name: String, number: Int, _ xml: XMLEmitter) {
    xml.empty(
      "sheet", [XMLAttribute("name", name), XMLAttribute("sheetId", number), XMLAttribute("r:id", "rId\(number)")])
  }

  func writeDefinedNames(_ xml: XMLEmitter) {
    let filtered = sheets.enumerated().compactMap { index, sheet in sheet.autoFilter.map { (index, sheet.name, $0) } }
    guard !filtered.isEmpty else { return }
    xml.start("definedNames")
    for (index, name, range) in filtered { writeDefinedName(sheetIndex: index, sheetName: name, range: range, xml) }
    xml.end("definedNames")
  }

  /// `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'汇总'!$A$1:$C$9</definedName>`
  func writeDefinedName(sheetIndex: Int, sheetName: String, range: CellRange, _ xml: XMLEmitter) {
    xml.element(
      "definedName",
      [
        XMLAttribute("name", "_xlnm._FilterDatabase"), XMLAttribute("localSheetId", sheetIndex),
        XMLAttribute("hidden", 1),
      ], text: "\(Self.quotedSheetName(sheetName))!\(Self.absolute(range))")
  }

  /// `'name'`, with apostrophes doubled, as formulas and link locations spell sheet names.
  static func quotedSheetName(_ name: String) -> String {
    "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
  }

  /// `$A$1:$C$9`
  static func absolute(_ range: CellRange) -> String {
    func absolute(_ cell: CellReference) -> String { "$\(CellReference.columnName(cell.column))$\(cell.row + 1)" }
    return "\(absolute(range.first)):\(absolute(range.last))"
  }
}
