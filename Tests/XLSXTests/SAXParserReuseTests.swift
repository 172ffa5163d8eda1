import Testing
@testable import XLSX
import _XLSXTestSupport

/// One parser reads the small parts of a workbook one after another, reset in between:
/// each part must read as it would with a parser of its own.
@Suite("SAX parser reuse")
struct SAXParserReuseTests {
  private static let sst = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#

  private func part(_ strings: [String], declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> String {
    declaration + Self.sst + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
  }

  private func utf16LE(_ text: String) -> [UInt8] {
    [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }

  /// Parses `bytes` with `parser` into shared strings, or throws.
  private func strings(_ bytes: [UInt8], with parser: SAXParser, part: String) -> Result<[String], XLSXError> {
    let handler = SharedStringsHandler(limits: ReadLimits())
    do {
      try parser.start(handler, partName: part)
      try bytes.withUnsafeBytes { try parser.feed($0, isLast: true) }
      return .success(handler.strings)
    } catch {
      return .failure(error as! XLSXError)
    }
  }

  @Test func eachPartReadsAsWithAParserOfItsOwn() throws {
    let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]
    let parts: [(name: String, bytes: [UInt8], expected: [String]?)] = [
      ("bom.xml", utf8BOM + Array(part(["项目", "a"]).utf8), ["项目", "a"]),
      ("plain.xml", Array(part(["b"], declaration: "").utf8), ["b"]),
      ("utf16.xml", utf16LE(part(["漢字"], declaration: #"<?xml version="1.0" encoding="UTF-16"?>"#)), ["漢字"]),
      ("broken.xml", Array((Self.sst + "<si><t>x</si>").utf8), nil),
      ("bom-again.xml", utf8BOM + Array(part(["c", "d"]).utf8), ["c", "d"]),
      ("dtd.xml", Array(("<!DOCTYPE sst [<!ENTITY e \"e\">]>" + part(["&e;"], declaration: "")).utf8), nil),
      ("last.xml", Array(part(["e"]).utf8), ["e"]),
    ]
    let shared = try SAXParser(fileName: "reuse.xlsx")
    for (name, bytes, expected) in parts {
      let own = try SAXParser(fileName: "reuse.xlsx")
      let alone = strings(bytes, with: own, part: name)
      let reused = strings(bytes, with: shared, part: name)
      switch (alone, reused) {
      case (.success(let first), .success(let second)):
        #expect(first == expected, "\(name)")
        #expect(second == expected, "\(name)")
      case (.failure(let first), .failure(let second)):
        #expect(expected == nil, "\(name)")
        #expect(second.code == first.code, "\(name)")
        #expect(second.part == name)
        #expect(second.message == first.message, "\(name)")
        #expect(second.line == first.line && second.column == first.column, "\(name)")
      default:
        Issue.record("\(name): alone \(alone), reused \(reused)")
      }
    }
  }

  /// Opening reads up to six parts with one parser; a broken `_rels/.rels` (recovered
  /// from the content types) and byte-order marks must not disturb the parts after it.
  @Test func aWorkbookOpensAfterABrokenPartAndWithByteOrderMarks() throws {
    let row = #"<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" s="1"><v>45000</v></c></row>"#
    var zip = TestWorkbook.zip(
      sheets: [("Sheet1", "<sheetData>\(row)</sheetData>")],
      sharedStrings: ["<si><t>a</t></si>", "<si><t>项目</t></si>"],
      styles: #"<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#)
    for index in zip.entries.indices {
      if zip.entries[index].name == "_rels/.rels" {
        zip.entries[index].data = Array("<Relationships><Relationship".utf8)
      } else if zip.entries[index].name != "[Content_Types].xml" {
        zip.entries[index].data = [0xEF, 0xBB, 0xBF] + zip.entries[index].data
      }
    }
    let workbook = try Workbook(bytes: zip.bytes(), fileName: "bom.xlsx")
    #expect(workbook.sharedStrings == ["a", "项目"])
    #expect(workbook.numberFormatKinds == [.number, .dateTime])
    let values = try workbook.grid(of: workbook.sheets[0]).cells.map(\.value)
    #expect(values.first == .string("项目"))
    #expect(values.last?.number == 45000)
    #expect(values.last?.string == nil)
  }
}
