/// `[Content_Types].xml`: the content type of every part.
struct ContentTypesPart {
  static let path = "[Content_Types].xml"

  var sheetCount: Int
  var hasSharedStrings: Bool
  /// Numbers of the comments parts (`xl/comments1.xml` …).
  var commentsNumbers: [Int]

  private static let prefix = "application/vnd.openxmlformats-officedocument."

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    xml.start("Types", [XMLAttribute("xmlns", OOXML.contentTypesNamespace)])
    writeDefault("rels", "application/vnd.openxmlformats-package.relationships+xml", xml)
    writeDefault("xml", "application/xml", xml)
    if !commentsNumbers.isEmpty { writeDefault("vml", Self.prefix + "vmlDrawing", xml) }
    writeOverride("/xl/workbook.xml", Self.prefix + "spreadsheetml.sheet.main+xml", xml)
    for index in 0..<sheetCount {
      writeOverride("/xl/worksheets/sheet\(index + 1).xml", Self.prefix + "spreadsheetml.worksheet+xml", xml)
    }
    writeOverride("/xl/styles.xml", Self.prefix + "spreadsheetml.styles+xml", xml)
    if hasSharedStrings {
      writeOverride("/xl/sharedStrings.xml", Self.prefix + "spreadsheetml.sharedStrings+xml", xml)
    }
    for number in commentsNumbers {
      writeOverride("/xl/comments\(number).xml", Self.prefix + "spreadsheetml.comments+xml", xml)
    }
    writeOverride("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml", xml)
    writeOverride("/docProps/app.xml", Self.prefix + "extended-properties+xml", xml)
    xml.end("Types")
  }

  func writeDefault(_ extensionName: String, _ contentType: String, _ xml: XMLEmitter) {
    xml.empty("Default", [XMLAttribute("Extension", extensionName), XMLAttribute("ContentType", contentType)])
  }

  func writeOverride(_ partName: String, _ contentType: String, _ xml: XMLEmitter) {
    xml.empty("Override", [XMLAttribute("PartName", partName), XMLAttribute("ContentType", contentType)])
  }
}
