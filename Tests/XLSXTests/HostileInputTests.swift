import Foundation
import Testing
@testable import XLSX
import _XLSXTestSupport

/// Hostile or damaged packages not covered by the ZIP-container, XML-safety and
/// sheet-shape suites: pointers outside the file, duplicate sheet names, a dimension
/// that claims ten million rows, and a 100 MB cell. Each ends in a clear error that
/// names the file (and the part and cell where there is one) or in a bounded result;
/// each is fast by construction (no input is inflated or allocated at its claimed size).
@Suite("Hostile input")
struct HostileInputTests {
  private let sheetBody = #"<sheetData><row r="1"><c r="A1"><v>42</v></c><c r="B1" t="inlineStr"><is><t>项目</t></is></c></row></sheetData>"#

  private func open(_ bytes: [UInt8], limits: ReadLimits = ReadLimits()) throws -> [CellValue] {
    let workbook = try Workbook(bytes: bytes, fileName: "outside.xlsx", limits: limits)
    return try workbook.grid(of: workbook.sheets[0]).cells.map(\.value)
  }

  // MARK: - Pointers outside the file

  /// Offset of the end-of-central-directory record of a package without a comment.
  private func endRecord(_ bytes: [UInt8]) -> Int { bytes.count - 22 }

  /// Offsets of the central-directory entries, from `start` (default: the end record's offset).
  private func directoryEntries(_ bytes: [UInt8], from start: Int? = nil) -> [Int] {
    var offsets: [Int] = []
    var position = start ?? Int(readLE32(bytes, endRecord(bytes) + 16))
    while position + 46 <= bytes.count, readLE32(bytes, position) == 0x0201_4b50 {
      offsets.append(position)
      let variable = Int(readLE16(bytes, position + 28)) + Int(readLE16(bytes, position + 30))
        + Int(readLE16(bytes, position + 32))
      position += 46 + variable
    }
    return offsets
  }

  /// The corrupt-zip error for `bytes`, with the file named.
  private func corruptZipError(_ bytes: [UInt8], _ what: String) -> XLSXError? {
    let error = catchError { _ = try open(bytes) }
    #expect(error?.code == .corruptZip, "\(what): \(String(describing: error))")
    #expect(error?.file == "outside.xlsx", "\(what)")
    #expect(error?.description.hasPrefix("文件 outside.xlsx") == true, "\(what)")
    return error
  }

  @Test func aCentralDirectoryOffsetPastTheEndIsCorrupt() throws {
    let good = TestWorkbook.bytes(sheetBody)
    #expect(try open(good) == [.number(42), .string("项目")])
    for offset: UInt32 in [UInt32(good.count) + 1000, 0x7FFF_FFFF, 0xFFFF_FFFF] {
      var bytes = good
      writeLE32(&bytes, endRecord(bytes) + 16, offset)
      let error = corruptZipError(bytes, "directory offset \(offset)")
      #expect(error?.message.contains("中央目录偏移 \(offset) 超出文件范围") == true)
    }
  }

  @Test func aCentralDirectorySizePastTheEndIsCorrupt() {
    var bytes = TestWorkbook.bytes(sheetBody)
    writeLE32(&bytes, endRecord(bytes) + 12, 0xFFFF_FF00)
    let error = corruptZipError(bytes, "directory size")
    #expect(error?.message.contains("中央目录大小 4294967040") == true)
  }

  @Test func moreEntriesThanTheDirectoryHoldsIsCorrupt() {
    var bytes = TestWorkbook.bytes(sheetBody)
    let count = readLE16(bytes, endRecord(bytes) + 10)
    writeLE16(&bytes, endRecord(bytes) + 8, count + 1)
    writeLE16(&bytes, endRecord(bytes) + 10, count + 1)
    let error = corruptZipError(bytes, "entry count")
    #expect(error?.message.contains("被截断") == true)
  }

