/// `xl/drawings/vmlDrawingN.vml`: the hidden boxes Excel, WPS and LibreOffice show when
/// the pointer rests on a cell with a note. VML is a legacy format whose readers expect
/// exactly Excel's shapes, so this writes what Excel writes.
struct VMLDrawingPart {
  static func path(number: Int) -> String { "xl/drawings/vmlDrawing\(number).vml" }

  /// The cells with notes, sorted.
  var cells: [CellReference]
  /// The first shape-id block of this drawing; each block of 1024 shapes needs its own
  /// id, and blocks are unique within the workbook.
  var firstBlock: Int

  /// How many 1024-shape blocks `count` notes take.
  static func blockCount(for count: Int) -> Int { count / 1024 + 1 }

  func assemble(_ xml: XMLEmitter) {
    xml.start(
      "xml",
      [
        XMLAttribute("xmlns:v", "urn:schemas-microsoft-com:vml"),
        XMLAttribute("xmlns:o", "urn:schemas-microsoft-com:office:office"),
        XMLAttribute("xmlns:x", "urn:schemas-microsoft-com:office:excel"),
      ])
    writeShapelayout(xml)
    writeShapetype(xml)
    for (index, cell) in cells.enumerated() {
      writeShape(cell, shapeID: firstBlock * 1024 + index + 1, zIndex: index + 1, xml)
    }
    xml.end("xml")
  }

  /// `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>`
  func writeShapelayout(_ xml: XMLEmitter) {
    let blocks = (0..<Self.blockCount(for: cells.count)).map { String(firstBlock + $0) }
    xml.start("o:shapelayout", [XMLAttribute("v:ext", "edit")])
    xml.empty("o:idmap", [XMLAttribute("v:ext", "edit"), XMLAttribute("data", blocks.joined(separator: ","))])
    xml.end("o:shapelayout")
  }

  /// The text-box shape type (202) that note shapes use.
  func writeShapetype(_ xml: XMLEmitter) {
    xml.start(
      "v:shapetype",
      [
        XMLAttribute("id", "_x0000_t202"), XMLAttribute("coordsize", "21600,21600"), XMLAttribute("o:spt", 202),
        XMLAttribute("path", "m,l,21600r21600,l21600,xe"),
      ])
    xml.empty("v:stroke", [XMLAttribute("joinstyle", "miter")])
    xml.empty("v:path", [XMLAttribute("gradientshapeok", "t"), XMLAttribute("o:connecttype", "rect")])
    xml.end("v:shapetype")
  }

  /// One hidden note box, placed as Excel places a new note: one column to the right of
  /// the cell and a row above it, 128 × 74 pixels on the default grid (64 × 20 pixels).
  func writeShape(_ cell: CellReference, shapeID: Int, zIndex: Int, _ xml: XMLEmitter) {
    let anchor = Self.anchor(for: cell)
    let left = Self.points(64 * anchor.column + anchor.x)
    let top = Self.points(20 * anchor.row + anchor.y)
    let style =
      "position:absolute;margin-left:\(left)pt;margin-top:\(top)pt;width:96pt;height:55.5pt;"
      + "z-index:\(zIndex);visibility:hidden"
    xml.start(
      "v:shape",
      [
        XMLAttribute("id", "_x0000_s\(shapeID)"), XMLAttribute("type", "#_x0000_t202"), XMLAttribute("style", style),
        XMLAttribute("fillcolor", "#ffffe1"), XMLAttribute("o:insetmode", "auto"),
      ])
    xml.empty("v:fill", [XMLAttribute("color2", "#ffffe1")])
    xml.empty("v:shadow", [XMLAttribute("on", "t"), XMLAttribute("color", "black"), XMLAttribute("obscured", "t")])
    xml.empty("v:path", [XMLAttribute("o:connecttype", "none")])
    xml.start("v:textbox", [XMLAttribute("style", "mso-direction-alt:auto")])
    xml.start("div", [XMLAttribute("style", "text-align:left")])
    xml.end("div")
    xml.end("v:textbox")
    writeClientData(cell, anchor: anchor, xml)
    xml.end("v:shape")
  }

  /// `<x:ClientData ObjectType="Note">…<x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData>`
  func writeClientData(_ cell: CellReference, anchor: Anchor, _ xml: XMLEmitter) {
    xml.start("x:ClientData", [XMLAttribute("ObjectType", "Note")])
    xml.empty("x:MoveWithCells")
    xml.empty("x:SizeWithCells")
    xml.element(
      "x:Anchor",
      text: "\(anchor.column), \(anchor.x), \(anchor.row), \(anchor.y), "
        + "\(anchor.column + 2), 15, \(anchor.row + anchor.rowSpan), \(anchor.endY)")
    xml.element("x:AutoFill", text: "False")
    xml.element("x:Row", text: String(cell.row))
    xml.element("x:Column", text: String(cell.column))
    xml.end("x:ClientData")
  }

  struct Anchor {
    var column: Int
    var x: Int
    var row: Int
    var y: Int
    var rowSpan: Int
    var endY: Int
  }

  /// Where the note box starts, in cells and pixel offsets (after xlsxwriter).
  static func anchor(for cell: CellReference) -> Anchor {
    let column = min(cell.column + 1, CellReference.maxColumns - 4)
    if cell.row == 0 {
      return Anchor(column: column, x: 15, row: 0, y: 2, rowSpan: 3, endY: 16)
    }
    let row = min(cell.row - 1, CellReference.maxRows - 6)
    return Anchor(column: column, x: 15, row: row, y: 10, rowSpan: 4, endY: 4)
  }

  /// Pixels as points (3/4), spelled shortly: `59.25`, `7.5`, `0`.
  static func points(_ pixels: Int) -> String {
    let quarters = pixels * 3  // points × 4
    let whole = quarters / 4
    switch quarters % 4 {
    case 1: return "\(whole).25"
    case 2: return "\(whole).5"
    case 3: return "\(whole).75"
    default: return "\(whole)"
    }
  }
}
