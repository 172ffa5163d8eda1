/// Reads `xl/workbook.xml`: the date system and the list of sheets.
final class WorkbookPartHandler: SAXHandler {
  struct SheetEntry: Sendable {
    var name: String
    var relationshipID: String?
    var state: SheetState
  }

  private(set) var uses1904 = false
  private(set) var sheets: [SheetEntry] = []

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    if name.is("sheet") {
      let state: SheetState =
        switch attributes.string("state") {
        case "hidden": .hidden
        case "veryHidden": .veryHidden
        default: .visible
        }
      sheets.append(
        SheetEntry(
          name: attributes.string("name") ?? "",
          relationshipID: attributes.string("id", namespaceSuffix: "relationships"),
          state: state))
    } else if name.is("workbookPr") {
      if let value = attributes.string("date1904") { uses1904 = value == "1" || value == "true" }
      // Strict OOXML says it with an attribute of its own.
      if attributes.string("dateCompatibility") == "false" { uses1904 = false }
    }
  }
}
