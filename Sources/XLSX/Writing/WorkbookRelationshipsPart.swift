/// `xl/_rels/workbook.xml.rels`: the sheets (`rId1`…`rIdN` in workbook order), then the
/// styles and the shared strings.
struct WorkbookRelationshipsPart {
  static let path = "xl/_rels/workbook.xml.rels"

  var sheetCount: Int
  var hasSharedStrings: Bool

  func assemble(_ xml: XMLEmitter) {
    var relationships = (0..<sheetCount).map { index in
      RelationshipEntry(id: "rId\(index + 1)", type: OOXML.worksheetType, target: "worksheets/sheet\(index + 1).xml")
    }
    relationships.append(RelationshipEntry(id: "rId\(sheetCount + 1)", type: OOXML.stylesType, target: "styles.xml"))
    if hasSharedStrings {
      relationships.append(
        RelationshipEntry(id: "rId\(sheetCount + 2)", type: OOXML.sharedStringsType, target: "sharedStrings.xml"))
    }
    RelationshipsXML.writeRelationships(relationships, to: xml)
  }
}