  @Test func anEntryWhoseDataLiesOutsideTheFileIsCorruptAndNamed() {
    let good = TestWorkbook.bytes(sheetBody)
    let sheetEntry = directoryEntries(good).first { offset in
      let length = Int(readLE16(good, offset + 28))
      return String(decoding: good[(offset + 46)..<(offset + 46 + length)], as: UTF8.self) == "xl/worksheets/sheet1.xml"
    }!
    // The local header beyond the end of the file, then the compressed size.
    for (field, value): (Int, UInt32) in [(42, 0x7FFF_FFFF), (42, 0xFFFF_FFFE), (20, 0x7FFF_FFF0)] {
      var bytes = good
      writeLE32(&bytes, sheetEntry + field, value)
      let error = corruptZipError(bytes, "field \(field) = \(value)")
      #expect(error?.part == "xl/worksheets/sheet1.xml")
      #expect(error?.message.contains("「xl/worksheets/sheet1.xml」的数据超出文件范围") == true)
    }
  }

  @Test func zip64RecordsPointingOutsideTheFileAreCorrupt() throws {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    zip.forceZip64 = true
    let good = zip.bytes()
    #expect((try? open(good)) == [.number(42), .string("项目")])

    // The zip64 locator's pointer to the zip64 end record, past the end of the file.
    var bytes = good
    let locator = bytes.count - 22 - 20
    #expect(readLE32(bytes, locator) == 0x0706_4b50)
    writeLE64(&bytes, locator + 8, UInt64(bytes.count) + 4096)
    #expect(corruptZipError(bytes, "zip64 locator")?.message.contains("zip64 中央目录结尾记录无效") == true)

    // The zip64 end record's directory offset, near UInt64.max.
    bytes = good
    let zip64End = Int(readLE64(bytes, locator + 8))
    writeLE64(&bytes, zip64End + 48, UInt64.max - 10)
    #expect(corruptZipError(bytes, "zip64 directory offset")?.message.contains("超出文件范围") == true)

    // An entry's zip64 extra field with a local-header offset near UInt64.max (no overflow trap).
    bytes = good
    let entry = try #require(directoryEntries(bytes, from: Int(readLE64(bytes, zip64End + 48))).first)
    let extra = entry + 46 + Int(readLE16(bytes, entry + 28))
    #expect(readLE16(bytes, extra) == 1)
    writeLE64(&bytes, extra + 4 + 16, UInt64.max - 3)
    let error = corruptZipError(bytes, "zip64 local offset")
    #expect(error?.part == "[Content_Types].xml")
  }

  // MARK: - Duplicate sheet names

