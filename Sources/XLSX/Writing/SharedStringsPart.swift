/// `xl/sharedStrings.xml`: the text of every string cell, once per distinct text.
struct SharedStringsPart {
  static let path = "xl/sharedStrings.xml"

  let table: SharedStringTable

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    writeSst(xml)
  }

  func writeSst(_ xml: XMLEmitter) {
    xml.start(
      "sst",
      [
        XMLAttribute("xmlns", OOXML.spreadsheetML), XMLAttribute("count", table.totalCount),
        XMLAttribute("uniqueCount", table.uniqueCount),
      ])
    for text in table.strings { writeSi(text, xml) }
    xml.end("sst")
  }

  /// `<si><t>text</t></si>`, with `xml:space="preserve"` when the text begins or ends
  /// with white space.
  func writeSi(_ text: String, _ xml: XMLEmitter) {
    xml.raw("<si>")
    Self.writeT(text, xml)
    xml.raw("</si>")
  }

  /// `<t>text</t>`, shared with the comments part.
  static func writeT(_ text: String, _ xml: XMLEmitter) {
    if needsPreserve(text) {
      xml.raw("<t xml:space=\"preserve\">")
    } else {
      xml.raw("<t>")
    }
    xml.text(text)
    xml.raw("</t>")
  }

  /// Whether XML white-space handling could change the text: it starts or ends with a
  /// space, tab, line feed or carriage return.
  static func needsPreserve(_ text: String) -> Bool {
    let utf8 = text.utf8
    guard let first = utf8.first, let last = utf8.last else { return false }
    return isSpace(first) || isSpace(last)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
