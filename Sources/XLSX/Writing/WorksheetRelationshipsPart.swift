/// `xl/worksheets/_rels/sheetN.xml.rels`: the sheet's external hyperlinks (`rId1`…, in
/// the order of its `<hyperlinks>`), then its notes' VML drawing and comments part.
struct WorksheetRelationshipsPart {
  static func path(sheetNumber: Int) -> String { "xl/worksheets/_rels/sheet\(sheetNumber).xml.rels" }

  /// Targets of the external hyperlinks.
  var hyperlinkTargets: [String]
  /// The number of the sheet's comments and VML parts, if it has notes.
  var commentsNumber: Int?

  /// The relationship id of the VML drawing (for `<legacyDrawing>`).
  var vmlDrawingID: String? { commentsNumber.map { _ in "rId\(hyperlinkTargets.count + 1)" } }

  var isEmpty: Bool { hyperlinkTargets.isEmpty && commentsNumber == nil }

  func assemble(_ xml: XMLEmitter) {
    var relationships = hyperlinkTargets.enumerated().map { index, target in
      RelationshipEntry(id: "rId\(index + 1)", type: OOXML.hyperlinkType, target: target, isExternal: true)
    }
    if let number = commentsNumber {
      let next = hyperlinkTargets.count + 1
      relationships.append(
        RelationshipEntry(id: "rId\(next)", type: OOXML.vmlDrawingType, target: "../drawings/vmlDrawing\(number).vml"))
      relationships.append(
        RelationshipEntry(id: "rId\(next + 1)", type: OOXML.commentsType, target: "../comments\(number).xml"))
    }
    RelationshipsXML.writeRelationships(relationships, to: xml)
  }
}
