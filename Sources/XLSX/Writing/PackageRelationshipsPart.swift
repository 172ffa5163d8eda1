/// `_rels/.rels`: points to the workbook and the document properties.
struct PackageRelationshipsPart {
  static let path = "_rels/.rels"

  func assemble(_ xml: XMLEmitter) {
    RelationshipsXML.writeRelationships(
      [
        RelationshipEntry(id: "rId1", type: OOXML.officeDocumentType, target: "xl/workbook.xml"),
        RelationshipEntry(id: "rId2", type: OOXML.corePropertiesType, target: "docProps/core.xml"),
        RelationshipEntry(id: "rId3", type: OOXML.extendedPropertiesType, target: "docProps/app.xml"),
      ], to: xml)
  }
}
