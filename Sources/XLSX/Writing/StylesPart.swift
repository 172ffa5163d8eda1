/// `xl/styles.xml`: number formats, fonts, fills, borders and the cell formats of a
/// ``StyleTable``, with the one cell style (`Normal`) every workbook has.
struct StylesPart {
  static let path = "xl/styles.xml"

  let table: StyleTable
  /// The default font.
  let fontName: String
  let fontSize: Double

  func assemble(_ xml: XMLEmitter) {
    xml.declaration()
    xml.start("styleSheet", [XMLAttribute("xmlns", OOXML.spreadsheetML)])
    writeNumFmts(xml)
    writeFonts(xml)
    writeFills(xml)
    writeBorders(xml)
    writeCellStyleXfs(xml)
    writeCellXfs(xml)
    writeCellStyles(xml)
    xml.empty("dxfs", [XMLAttribute("count", 0)])
    xml.empty(
      "tableStyles",
      [
        XMLAttribute("count", 0), XMLAttribute("defaultTableStyle", "TableStyleMedium9"),
        XMLAttribute("defaultPivotStyle", "PivotStyleLight16"),
      ])
    xml.end("styleSheet")
  }

  func writeNumFmts(_ xml: XMLEmitter) {
    guard !table.customFormats.isEmpty else { return }
    xml.start("numFmts", [XMLAttribute("count", table.customFormats.count)])
    for format in table.customFormats { writeNumFmt(id: format.id, code: format.code, xml) }
    xml.end("numFmts")
  }

  func writeNumFmt(id: Int, code: String, _ xml: XMLEmitter) {
    xml.empty("numFmt", [XMLAttribute("numFmtId", id), XMLAttribute("formatCode", code)])
  }

  func writeFonts(_ xml: XMLEmitter) {
    xml.start("fonts", [XMLAttribute("count", table.fonts.count)])
    for font in table.fonts { writeFont(font, xml) }
    xml.end("fonts")
  }

  /// `<font><b/><sz val="11"/><color rgb="FFFF0000"/><name val="宋体"/><family val="2"/><charset val="134"/></font>`
  func writeFont(_ font: StyleTable.Font, _ xml: XMLEmitter) {
    xml.start("font")
    if font.bold { xml.empty("b") }
    xml.empty("sz", [XMLAttribute("val", fontSize)])
    if let color = font.color { xml.empty("color", [XMLAttribute("rgb", color.argb)]) }
    xml.empty("name", [XMLAttribute("val", fontName)])
    xml.empty("family", [XMLAttribute("val", 2)])
    // A Chinese font name (宋体, 等线 …) is declared GB2312 so that Excel and WPS pick it.
    if fontName.utf8.contains(where: { $0 >= 0x80 }) { xml.empty("charset", [XMLAttribute("val", 134)]) }
    xml.end("font")
  }

  func writeFills(_ xml: XMLEmitter) {
    xml.start("fills", [XMLAttribute("count", table.fillColors.count + 2)])
    writePatternFill("none", color: nil, xml)
    writePatternFill("gray125", color: nil, xml)
    for color in table.fillColors { writePatternFill("solid", color: color, xml) }
    xml.end("fills")
  }

  /// `<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill>`
  func writePatternFill(_ pattern: String, color: RGBColor?, _ xml: XMLEmitter) {
    xml.start("fill")
    if let color {
      xml.start("patternFill", [XMLAttribute("patternType", pattern)])
      xml.empty("fgColor", [XMLAttribute("rgb", color.argb)])
      xml.empty("bgColor", [XMLAttribute("indexed", 64)])
      xml.end("patternFill")
    } else {
      xml.empty("patternFill", [XMLAttribute("patternType", pattern)])
    }
    xml.end("fill")
  }

  func writeBorders(_ xml: XMLEmitter) {
    xml.start("borders", [XMLAttribute("count", table.borders.count)])
    for border in table.borders { writeBorder(border, xml) }
    xml.end("borders")
  }

  /// `<border><left style="thin"><color auto="1"/></left>…<diagonal/></border>`
  func writeBorder(_ border: CellBorder?, _ xml: XMLEmitter) {
    xml.start("border")
    writeBorderSide("left", border, .left, xml)
    writeBorderSide("right", border, .right, xml)
    writeBorderSide("top", border, .top, xml)
    writeBorderSide("bottom", border, .bottom, xml)
    xml.empty("diagonal")
    xml.end("border")
  }

  func writeBorderSide(_ name: StaticString, _ border: CellBorder?, _ side: CellBorder.Sides, _ xml: XMLEmitter) {
    guard let border, border.sides.contains(side) else {
      xml.empty(name)
      return
    }
    xml.start(name, [XMLAttribute("style", border.style.rawValue)])
    if let color = border.color {
      xml.empty("color", [XMLAttribute("rgb", color.argb)])
    } else {
      xml.empty("color", [XMLAttribute("auto", 1)])
    }
    xml.end(name)
  }

  func writeCellStyleXfs(_ xml: XMLEmitter) {
    xml.start("cellStyleXfs", [XMLAttribute("count", 1)])
    xml.empty(
      "xf",
      [
        XMLAttribute("numFmtId", 0), XMLAttribute("fontId", 0), XMLAttribute("fillId", 0),
        XMLAttribute("borderId", 0),
      ])
    xml.end("cellStyleXfs")
  }

  func writeCellXfs(_ xml: XMLEmitter) {
    xml.start("cellXfs", [XMLAttribute("count", table.formats.count)])
    for format in table.formats { writeXf(format, xml) }
    xml.end("cellXfs")
  }

  /// `<xf numFmtId="164" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" …>`
  func writeXf(_ format: StyleTable.Format, _ xml: XMLEmitter) {
    var attributes = [
      XMLAttribute("numFmtId", format.numberFormatID), XMLAttribute("fontId", format.fontID),
      XMLAttribute("fillId", format.fillID), XMLAttribute("borderId", format.borderID), XMLAttribute("xfId", 0),
    ]
    if format.numberFormatID != 0 { attributes.append(XMLAttribute("applyNumberFormat", 1)) }
    if format.fontID != 0 { attributes.append(XMLAttribute("applyFont", 1)) }
    if format.fillID != 0 { attributes.append(XMLAttribute("applyFill", 1)) }
    if format.borderID != 0 { attributes.append(XMLAttribute("applyBorder", 1)) }
    guard let alignment = format.alignment else {
      xml.empty("xf", attributes)
      return
    }
    attributes.append(XMLAttribute("applyAlignment", 1))
    xml.start("xf", attributes)
    writeAlignment(alignment, xml)
    xml.end("xf")
  }

  func writeAlignment(_ alignment: StyleTable.Alignment, _ xml: XMLEmitter) {
    var attributes: [XMLAttribute] = []
    if let horizontal = alignment.horizontal { attributes.append(XMLAttribute("horizontal", horizontal.rawValue)) }
    if let vertical = alignment.vertical { attributes.append(XMLAttribute("vertical", vertical.rawValue)) }
    if alignment.wrapText { attributes.append(XMLAttribute("wrapText", 1)) }
    xml.empty("alignment", attributes)
  }

  func writeCellStyles(_ xml: XMLEmitter) {
    xml.start("cellStyles", [XMLAttribute("count", 1)])
    xml.empty("cellStyle", [XMLAttribute("name", "Normal"), XMLAttribute("xfId", 0), XMLAttribute("builtinId", 0)])
    xml.end("cellStyles")
  }
}
