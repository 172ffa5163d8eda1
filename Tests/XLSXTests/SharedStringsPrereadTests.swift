import Foundation
import Testing
import _XLSXTestSupport

@testable import XLSX

/// `SharedStringsPreread`: the leading plain `<si><t>…</t></si>` items of a shared-strings
/// part are read here and dropped; everything else is left to libxml2, and the strings,
/// and any error, come out as libxml2 alone gives them.
@Suite("Shared strings read ahead")
struct SharedStringsPrereadTests {
  private static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
  private static let root = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9">"#

  /// The texts read ahead from `part`, and the part as libxml2 then sees it.
  private func readAhead(_ part: String, limits: ReadLimits = ReadLimits()) -> (texts: [String], left: String) {
    var bytes = Array(part.utf8)
    let (texts, count) = bytes.withUnsafeMutableBytes { SharedStringsPreread.read($0, limits: limits) }
    return (texts, String(decoding: bytes[0..<count], as: UTF8.self))
  }

  @Test func readsTheLeadingPlainItemsAndDropsThem() {
    let items = "<si><t>项目名称</t></si>\n<si><t xml:space=\"preserve\"> a\tb\nc </t></si>"
    let rest = "<si><r><t>rich</t></r></si><si><t>after</t></si></sst>"
    let (texts, left) = readAhead(Self.declaration + Self.root + items + rest)
    #expect(texts == ["项目名称", " a\tb\nc "])
    // The items are dropped; the rest is untouched.
    #expect(left == Self.declaration + Self.root + rest)
  }

  @Test func decodesExcelEscapes() {
    #expect(readAhead(Self.root + "<si><t>A_x000D_B_x005F_x0041_</t></si></sst>").texts == ["A\rB_x0041_"])
  }

  @Test(arguments: [
    "<si><t>a&amp;b</t></si>",  // a reference: libxml2 replaces it
    "<si><t>a\rb</t></si>",  // a carriage return: libxml2 makes it a line feed
    "<si><t>a]]b</t></si>",  // `]`: `]]>` is not allowed
    "<si><t>a\u{1}b</t></si>",  // a control character
    "<si><t/></si>", "<si ><t>a</t></si>", "<si><t xml:space=\"default\">a</t></si>", "<si><t>a</t><t>b</t></si>",
    "<si><r><t>a</t></r></si>", "<si><t>a</t><rPh sb=\"0\" eb=\"1\"><t>ア</t></rPh></si>", "<!-- x --><si><t>a</t></si>",
    "<x:si><x:t>a</x:t></x:si>",
  ])
  func leavesAnyOtherItemToLibxml2(_ item: String) {
    let part = Self.root + item + "<si><t>later</t></si></sst>"
    let (texts, left) = readAhead(part)
    #expect(texts.isEmpty)
    #expect(left == part)
  }

  @Test func leavesInvalidUTF8ToLibxml2() {
    var bytes = Array((Self.root + "<si><t>ab</t></si></sst>").utf8)
    bytes[bytes.count - 15] = 0xFF  // the `a`
    let (texts, count) = bytes.withUnsafeMutableBytes { SharedStringsPreread.read($0, limits: ReadLimits()) }
    #expect(texts.isEmpty)
    #expect(count == bytes.count)
  }

  @Test(arguments: [
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?><sst>", "<!DOCTYPE sst><sst>", "<sst/>", "<x:sst>",
    "<sstx>", "<other>",
  ])
  func leavesAPartThatDoesNotStartPlainlyAlone(_ start: String) {
    let part = start + "<si><t>a</t></si></sst>"
    #expect(readAhead(part).left == part)
    #expect(readAhead(part).texts.isEmpty)
  }

  @Test func aUTF8ByteOrderMarkAndAttributesWithAngleBracketsAreRead() {
    let part = "\u{FEFF}" + Self.declaration + "<sst a=\"x>y\" b='>'><si><t>a</t></si></sst>"
    #expect(readAhead(part).texts == ["a"])
  }

