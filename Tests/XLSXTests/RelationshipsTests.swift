import Testing
@testable import XLSX

@Suite("Relationships")
struct RelationshipsTests {
  /// The relationships of `xl/workbook.xml` read from a `.rels` part holding `body`.
  private func relationships(_ body: String) throws -> [Relationship] {
    let xml = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
      + body + "</Relationships>"
    let handler = RelationshipsHandler(sourcePart: "xl/workbook.xml")
    let parser = try SAXParser(handler: handler, fileName: "rels.xlsx", partName: "xl/_rels/workbook.xml.rels")
    try Array(xml.utf8).withUnsafeBytes { try parser.feed($0, isLast: true) }
    return handler.relationships
  }

  @Test func matchesTheTypeByItsLastSegment() throws {
    let read = try relationships(
      #"<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        + #"<Relationship Id="r2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>"#
        + #"<Relationship Id="r3" Type="http://schemas.microsoft.com/office/2006/relationships/xlIntlMacrosheet" Target="macrosheets/intl1.xml"/>"#
        + #"<Relationship Id="r4" Type="styles" Target="styles.xml"/>"#
        + #"<Relationship Id="r5" Type="http://example.com/relationships/" Target="x.xml"/>"#
        + #"<Relationship Id="r6" Type="http://example.com/styles2" Target="https://example.com/a" TargetMode="External"/>"#)
    #expect(read.map(\.id) == ["r1", "r2", "r3", "r4", "r5", "r6"])
    #expect(read[0].hasType("worksheet") && !read[0].hasType("sheet"))
    #expect(read[1].hasType("sharedStrings") && read[1].target == "xl/sharedStrings.xml")
    #expect(read[2].hasType("xlIntlMacrosheet") && read[2].target == "xl/macrosheets/intl1.xml")
    // A type without a slash has no last segment: `hasType` asks for "…/name".
    #expect(!read[3].hasType("styles") && read[3].typeName == "")
    #expect(read[4].typeName == "" && !read[4].hasType("relationships"))
    #expect(!read[5].hasType("styles") && read[5].isExternal && read[5].target == "https://example.com/a")
  }
}
