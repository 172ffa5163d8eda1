/// `docProps/core.xml`: title, author and the like. Dates appear only when the caller
/// gives one, so that the same workbook always has the same bytes.
struct CorePropertiesPart {
  static let path = "docProps/core.xml"

  var properties: DocumentProperties

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    xml.start(
      "cp:coreProperties",
      [
        XMLAttribute("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
        XMLAttribute("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        XMLAttribute("xmlns:dcterms", "http://purl.org/dc/terms/"),
        XMLAttribute("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        XMLAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
      ])
    if let title = properties.title { xml.element("dc:title", literal: title) }
    if let subject = properties.subject { xml.element("dc:subject", literal: subject) }
    if let creator = properties.creator {
      xml.element("dc:creator", literal: creator)
      xml.element("cp:lastModifiedBy", literal: creator)
    }
    if let keywords = properties.keywords { xml.element("cp:keywords", literal: keywords) }
    if let description = properties.description { xml.element("dc:description", literal: description) }
    if let created = properties.created {
      writeDate("dcterms:created", created, xml)
      writeDate("dcterms:modified", created, xml)
    }
    xml.end("cp:coreProperties")
  }

  /// `<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-31T08:00:00Z</dcterms:created>`
  func writeDate(_ name: StaticString, _ date: ExcelDateTime, _ xml: XMLEmitter) {
    let iso = date.isoString
    let seconds = iso.firstIndex(of: ".").map { String(iso[..<$0]) } ?? iso
    xml.element(name, [XMLAttribute("xsi:type", "dcterms:W3CDTF")], literal: seconds + "Z")
  }
}
