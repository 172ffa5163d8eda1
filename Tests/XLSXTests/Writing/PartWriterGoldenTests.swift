import Testing
@testable import XLSX

/// Each part writer, and each of its element writers, against a short piece of expected
/// XML (after XlsxWriter's `test/<part>/test_write_<element>.py`).
@Suite("Writer: golden XML per part")
struct PartWriterGoldenTests {
  private let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  private let officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
  private let render = WriterTestSupport.render

  // MARK: - Content types

  @Test("[Content_Types].xml")
  func contentTypes() {
    let xml = render { ContentTypesPart(sheetCount: 2, hasSharedStrings: true, commentsNumbers: [1]).assemble($0) }
    let ct = "application/vnd.openxmlformats-officedocument."
    #expect(
      xml == declaration
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Default Extension=\"vml\" ContentType=\"\(ct)vmlDrawing\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ct)spreadsheetml.sheet.main+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"\(ct)spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"\(ct)spreadsheetml.worksheet+xml\"/>"
        + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ct)spreadsheetml.styles+xml\"/>"
        + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ct)spreadsheetml.sharedStrings+xml\"/>"
        + "<Override PartName=\"/xl/comments1.xml\" ContentType=\"\(ct)spreadsheetml.comments+xml\"/>"
        + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        + "<Override PartName=\"/docProps/app.xml\" ContentType=\"\(ct)extended-properties+xml\"/>"
        + "</Types>")
  }

  @Test("Content types: write_default and write_override")
  func contentTypeElements() {
    let part = ContentTypesPart(sheetCount: 0, hasSharedStrings: false, commentsNumbers: [])
    #expect(render { part.writeDefault("xml", "application/xml", $0) }
      == "<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
    #expect(render { part.writeOverride("/a&b.xml", "t", $0) } == "<Override PartName=\"/a&amp;b.xml\" ContentType=\"t\"/>")
  }

  // MARK: - Relationships

  @Test("_rels/.rels")
  func packageRelationships() {
    #expect(
      render { PackageRelationshipsPart().assemble($0) } == declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRels)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(officeRels)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>")
  }

  @Test("xl/_rels/workbook.xml.rels")
  func workbookRelationships() {
    #expect(
      render { WorkbookRelationshipsPart(sheetCount: 2, hasSharedStrings: true).assemble($0) } == declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRels)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(officeRels)/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(officeRels)/styles\" Target=\"styles.xml\"/>"
        + "<Relationship Id=\"rId4\" Type=\"\(officeRels)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        + "</Relationships>")
  }

  @Test("xl/worksheets/_rels/sheetN.xml.rels: external links, then the notes' drawing and comments")
  func worksheetRelationships() {
    let part = WorksheetRelationshipsPart(hyperlinkTargets: ["sub/a%20b.xlsx"], commentsNumber: 3)
    #expect(part.vmlDrawingID == "rId2")
    #expect(
      render { part.assemble($0) } == declaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(officeRels)/hyperlink\" Target=\"sub/a%20b.xlsx\" TargetMode=\"External\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(officeRels)/vmlDrawing\" Target=\"../drawings/vmlDrawing3.vml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(officeRels)/comments\" Target=\"../comments3.xml\"/>"
        + "</Relationships>")
    #expect(WorksheetRelationshipsPart(hyperlinkTargets: [], commentsNumber: nil).isEmpty)
  }

  // MARK: - Workbook

  @Test("xl/workbook.xml with an autofilter's hidden name")
  func workbook() {
    let part = WorkbookPart(sheets: [
      .init(name: "汇总", autoFilter: CellRange("A1:C9")), .init(name: "Bob's", autoFilter: nil),
    ])
    #expect(
      render { part.assemble($0) } == declaration
        + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\"><workbookPr/>"
        + "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews>"
        + "<sheets><sheet name=\"汇总\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Bob's\" sheetId=\"2\" r:id=\"rId2\"/></sheets>"
        + "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'汇总'!$A$1:$C$9</definedName></definedNames>"
        + "</workbook>")
  }

  @Test("Workbook: write_sheet, write_defined_name, quoted names")
  func workbookElements() {
    let part = WorkbookPart(sheets: [])
    #expect(render { part.writeSheet("a&\"b", number: 3, $0) } == "<sheet name=\"a&amp;&quot;b\" sheetId=\"3\" r:id=\"rId3\"/>")
    #expect(render { part.writeDefinedNames($0) } == "")
    #expect(
      render { part.writeDefinedName(sheetIndex: 1, sheetName: "It's", range: CellRange("B2:D5")!, $0) }
        == "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"1\" hidden=\"1\">'It''s'!$B$2:$D$5</definedName>")
  }

  // MARK: - Worksheet

  @Test("Worksheet start: frozen header row and column widths")
  func worksheetStart() {
    let xml = render { xml in
      WorksheetPart(xml: xml).writeStart(
        layout: SheetLayout(columnWidths: [10, 10, nil, 0.5, 20], frozenRows: 1), isSelected: true)
    }
    #expect(
      xml == declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(officeRels)\">"
        + "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
        + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        + "<cols><col min=\"1\" max=\"2\" width=\"10.7109375\" customWidth=\"1\"/>"
        + "<col min=\"4\" max=\"4\" width=\"0.85546875\" customWidth=\"1\"/>"
        + "<col min=\"5\" max=\"5\" width=\"20.7109375\" customWidth=\"1\"/></cols><sheetData>")
  }

  @Test("Worksheet: write_pane for rows and columns, columns only, no pane")
  func worksheetPanes() {
    #expect(
      render { WorksheetPart(xml: $0).writePane(rows: 2, columns: 1) }
        == "<pane xSplit=\"1\" ySplit=\"2\" topLeftCell=\"B3\" activePane=\"bottomRight\" state=\"frozen\"/>"
        + "<selection pane=\"topRight\" activeCell=\"B1\" sqref=\"B1\"/>"
        + "<selection pane=\"bottomLeft\" activeCell=\"A3\" sqref=\"A3\"/>"
        + "<selection pane=\"bottomRight\" activeCell=\"B3\" sqref=\"B3\"/>")
    #expect(
      render { WorksheetPart(xml: $0).writePane(rows: 0, columns: 3) }
        == "<pane xSplit=\"3\" topLeftCell=\"D1\" activePane=\"topRight\" state=\"frozen\"/>"
        + "<selection pane=\"topRight\" activeCell=\"D1\" sqref=\"D1\"/>")
    #expect(
      render { WorksheetPart(xml: $0).writeSheetViews(layout: SheetLayout(), isSelected: false) }
        == "<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>")
  }

  @Test("Worksheet: write_c for each kind of value, write_row with and without height")
  func worksheetCells() {
    let row = RowNumberText(7)
    func cell(_ column: Int, _ style: Int, _ value: EncodedValue, isImplied: Bool = false) -> String {
      render {
        WorksheetPart(xml: $0).writeC(column: column, rowNumber: row, isImplied: isImplied, style: style, value: value)
      }
    }
    #expect(cell(0, 0, .sharedString(12)) == "<c r=\"A7\" t=\"s\"><v>12</v></c>")
    #expect(cell(27, 3, .number(1.5)) == "<c r=\"AB7\" s=\"3\"><v>1.5</v></c>")
    #expect(cell(1, 0, .number(-0.0)) == "<c r=\"B7\"><v>-0</v></c>")
    #expect(cell(2, 0, .bool(true)) == "<c r=\"C7\" t=\"b\"><v>1</v></c>")
    #expect(cell(2, 0, .bool(false)) == "<c r=\"C7\" t=\"b\"><v>0</v></c>")
    #expect(
      render { WorksheetPart(xml: $0).writeErrorC(column: 3, rowNumber: row, isImplied: false, style: 0, text: "#N/A") }
        == "<c r=\"D7\" t=\"e\"><v>#N/A</v></c>")
    #expect(cell(16_383, 2, .blank) == "<c r=\"XFD7\" s=\"2\"/>")
    // Without the reference, when the cell's place is implied.
    #expect(cell(0, 0, .sharedString(12), isImplied: true) == "<c t=\"s\"><v>12</v></c>")
    #expect(cell(27, 3, .number(1.5), isImplied: true) == "<c s=\"3\"><v>1.5</v></c>")
    #expect(cell(1, 0, .number(2), isImplied: true) == "<c><v>2</v></c>")
    #expect(cell(2, 4, .bool(true), isImplied: true) == "<c s=\"4\" t=\"b\"><v>1</v></c>")
    #expect(cell(5, 0, .blank, isImplied: true) == "<c/>")
    #expect(cell(5, 2, .blank, isImplied: true) == "<c s=\"2\"/>")
    #expect(
      render { WorksheetPart(xml: $0).writeErrorC(column: 3, rowNumber: row, isImplied: true, style: 1, text: "#N/A") }
        == "<c s=\"1\" t=\"e\"><v>#N/A</v></c>")
    let rows = render { xml in
      let part = WorksheetPart(xml: xml)
      part.writeRowStart(row, height: 30)
      part.writeRowEnd()
      part.writeRowStart(row, height: nil)
      part.writeRowEnd()
      part.writeEmptyRow(row, height: 12.75)
    }
    #expect(rows == "<row r=\"7\" ht=\"30\" customHeight=\"1\"></row><row r=\"7\"></row><row r=\"7\" ht=\"12.75\" customHeight=\"1\"/>")
  }

  @Test("Worksheet: row numbers of every length, up to Excel's last row")
  func rowNumbers() {
    for number in [1, 9, 10, 99, 100, 4_672, 10_000, 99_999, 100_000, 999_999, 1_000_000, 1_048_576] {
      let xml = render { xml in
        let part = WorksheetPart(xml: xml)
        let row = RowNumberText(number)
        part.writeRowStart(row, height: nil)
        part.writeC(column: 0, rowNumber: row, isImplied: false, style: 0, value: .blank)
        part.writeRowEnd()
      }
      #expect(xml == "<row r=\"\(number)\"><c r=\"A\(number)\"/></row>")
    }
  }

  @Test("Worksheet end: autofilter, merged cells, hyperlinks, margins, legacy drawing")
  func worksheetEnd() {
    let a1 = CellReference(row: 0, column: 0)
    let b2 = CellReference(row: 1, column: 1)
    let xml = render { xml in
      WorksheetPart(xml: xml).writeEnd(
        WorksheetPart.Ending(
          autoFilter: CellRange("A1:C9"), mergedRanges: [CellRange("A1:C1")!, CellRange("A2:A3")!],
          hyperlinks: [
            (CellHyperlink(reference: a1, target: .file("a.xlsx"), tooltip: "打开"), "rId1"),
            (CellHyperlink(reference: b2, target: .cell(sheet: "指标明细", reference: b2), tooltip: nil), nil),
          ], legacyDrawingID: "rId2"))
    }
    #expect(
      xml == "</sheetData><autoFilter ref=\"A1:C9\"/>"
        + "<mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"A2:A3\"/></mergeCells>"
        + "<hyperlinks><hyperlink ref=\"A1\" r:id=\"rId1\" tooltip=\"打开\"/>"
        + "<hyperlink ref=\"B2\" location=\"'指标明细'!B2\" display=\"'指标明细'!B2\"/></hyperlinks>"
        + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        + "<legacyDrawing r:id=\"rId2\"/></worksheet>")
    let plain = render { WorksheetPart(xml: $0).writeEnd(.init(autoFilter: nil, mergedRanges: [], hyperlinks: [], legacyDrawingID: nil)) }
    #expect(
      plain == "</sheetData><pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
    #expect(render { WorksheetPart(xml: $0).writeAutoFilter(CellRange("B3:B3")!) } == "<autoFilter ref=\"B3\"/>")
  }

  @Test("Column widths as Excel stores them")
  func columnFileWidths() {
    #expect(WorksheetPart.fileWidth(8.43) == 9.140625)
    #expect(WorksheetPart.fileWidth(10) == 10.7109375)
    #expect(WorksheetPart.fileWidth(0) == 0)
    #expect(WorksheetPart.fileWidth(255) == 255.7109375)
  }

  // MARK: - Shared strings

  @Test("xl/sharedStrings.xml with counts and preserved white space")
  func sharedStrings() {
    let table = SharedStringTable()
    for text in ["单位", " 前导空格", "单位", "a\r\nb", "尾随\t"] { _ = table.index(of: text) }
    #expect(
      render { SharedStringsPart(table: table).assemble($0) } == declaration
        + "<sst xmlns=\"\(main)\" count=\"5\" uniqueCount=\"4\">"
        + "<si><t>单位</t></si><si><t xml:space=\"preserve\"> 前导空格</t></si>"
        + "<si><t>a_x000D_\nb</t></si><si><t xml:space=\"preserve\">尾随\t</t></si></sst>")
  }

  @Test("Shared strings: write_si")
  func sharedStringItem() {
    let part = SharedStringsPart(table: SharedStringTable())
    func si(_ text: String) -> String {
      var text = text
      return render { xml in text.withUTF8 { part.writeSi($0, xml) } }
    }
    #expect(si("a<b") == "<si><t>a&lt;b</t></si>")
    #expect(si("") == "<si><t></t></si>")
    #expect(si("\n") == "<si><t xml:space=\"preserve\">\n</t></si>")
  }

  // MARK: - Styles

  @Test("xl/styles.xml for the default style only")
  func stylesDefault() {
    let xml = render { StylesPart(table: StyleTable(), fontName: "宋体", fontSize: 11).assemble($0) }
    #expect(
      xml == declaration + "<styleSheet xmlns=\"\(main)\">"
        + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>"
        + "</styleSheet>")
  }

  @Test("Styles: deduplicated formats, fonts, fills, borders and number formats")
  func stylesDeduplicated() throws {
    let table = StyleTable()
    let header = CellStyle(
      bold: true, fontColor: RGBColor(0xFFFFFF), fillColor: RGBColor(0x1F4E78), border: CellBorder(.thin),
      wrapText: true, horizontalAlignment: .center, verticalAlignment: .center)
    let money = CellStyle(border: CellBorder(.thin), numberFormat: .twoDecimals)
    let ratio = CellStyle(numberFormat: .percentOneDecimal)
    let date = CellStyle(numberFormat: "yyyy-mm-dd")
    #expect(try table.index(of: .plain) == 0)
    #expect(try table.index(of: header) == 1)
    #expect(try table.index(of: money) == 2)
    #expect(try table.index(of: ratio) == 3)
    #expect(try table.index(of: date) == 4)
    #expect(try table.index(of: header) == 1)
    #expect(try table.index(of: CellStyle(numberFormat: .general)) == 0, "General is the default format")
    #expect(table.formats.count == 5)
    #expect(table.fonts.count == 2)
    #expect(table.borders.count == 2)
    #expect(table.customFormats.map(\.code) == ["0.0%", "yyyy-mm-dd"])

    let part = StylesPart(table: table, fontName: "Calibri", fontSize: 11)
    #expect(
      render { part.writeNumFmts($0) }
        == "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/><numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd\"/></numFmts>")
    #expect(
      render { part.writeFont(table.fonts[1], $0) }
        == "<font><b/><sz val=\"11\"/><color rgb=\"FFFFFFFF\"/><name val=\"Calibri\"/><family val=\"2\"/></font>")
    #expect(
      render { part.writePatternFill("solid", color: RGBColor(0x1F4E78), $0) }
        == "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF1F4E78\"/><bgColor indexed=\"64\"/></patternFill></fill>")
    #expect(
      render { part.writeBorder(CellBorder(.medium, color: RGBColor(0xFF0000), sides: [.top, .bottom]), $0) }
        == "<border><left/><right/><top style=\"medium\"><color rgb=\"FFFF0000\"/></top>"
        + "<bottom style=\"medium\"><color rgb=\"FFFF0000\"/></bottom><diagonal/></border>")
    #expect(
      render { part.writeXf(table.formats[1], $0) }
        == "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>")
    #expect(
      render { part.writeXf(table.formats[2], $0) }
        == "<xf numFmtId=\"2\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\"/>")
  }

  // MARK: - Properties

  @Test("docProps/app.xml")
  func appProperties() {
    let vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    #expect(
      render { AppPropertiesPart(sheetNames: ["汇总", "明细"], company: "财政局").assemble($0) } == declaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" xmlns:vt=\"\(vt)\">"
        + "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        + "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>"
        + "<vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        + "<TitlesOfParts><vt:vector size=\"2\" baseType=\"lpstr\"><vt:lpstr>汇总</vt:lpstr><vt:lpstr>明细</vt:lpstr></vt:vector></TitlesOfParts>"
        + "<Company>财政局</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        + "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
  }

  @Test("docProps/core.xml: no date unless given")
  func coreProperties() {
    let open = "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
      + "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    #expect(render { CorePropertiesPart(properties: DocumentProperties()).assemble($0) } == declaration + open + "</cp:coreProperties>")
    let properties = DocumentProperties(
      title: "2024 年绩效自评", creator: "jixiao", created: ExcelDateTime(year: 2024, month: 3, day: 1, hour: 8, minute: 30))
    #expect(
      render { CorePropertiesPart(properties: properties).assemble($0) } == declaration + open
        + "<dc:title>2024 年绩效自评</dc:title><dc:creator>jixiao</dc:creator><cp:lastModifiedBy>jixiao</cp:lastModifiedBy>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-03-01T08:30:00Z</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2024-03-01T08:30:00Z</dcterms:modified></cp:coreProperties>")
  }

  // MARK: - Notes

  @Test("xl/commentsN.xml")
  func comments() {
    let part = CommentsPart(
      comments: [
        CellComment(reference: CellReference(row: 0, column: 0), text: "说明", author: "jixiao"),
        CellComment(reference: CellReference(row: 2, column: 1), text: " 含<空格> ", author: "审核"),
      ], fontName: "宋体")
    let rPr = "<rPr><sz val=\"9\"/><color indexed=\"81\"/><rFont val=\"宋体\"/><charset val=\"134\"/><family val=\"2\"/></rPr>"
    #expect(
      render { part.assemble($0) } == declaration + "<comments xmlns=\"\(main)\">"
        + "<authors><author>jixiao</author><author>审核</author></authors><commentList>"
        + "<comment ref=\"A1\" authorId=\"0\"><text><r>\(rPr)<t>说明</t></r></text></comment>"
        + "<comment ref=\"B3\" authorId=\"1\"><text><r>\(rPr)<t xml:space=\"preserve\"> 含&lt;空格&gt; </t></r></text></comment>"
        + "</commentList></comments>")
  }

  @Test("xl/drawings/vmlDrawingN.vml")
  func vmlDrawing() {
    let part = VMLDrawingPart(cells: [CellReference(row: 0, column: 0), CellReference(row: 4, column: 2)], firstBlock: 1)
    let shape = { (id: Int, z: Int, left: String, top: String, anchor: String, row: Int, column: Int) in
      "<v:shape id=\"_x0000_s\(id)\" type=\"#_x0000_t202\" style=\"position:absolute;margin-left:\(left)pt;margin-top:\(top)pt;"
        + "width:96pt;height:55.5pt;z-index:\(z);visibility:hidden\" fillcolor=\"#ffffe1\" o:insetmode=\"auto\">"
        + "<v:fill color2=\"#ffffe1\"/><v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
        + "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
        + "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>\(anchor)</x:Anchor>"
        + "<x:AutoFill>False</x:AutoFill><x:Row>\(row)</x:Row><x:Column>\(column)</x:Column></x:ClientData></v:shape>"
    }
    #expect(
      render { part.assemble($0) }
        == "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
        + "xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
        + "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"1\"/></o:shapelayout>"
        + "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
        + "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>"
        + shape(1025, 1, "59.25", "1.5", "1, 15, 0, 2, 3, 15, 3, 16", 0, 0)
        + shape(1026, 2, "155.25", "52.5", "3, 15, 3, 10, 5, 15, 7, 4", 4, 2)
        + "</xml>")
    let many = VMLDrawingPart(cells: Array(repeating: CellReference(row: 0, column: 0), count: 2048), firstBlock: 4)
    #expect(render { many.writeShapelayout($0) } == "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"4,5,6\"/></o:shapelayout>")
    #expect(VMLDrawingPart.blockCount(for: 2048) == 3)
  }
}
