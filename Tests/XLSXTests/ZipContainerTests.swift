import Testing
@testable import XLSX
import _XLSXTestSupport

@Suite("ZIP container")
struct ZipContainerTests {
  private let sheetBody = #"<sheetData><row r="1"><c r="A1"><v>42</v></c><c r="B1" t="inlineStr"><is><t>项目</t></is></c></row></sheetData>"#

  private func firstSheetValues(_ bytes: [UInt8], limits: ReadLimits = ReadLimits()) throws -> [CellValue] {
    let workbook = try Workbook(bytes: bytes, fileName: "test.xlsx", limits: limits)
    return try workbook.grid(of: workbook.sheets[0]).cells.map(\.value)
  }

  @Test func readsDeflatedAndStoredEntriesAlike() throws {
    var stored = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    for index in stored.entries.indices { stored.entries[index].deflate = false }
    let deflated = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    #expect(try firstSheetValues(stored.bytes()) == [.number(42), .string("项目")])
    #expect(try firstSheetValues(deflated.bytes()) == [.number(42), .string("项目")])
  }

  @Test func readsZip64Records() throws {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    zip.forceZip64 = true
    #expect(try firstSheetValues(zip.bytes()) == [.number(42), .string("项目")])
  }

  @Test func toleratesDataPrependedToTheArchive() throws {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    zip.prefix = Array(repeating: 0x90, count: 1000)
    #expect(try firstSheetValues(zip.bytes()) == [.number(42), .string("项目")])
  }

  @Test func findsPartsWhateverTheirCaseAndSlashes() throws {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    for index in zip.entries.indices where zip.entries[index].name.hasPrefix("xl/worksheets") {
      zip.entries[index].name = #"XL\Worksheets\Sheet1.XML"#
    }
    #expect(try firstSheetValues(zip.bytes()) == [.number(42), .string("项目")])
  }

