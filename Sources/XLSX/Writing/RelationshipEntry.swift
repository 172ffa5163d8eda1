/// One `<Relationship>` of a `.rels` part.
struct RelationshipEntry: Equatable {
  var id: String
  var type: String
  var target: String
  var isExternal = false
}

/// Namespaces and relationship and content types of the parts the writer produces.
enum OOXML {
  static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
  static let contentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types"

  static let officeDocumentType = relationshipsNamespace + "/officeDocument"
  static let worksheetType = relationshipsNamespace + "/worksheet"
  static let stylesType = relationshipsNamespace + "/styles"
  static let sharedStringsType = relationshipsNamespace + "/sharedStrings"
  static let hyperlinkType = relationshipsNamespace + "/hyperlink"
  static let commentsType = relationshipsNamespace + "/comments"
  static let vmlDrawingType = relationshipsNamespace + "/vmlDrawing"
  static let extendedPropertiesType = relationshipsNamespace + "/extended-properties"
  static let corePropertiesType = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
}

/// The `<Relationships>` element shared by every `.rels` part.
enum RelationshipsXML {
  static func writeRelationships(_ relationships: [RelationshipEntry], to xml: XMLEmitter) {
    xml.declaration()
    xml.start("Relationships", [XMLAttribute("xmlns", OOXML.packageRelationships)])
    for relationship in relationships { writeRelationship(relationship, to: xml) }
    xml.end("Relationships")
  }

  static func writeRelationship(_ relationship: RelationshipEntry, to xml: XMLEmitter) {
    var attributes = [
      XMLAttribute("Id", relationship.id), XMLAttribute("Type", relationship.type),
      XMLAttribute("Target", relationship.target),
    ]
    if relationship.isExternal { attributes.append(XMLAttribute("TargetMode", "External")) }
    xml.empty("Relationship", attributes)
  }
}