  @Test func stopsAtTheLimits() {
    var limits = ReadLimits()
    limits.maxTextLength = 3
    #expect(readAhead(Self.root + "<si><t>abc</t></si><si><t>abcd</t></si><si><t>a</t></si></sst>", limits: limits).texts == ["abc"])
    limits = ReadLimits()
    limits.maxSharedStrings = 2
    #expect(readAhead(Self.root + "<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>", limits: limits).texts == ["a", "b"])
  }

  // MARK: - Through the workbook

  private func workbooks(_ items: String, limits: ReadLimits = ReadLimits()) -> (
    ahead: Result<Workbook, XLSXError>, alone: Result<Workbook, XLSXError>
  ) {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", "<sheetData/>")], sharedStrings: [])
    zip.entries.removeAll { $0.name == "xl/sharedStrings.xml" }
    zip.add("xl/sharedStrings.xml", Self.declaration + Self.root + items)
    let bytes = zip.bytes()
    return (
      Result { () throws(XLSXError) in try Workbook(bytes: bytes, fileName: "t.xlsx", limits: limits) },
      Result { () throws(XLSXError) in
        try Workbook(bytes: bytes, fileName: "t.xlsx", limits: limits, readingSharedStringsAhead: false)
      }
    )
  }

  @Test func aWorkbookReadsTheSameStrings() throws {
    let (ahead, alone) = workbooks("<si><t>一</t></si><si><r><t>二</t></r><r><t>三</t></r></si><si><t>四</t></si></sst>")
    #expect(try ahead.get().sharedStrings == ["一", "二三", "四"])
    #expect(try alone.get().sharedStrings == ["一", "二三", "四"])
  }

  @Test(arguments: [
    "<si><t>a</t></si><si><t>b</t></si><si><t>c</si></sst>",  // a fault after the items read ahead
    "<si><t>a</t></si><si><t>b</t></si>",  // the root never closed
    "<si><t>a</t></si><si><t>\u{6F22}\u{5B57}</t></si><si><t>&bogus;</t></si></sst>",  // an undefined entity
    "<si><t>a</t></si></sst><sst>",  // content after the root
  ])
  func aDamagedPartFailsAsItDoesForLibxml2Alone(_ items: String) {
    let (ahead, alone) = workbooks(items)
    guard case .failure(let error) = ahead, case .failure(let expected) = alone else {
      Issue.record("expected both to fail: \(ahead), \(alone)")
      return
    }
    #expect(error.description == expected.description)
    #expect(error.part == "xl/sharedStrings.xml")
  }

  @Test func theCountLimitFailsTheSameWay() {
    var limits = ReadLimits()
    limits.maxSharedStrings = 2
    let (ahead, alone) = workbooks("<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>", limits: limits)
    guard case .failure(let error) = ahead, case .failure(let expected) = alone else {
      Issue.record("expected both to fail")
      return
    }
    #expect(error.description == expected.description)
    #expect(error.code == .limitExceeded)
  }

  @Test(
    "Every corpus workbook and sample has the same shared strings",
    arguments: Corpus.workbookNames.map { Corpus.workbook($0).path } + CellBlankingDifferentialTests.samples)
  func workbookHasTheSameSharedStrings(_ path: String) throws {
    let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    let ahead = Result { () throws(XLSXError) in try Workbook(bytes: bytes, fileName: path) }
    let alone = Result { () throws(XLSXError) in try Workbook(bytes: bytes, fileName: path, readingSharedStringsAhead: false) }
    switch (ahead, alone) {
    case (.success(let read), .success(let expected)):
      #expect(read.sharedStrings.map { Array($0.utf8) } == expected.sharedStrings.map { Array($0.utf8) })
    case (.failure(let error), .failure(let expected)):
      #expect(error.description == expected.description)
    default:
      Issue.record("\(path): \(ahead) but \(alone) without reading ahead")
    }
  }
}