  /// Excel refuses two sheets of the same name (ignoring case) and offers to repair such
  /// a file; LibreOffice and openpyxl rename the second, python-calamine lists both but
  /// returns the first sheet's cells for both. jixiao reads both, each from its own part,
  /// under the names as written, in workbook order; lookup by name finds the first.
  @Test func sheetsWithTheSameNameAreBothRead() throws {
    let zip = TestWorkbook.zip(sheets: [
      ("表1", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>第一张</t></is></c></row></sheetData>"#),
      ("表1", #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>第二张</t></is></c></row></sheetData>"#),
      ("data", #"<sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData>"#),
      ("DATA", #"<sheetData><row r="1"><c r="A1"><v>4</v></c></row></sheetData>"#),
    ])
    let workbook = try Workbook(bytes: zip.bytes(), fileName: "dup.xlsx")
    #expect(workbook.sheets.map(\.name) == ["表1", "表1", "data", "DATA"])
    #expect(workbook.sheets.map(\.index) == [0, 1, 2, 3])
    let values = try workbook.sheets.map { try workbook.grid(of: $0).cells.map(\.value) }
    #expect(values == [[.string("第一张")], [.string("第二张")], [.number(3)], [.number(4)]])
    #expect(workbook.sheet(named: "表1")?.index == 0)
    #expect(workbook.sheet(named: "DATA")?.index == 3)
    #expect(workbook.sheet(named: "Data")?.index == 2)
    // The dump (jixiao dump --format json) lists both, each with its own cells.
    let dump = try WorkbookDump.json(of: workbook).serialized()
    #expect(dump.contains("第一张") && dump.contains("第二张"))
  }

  @Test func twoSheetsSharingOnePartReadTheSameCells() throws {
    // Two <sheet> entries with the same r:id: both are listed and read (the same cells).
    var bytes = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    let index = bytes.entries.firstIndex { $0.name == "xl/workbook.xml" }!
    let text = String(decoding: bytes.entries[index].data, as: UTF8.self)
      .replacingOccurrences(
        of: "</sheets>", with: "<sheet name=\"Sheet1\" sheetId=\"2\" r:id=\"rId1\"/></sheets>")
    bytes.entries[index].data = Array(text.utf8)
    let workbook = try Workbook(bytes: bytes.bytes())
    #expect(workbook.sheets.count == 2)
    for sheet in workbook.sheets {
      #expect(try workbook.grid(of: sheet).cells.map(\.value) == [.number(42), .string("项目")])
    }
  }

  // MARK: - A dimension that claims the whole grid

  @Test func aHugeDimensionOverAnEmptySheetReadsAsEmpty() throws {
    for dimension in ["A1:J10000000", "A1:XFD1048576", "XFD1048576"] {
      let bytes = TestWorkbook.bytes("<dimension ref=\"\(dimension)\"/><sheetData/>")
      let workbook = try Workbook(bytes: bytes, fileName: "dim.xlsx")
      let sheet = workbook.sheets[0]
      let grid = try workbook.grid(of: sheet)
      #expect(grid.cells.isEmpty, "\(dimension)")
      #expect(grid.usedRange == nil)
      #expect(grid[CellReference("J10")!] == nil)
      // The declared dimension is kept as a hint only when it is a valid range.
      let cursor = try workbook.rows(of: sheet)
      #expect(try cursor.next() == nil)
      let expected = ["A1:J10000000": nil, "A1:XFD1048576": "A1:XFD1048576", "XFD1048576": "XFD1048576:XFD1048576"]
      #expect(cursor.declaredDimension?.description == expected[dimension] ?? nil)
      let dump = try WorkbookDump.sheetJSON(sheet, of: workbook).serialized(indent: 0)
      #expect(dump.contains("\"dimension\":null"), "\(dump)")
    }
  }

  // MARK: - A 100 MB string

  /// A 1 MiB run of mixed text (ASCII and CJK), repeated to make a huge string.
  private static let megabyte: [UInt8] = {
    let unit = Array("项目资金 performance 0123456789 ".utf8)
    var bytes: [UInt8] = []
    while bytes.count + unit.count <= 1 << 20 { bytes += unit }
    return bytes + Array(repeating: UInt8(ascii: "."), count: (1 << 20) - bytes.count)
  }()

  private func temporaryFile(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-hostile-\(UUID().uuidString)-\(name)").path
  }

  @Test func a100MBInlineStringStopsAtTheTextLimit() throws {
    // 100 MiB stored (uncompressed), written to disk in runs: the test never holds it whole.
    let path = temporaryFile("inline.xlsx")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try StreamedZip.write(
      StreamedZip.workbook(sheetData: [
        (Array(#"<row r="3"><c r="C3" t="inlineStr"><is><t>"#.utf8), 1), (Self.megabyte, 100),
        (Array("</t></is></c></row>".utf8), 1),
      ]), to: path)
    let workbook = try Workbook(path: path, fileName: "big.xlsx")
    let error = catchError { _ = try workbook.grid(of: workbook.sheets[0]) }
    #expect(error?.code == .limitExceeded)
    #expect(error?.file == "big.xlsx")
    #expect(error?.part == "xl/worksheets/sheet1.xml")
    #expect(error?.sheet == "Sheet1")
    #expect(error?.cell == "C3")
    #expect(error?.message.contains("长度上限 \(ReadLimits().maxTextLength) 字节") == true)
    #expect(error?.description.hasPrefix("文件 big.xlsx，部件 xl/worksheets/sheet1.xml，工作表「Sheet1」，单元格 C3") == true)
  }

  @Test func a100MBSharedStringStopsAtTheTextLimit() throws {
    let path = temporaryFile("shared.xlsx")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try StreamedZip.write(
      StreamedZip.workbook(
        sheetData: [(Array(#"<row r="1"><c r="A1" t="s"><v>1</v></c></row>"#.utf8), 1)],
        sharedStrings: [
          (Array("<si><t>短</t></si><si><t>".utf8), 1), (Self.megabyte, 100), (Array("</t></si>".utf8), 1),
        ]), to: path)
    let error = catchError { _ = try Workbook(path: path, fileName: "big.xlsx") }
    #expect(error?.code == .limitExceeded)
    #expect(error?.file == "big.xlsx")
    #expect(error?.part == "xl/sharedStrings.xml")
    #expect(error?.message.contains("共享字符串 #1 超过长度上限") == true)
  }

  @Test func aLongStringWithinARaisedLimitIsRead() throws {
    // 40 MiB: over the default limit, read whole when the limit is raised.
    let path = temporaryFile("raised.xlsx")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try StreamedZip.write(
      StreamedZip.workbook(
        sheetData: [(Array(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#.utf8), 1)],
        sharedStrings: [(Array("<si><t>".utf8), 1), (Self.megabyte, 40), (Array("</t></si>".utf8), 1)]),
      to: path)
    #expect(catchError { _ = try Workbook(path: path) }?.code == .limitExceeded)
    var limits = ReadLimits()
    limits.maxTextLength = 64 << 20
    let workbook = try Workbook(path: path, limits: limits)
    #expect(workbook.sharedStrings.count == 1)
    #expect(workbook.sharedStrings[0].utf8.count == 40 << 20)
    #expect(workbook.sharedStrings[0].utf8.starts(with: Self.megabyte.prefix(64)))
  }

  @Test func theTextLimitIsExactInEveryKindOfText() throws {
    var limits = ReadLimits()
    limits.maxTextLength = 10
    let fits = "0123456789"
    let over = "0123456789A"
    func sheet(_ cell: String) -> [UInt8] {
      TestWorkbook.bytes("<sheetData><row r=\"2\">\(cell)</row></sheetData>", sharedStrings: ["<si><t>x</t></si>"])
    }
    let kinds: [(String) -> String] = [
      { "<c r=\"B2\" t=\"inlineStr\"><is><t>\($0)</t></is></c>" },
      { "<c r=\"B2\" t=\"str\"><f>A1</f><v>\($0)</v></c>" },
      { "<c r=\"B2\"><f>\($0)</f></c>" },
    ]
    for kind in kinds {
      #expect(throws: Never.self) { _ = try open(sheet(kind(fits)), limits: limits) }
      let error = catchError { _ = try open(sheet(kind(over)), limits: limits) }
      #expect(error?.code == .limitExceeded, "\(kind(over))")
      #expect(error?.cell == "B2")
    }
    let shared = { (text: String) in
      TestWorkbook.bytes(#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#, sharedStrings: ["<si><t>\(text)</t></si>"])
    }
    #expect(try open(shared(fits), limits: limits) == [.string(fits)])
    #expect(catchError { _ = try open(shared(over), limits: limits) }?.code == .limitExceeded)
  }

  /// Millions of empty `<si/>` compress to almost nothing but each takes a slot in
  /// memory: the count is limited, exactly, with an error naming the part.
  @Test func theSharedStringCountIsLimited() throws {
    var limits = ReadLimits()
    limits.maxSharedStrings = 3
    let sheet = #"<sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData>"#
    let three = TestWorkbook.bytes(sheet, sharedStrings: Array(repeating: "<si/>", count: 2) + ["<si><t>c</t></si>"])
    #expect(try open(three, limits: limits) == [.string("c")])
    let four = TestWorkbook.bytes(sheet, sharedStrings: Array(repeating: "<si/>", count: 4))
    let error = catchError { _ = try open(four, limits: limits) }
    #expect(error?.code == .limitExceeded)
    #expect(error?.part == "xl/sharedStrings.xml")
    #expect(error?.message.contains("3 条") == true)
    #expect(ReadLimits().maxSharedStrings == 5_000_000)
  }
}

private func readLE16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
  UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

private func readLE32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
  (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) }
}

private func readLE64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
  (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << ($1 * 8) }
}

private func writeLE16(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt16) {
  for index in 0..<2 { bytes[offset + index] = UInt8((value >> (index * 8)) & 0xFF) }
}

private func writeLE32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
  for index in 0..<4 { bytes[offset + index] = UInt8((value >> (index * 8)) & 0xFF) }
}

private func writeLE64(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt64) {
  for index in 0..<8 { bytes[offset + index] = UInt8((value >> (index * 8)) & 0xFF) }
}
