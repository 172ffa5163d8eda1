/// `xl/commentsN.xml`: the text and author of each note of one sheet, in row-major
/// order. The note boxes themselves are in the sheet's ``VMLDrawingPart``.
struct CommentsPart {
  static func path(number: Int) -> String { "xl/comments\(number).xml" }

  /// Sorted by cell.
  var comments: [CellComment]
  /// The font of the note text.
  var fontName: String

  /// Distinct authors in order of first appearance.
  var authors: [String] {
    var seen = Set<String>()
    return comments.compactMap { seen.insert($0.author).inserted ? $0.author : nil }
  }

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    xml.start("comments", [XMLAttribute("xmlns", OOXML.spreadsheetML)])
    let authors = authors
    writeAuthors(authors, xml)
    let authorIDs = Dictionary(uniqueKeysWithValues: authors.enumerated().map { ($1, $0) })
    xml.start("commentList")
    for comment in comments { writeComment(comment, authorID: authorIDs[comment.author] ?? 0, xml) }
    xml.end("commentList")
    xml.end("comments")
  }

  func writeAuthors(_ authors: [String], _ xml: XMLEmitter) {
    xml.start("authors")
    for author in authors { xml.element("author", text: author) }
    xml.end("authors")
  }

  /// `<comment ref="B2" authorId="0"><text><r><rPr>…</rPr><t>text</t></r></text></comment>`
  func writeComment(_ comment: CellComment, authorID: Int, _ xml: XMLEmitter) {
    xml.start("comment", [XMLAttribute("ref", comment.reference.description), XMLAttribute("authorId", authorID)])
    xml.start("text")
    xml.start("r")
    writeRPr(xml)
    SharedStringsPart.writeT(comment.text, xml)
    xml.end("r")
    xml.end("text")
    xml.end("comment")
  }

  /// The run font of the note text: 9 points, the system note colour (indexed 81).
  func writeRPr(_ xml: XMLEmitter) {
    xml.start("rPr")
    xml.empty("sz", [XMLAttribute("val", 9)])
    xml.empty("color", [XMLAttribute("indexed", 81)])
    xml.empty("rFont", [XMLAttribute("val", fontName)])
    if fontName.utf8.contains(where: { $0 >= 0x80 }) { xml.empty("charset", [XMLAttribute("val", 134)]) }
    xml.empty("family", [XMLAttribute("val", 2)])
    xml.end("rPr")
  }
}
