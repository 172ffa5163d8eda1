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
    table.forEachText { writeSi($0, xml) }
    xml.end("sst")
  }

  /// `<si><t>text</t></si>`.
  func writeSi(_ text: UnsafeBufferPointer<UInt8>, _ xml: XMLEmitter) {
    xml.raw("<si>")
    Self.writeT(utf8: text, xml)
    xml.raw("</si>")
  }

  /// `<t>text</t>`, with `xml:space="preserve"` when the text begins or ends with white
  /// space; shared with the comments part.
  static func writeT(_ text: String, _ xml: XMLEmitter) {
    var text = text
    text.withUTF8 { writeT(utf8: $0, xml) }
  }

  static func writeT(utf8 text: UnsafeBufferPointer<UInt8>, _ xml: XMLEmitter) {
    if needsPreserve(text) {
      xml.raw("<t xml:space=\"preserve\">")
    } else {
      xml.raw("<t>")
    }
    xml.text(utf8: text)
    xml.raw("</t>")
  }

  /// Whether XML white-space handling could change the text: it starts or ends with a
  /// space, tab, line feed or carriage return.
  static func needsPreserve(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = utf8.first, let last = utf8.last else { return false }
    return isSpace(first) || isSpace(last)
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
}