  @Test func looksUpExactNamesFirstThenFoldedOnes() throws {
    var zip = TestZip()
    for (name, text) in [
      ("XL/Styles.XML", "a"), ("xl/styles.xml", "b"), (#"\Docs\Überblick.xml"#, "c"), ("xl/worksheets/", ""),
      ("Ünï/Straße.xml", "d"), ("xl/workbook.xml", "e"),
    ] {
      zip.add(name, text)
    }
    let archive = try ZipArchive(bytes: ArchiveBytes(copying: zip.bytes()), fileName: "t", limits: ReadLimits())
    func text(_ path: String) throws -> String? {
      try archive.entry(named: path).map { String(decoding: try archive.contents(of: $0), as: UTF8.self) }
    }
    // Two entries fold to one key: an exact name gets its own entry, others the first.
    #expect(try text("xl/styles.xml") == "b")
    #expect(try text("XL/Styles.XML") == "a")
    #expect(try text("Xl/STYLES.xml") == "a")
    #expect(try text(#"xl\styles.xml"#) == "a")
    // Backslashes, leading slashes and case, in ASCII and beyond.
    #expect(try text("docs/überblick.xml") == "c")
    #expect(try text("/Docs/Überblick.xml") == "c")
    #expect(try text("ünï/straße.xml") == "d")
    #expect(try text("XL/WORKBOOK.XML") == "e")
    #expect(try text("xl/workbook.xml") == "e")
    // Directories are not parts.
    #expect(archive.entry(named: "xl/worksheets/") == nil)
    #expect(archive.entry(named: "xl/missing.xml") == nil)
    #expect(ZipEntry.lookupKey(#"//XL\Worksheets\Sheet1.XML"#) == "xl/worksheets/sheet1.xml")
    #expect(ZipEntry.lookupKey("xl/worksheets/sheet1.xml") == "xl/worksheets/sheet1.xml")
    #expect(ZipEntry.lookupKey("/ÄB/c.xml") == "äb/c.xml")
    // Names short enough to be stored inside the String itself.
    #expect(ZipEntry.lookupKey("X/B.XML") == "x/b.xml")
    #expect(ZipEntry.lookupKey("x/b.xml") == "x/b.xml")
    #expect(ZipEntry.lookupKey(#"\x\é.xml"#) == "x/é.xml")
  }

  @Test func rejectsATruncatedFile() {
    let bytes = TestWorkbook.bytes(sheetBody)
    for length in [10, bytes.count / 2, bytes.count - 30] {
      #expect(throws: XLSXError.self) { try firstSheetValues(Array(bytes[0..<length])) }
    }
    let error = catchError { try firstSheetValues(Array(bytes[0..<(bytes.count / 2)])) }
    #expect(error?.code == .corruptZip)
    #expect(error?.file == "test.xlsx")
  }

  @Test func rejectsABadCRC() {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    let sheet = zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
    zip.entries[sheet].crcOverride = 0xDEAD_BEEF
    let error = catchError { try firstSheetValues(zip.bytes()) }
    #expect(error?.code == .checksumMismatch)
    #expect(error?.part == "xl/worksheets/sheet1.xml")
  }

  @Test func stopsAPartThatInflatesPastItsDeclaredSize() {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    let sheet = zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
    zip.entries[sheet].uncompressedSizeOverride = 20
    #expect(catchError { try firstSheetValues(zip.bytes()) }?.code == .checksumMismatch)
  }

  @Test func stopsAZipBombBeforeInflatingIt() {
    // 64 MiB of zeros deflate to about 64 KiB: a ratio near 1000:1.
    let zeros = [UInt8](repeating: 0x20, count: 64 << 20)
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    zip.entries.append(TestZip.Entry(name: "xl/worksheets/sheet1.xml", data: zeros))
    zip.entries.removeAll { $0.name == "xl/worksheets/sheet1.xml" && $0.data.count < 1000 }
    var limits = ReadLimits()
    limits.maxCompressionRatio = 100
    #expect(catchError { try firstSheetValues(zip.bytes(), limits: limits) }?.code == .limitExceeded)
    limits = ReadLimits()
    limits.maxPartSize = 16 << 20
    #expect(catchError { try firstSheetValues(zip.bytes(), limits: limits) }?.code == .limitExceeded)
    limits = ReadLimits()
    limits.maxTotalSize = 16 << 20
    #expect(catchError { try firstSheetValues(zip.bytes(), limits: limits) }?.code == .limitExceeded)
  }

  @Test func rejectsOverlappingEntries() {
    // Two directory entries pointing at the same local header: the classic overlap bomb.
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    zip.entries.append(zip.entries[0])
    var bytes = zip.bytes()
    // Point the last directory entry's local-header offset at the first entry.
    let directoryEnd = bytes.count - 22
    var position = directoryEnd - 1
    while !(bytes[position] == 0x50 && bytes[position + 1] == 0x4b && bytes[position + 2] == 1 && bytes[position + 3] == 2) {
      position -= 1
    }
    for offset in 42..<46 { bytes[position + offset] = 0 }
    #expect(catchError { try firstSheetValues(bytes) }?.code == .corruptZip)
  }

  @Test func rejectsAnEntryCountTheDirectoryCannotHold() {
    var bytes = TestWorkbook.bytes(sheetBody)
    let end = bytes.count - 22
    bytes[end + 8] = 0xFF
    bytes[end + 9] = 0xFE
    bytes[end + 10] = 0xFF
    bytes[end + 11] = 0xFE
    #expect(catchError { try firstSheetValues(bytes) }?.code == .corruptZip)
    var limits = ReadLimits()
    limits.maxEntries = 3
    #expect(catchError { try firstSheetValues(TestWorkbook.bytes(sheetBody), limits: limits) }?.code == .limitExceeded)
  }

  @Test func rejectsUnsupportedCompressionAndEncryptedEntries() {
    var zip = TestWorkbook.zip(sheets: [("Sheet1", sheetBody)])
    let sheet = zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" }!
    zip.entries[sheet].method = 12  // bzip2
    #expect(catchError { try firstSheetValues(zip.bytes()) }?.code == .unsupportedCompression)
    zip.entries[sheet].method = nil
    zip.entries[sheet].flags = 1
    #expect(catchError { try firstSheetValues(zip.bytes()) }?.code == .encrypted)
  }

  @Test func namesWhatAWrongFileIs() {
    let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    let encryptedName = "EncryptedPackage".utf8.flatMap { [$0, 0] as [UInt8] }
    let encrypted = magic + [UInt8](repeating: 0, count: 600) + encryptedName + [UInt8](repeating: 0, count: 100)
    #expect(catchError { try firstSheetValues(encrypted) }?.code == .encrypted)
    let legacy = magic + [UInt8](repeating: 0, count: 600) + "Workbook".utf8.flatMap { [$0, 0] as [UInt8] }
    #expect(catchError { try firstSheetValues(legacy) }?.code == .legacyXLS)
    #expect(catchError { try firstSheetValues([]) }?.code == .emptyFile)
    let html = catchError { try firstSheetValues(Array("<html><body>报表</body></html>".utf8)) }
    #expect(html?.code == .notAZip)
    #expect(html?.message.contains("HTML") == true)
    #expect(catchError { try firstSheetValues(Array("项目名称,得分\n".utf8)) }?.code == .notAZip)
  }

  @Test func reportsAMissingFileWithItsPath() {
    let error = catchError { _ = try Workbook(path: "/nonexistent/报表.xlsx") }
    #expect(error?.code == .io)
    #expect(error?.description.contains("/nonexistent/报表.xlsx") == true)
  }
}

/// The XLSXError thrown by `body`, or nil.
func catchError(_ body: () throws -> Void) -> XLSXError? {
  do {
    try body()
    return nil
  } catch let error as XLSXError {
    return error
  } catch {
    Issue.record("unexpected error type: \(error)")
    return nil
  }
}
