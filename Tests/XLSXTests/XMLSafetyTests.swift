import Testing
@testable import XLSX
import _XLSXTestSupport

@Suite("XML safety")
struct XMLSafetyTests {
  private func read(_ bytes: [UInt8]) throws -> [Cell] {
    let workbook = try Workbook(bytes: bytes, fileName: "hostile.xlsx")
    return try workbook.grid(of: workbook.sheets[0]).cells
  }

  @Test func rejectsBillionLaughsInSharedStrings() {
    var zip = TestWorkbook.zip(
      sheets: [("Sheet1", #"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#)],
      sharedStrings: ["<si><t>x</t></si>"])
    let index = zip.entries.firstIndex { $0.name == "xl/sharedStrings.xml" }!
    zip.entries[index].data = Array("""
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
      <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol3;</t></si></sst>
      """.utf8)
    let error = catchError { _ = try read(zip.bytes()) }
    #expect(error?.code == .forbiddenDTD)
    #expect(error?.part == "xl/sharedStrings.xml")
    #expect(error?.file == "hostile.xlsx")
  }

  @Test func neverReadsAnExternalEntity() {
    let sheet = """
      <?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>
      """
    let zip = TestWorkbook.zip(sheets: [("Sheet1", "")], sheetXMLOverride: [0: sheet])
    let error = catchError { _ = try read(zip.bytes()) }
    #expect(error?.code == .forbiddenDTD)
    #expect(error?.sheet == "Sheet1")
  }

  @Test func reportsMalformedXMLWithLineAndColumn() {
    let sheet = "<worksheet xmlns=\"\(TestWorkbook.mainNamespace)\">\n<sheetData><row r=\"1\"><c r=\"A1\"><v>1</c></row></sheetData></worksheet>"
    let zip = TestWorkbook.zip(sheets: [("Sheet1", "")], sheetXMLOverride: [0: sheet])
    let error = catchError { _ = try read(zip.bytes()) }
    #expect(error?.code == .malformedXML)
    #expect(error?.line == 2)
    #expect(error?.column != nil)
    #expect(error?.part == "xl/worksheets/sheet1.xml")
  }

  @Test func stopsOnDeeplyNestedXML() {
    let depth = 100_000
    let sheet = "<worksheet xmlns=\"\(TestWorkbook.mainNamespace)\">" + String(repeating: "<a>", count: depth)
      + String(repeating: "</a>", count: depth) + "</worksheet>"
    let zip = TestWorkbook.zip(sheets: [("Sheet1", "")], sheetXMLOverride: [0: sheet])
    #expect(catchError { _ = try read(zip.bytes()) }?.code == .malformedXML)
  }

  @Test func rejectsInvalidUTF8() {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>BAD</t></is></c></row></sheetData>"#)])
    let index = zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
    let text = zip.entries[index].data
    let position = text.firstIndex(of: UInt8(ascii: "B"))!
    zip.entries[index].data = Array(text[..<position]) + [0xC3, 0x28] + Array(text[(position + 3)...])
    #expect(catchError { _ = try read(zip.bytes()) }?.code == .malformedXML)
  }

  @Test func decodesEntitiesInAttributesAndText() throws {
    var zip = TestWorkbook.zip(sheets: [("R&amp;D &lt;1&gt;", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b &#x4E2D;</t></is></c></row></sheetData>"#)])
    zip.prefix = []
    let workbook = try Workbook(bytes: zip.bytes())
    #expect(workbook.sheets[0].name == "R&D <1>")
    #expect(try workbook.grid(of: workbook.sheets[0]).cells.map(\.value) == [.string("a&b 中")])
  }
}
