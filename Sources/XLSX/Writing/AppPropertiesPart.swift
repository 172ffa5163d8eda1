/// `docProps/app.xml`: the extended properties (application, sheet titles, company).
struct AppPropertiesPart {
  static let path = "docProps/app.xml"

  var sheetNames: [String]
  var company: String?

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    xml.start(
      "Properties",
      [
        XMLAttribute("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
        XMLAttribute("xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"),
      ])
    // What Excel writes; some readers look at it to decide how to read the file.
    xml.element("Application", text: "Microsoft Excel")
    xml.element("DocSecurity", text: "0")
    xml.element("ScaleCrop", text: "false")
    writeHeadingPairs(xml)
    writeTitlesOfParts(xml)
    if let company { xml.element("Company", literal: company) }
    xml.element("LinksUpToDate", text: "false")
    xml.element("SharedDoc", text: "false")
    xml.element("HyperlinksChanged", text: "false")
    xml.element("AppVersion", text: "12.0000")
    xml.end("Properties")
  }

  func writeHeadingPairs(_ xml: XMLEmitter) {
    xml.start("HeadingPairs")
    xml.start("vt:vector", [XMLAttribute("size", 2), XMLAttribute("baseType", "variant")])
    xml.start("vt:variant")
    xml.element("vt:lpstr", text: "Worksheets")
    xml.end("vt:variant")
    xml.start("vt:variant")
    xml.element("vt:i4", text: String(sheetNames.count))
    xml.end("vt:variant")
    xml.end("vt:vector")
    xml.end("HeadingPairs")
  }

  func writeTitlesOfParts(_ xml: XMLEmitter) {
    xml.start("TitlesOfParts")
    xml.start("vt:vector", [XMLAttribute("size", sheetNames.count), XMLAttribute("baseType", "lpstr")])
    for name in sheetNames { xml.element("vt:lpstr", literal: name) }
    xml.end("vt:vector")
    xml.end("TitlesOfParts")
  }
}
