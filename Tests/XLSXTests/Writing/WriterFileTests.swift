import Foundation
import Testing
@testable import XLSX

/// Atomic output, determinism and the ZIP container.
@Suite("Writer: atomic files, determinism, ZIP")
struct WriterFileTests {
  private func write(_ path: String, _ text: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  private func contents(_ path: String) throws -> String {
    String(decoding: try readFile(path), as: UTF8.self)
  }

  // MARK: - Atomic output

  @Test("An existing file is untouched until close renames the finished file over it")
  func replaceOnClose() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/汇总.xlsx"
    try write(path, "旧文件")
    let writer = try WorkbookWriter(path: path)
    let sheet = try writer.addSheet(named: "s")
    for row in 0..<5000 { try sheet.appendRow([.number(Double(row)), "行"]) }
    #expect(try contents(path) == "旧文件")
    let listing = WriterTestSupport.directoryListing(directory)
    if writer.writesUnnamedFile {
      #expect(listing == ["汇总.xlsx"])  // O_TMPFILE: the file being written has no name
    } else {
      #expect(listing.count == 2 && listing.contains { $0.hasPrefix(".汇总.xlsx.") && $0.hasSuffix(".tmp") })
    }
    try writer.close()
    #expect(WriterTestSupport.directoryListing(directory) == ["汇总.xlsx"])
    #expect(try WriterTestSupport.readBack(Array(readFile(path)))["s"]?.count == 10_000)
  }

  @Test("A failed close leaves the existing file and no temporary file")
  func failureKeepsExistingFile() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/out.xlsx"
    try write(path, "old")
    let writer = try WorkbookWriter(path: path)
    try writer.addSheet(named: "s").addHyperlink(
      at: CellReference("A1")!, to: .cell(sheet: "missing", reference: CellReference("A1")!))
    #expect(throws: XLSXError.self) { try writer.close() }
    #expect(try contents(path) == "old")
    #expect(WriterTestSupport.directoryListing(directory) == ["out.xlsx"])
  }

  @Test("A writer dropped without closing removes its temporary file")
  func droppedWriter() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/out.xlsx"
    try write(path, "old")
    do {
      let writer = try WorkbookWriter(path: path)
      try writer.addSheet(named: "s").appendRow(["never written"])
      #expect(WriterTestSupport.directoryListing(directory).count == (writer.writesUnnamedFile ? 1 : 2))
    }
    #expect(WriterTestSupport.directoryListing(directory) == ["out.xlsx"])
    #expect(try contents(path) == "old")
  }

  @Test("The target's permissions are kept; a missing directory is an io error")
  func permissionsAndMissingDirectory() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/out.xlsx"
    try write(path, "old")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
    let writer = try WorkbookWriter(path: path)
    _ = try writer.addSheet(named: "s")
    try writer.close()
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o640)

    #expect(throws: XLSXError.self) { _ = try WorkbookWriter(path: directory + "/no/such/dir/out.xlsx") }
    do {
      _ = try WorkbookWriter(path: directory + "/no/such/dir/out.xlsx")
    } catch {
      #expect(error.code == .io)
      #expect(error.message.contains("临时文件"))
    }
  }

  @Test("An I/O failure ends the writer: every later call reports it")
  func ioFailure() throws {
    let sink = FailingSink(failAfter: 100_000)
    let writer = try WorkbookWriter(path: nil, options: .init(compressionLevel: 0), thresholds: .init(), sink: sink)
    let sheet = try writer.addSheet(named: "s")
    var failure: XLSXError?
    for row in 0..<100_000 where failure == nil {
      do {
        try sheet.appendRow([.number(Double(row) * 1.1), .string("文本 \(row)")])
      } catch {
        failure = error
      }
    }
    #expect(failure?.code == .io)
    #expect(failure?.sheet == "s")
    #expect(throws: XLSXError.self) { try sheet.appendRow(["x"]) }
    #expect(throws: XLSXError.self) { try writer.close() }
    do { try writer.close() } catch { #expect(error.code == .io) }
  }

  // MARK: - Determinism

  @Test("The same workbook written twice is byte-identical")
  func determinism() throws {
    let first = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    let second = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    #expect(first == second)
    let dated = WorkbookWriter.Options(
      properties: DocumentProperties(title: "t", created: ExcelDateTime(year: 2024, month: 1, day: 2)))
    let third = try WriterTestSupport.workbookBytes(options: dated, FeatureWorkbook.build)
    let fourth = try WriterTestSupport.workbookBytes(options: dated, FeatureWorkbook.build)
    #expect(third == fourth)
    #expect(third != first)
    #expect(!(try WriterTestSupport.part("docProps/core.xml", of: first)).contains("dcterms:created"))
  }

  @Test("ZIP headers: pinned 1980-01-01 00:00 timestamps, no attributes, deflate")
  func zipHeaders() throws {
    let bytes = try WriterTestSupport.workbookBytes(FeatureWorkbook.build)
    let records = ZipInspector.centralRecords(bytes)
    #expect(records.count == 17)
    for record in records {
      #expect(record.time == 0 && record.date == 0x21, "\(record.name)")
      #expect(record.method == 8 && record.madeBy == 20 && record.externalAttributes == 0 && record.extra.isEmpty)
      let local = ZipInspector.localHeader(bytes, at: record.offset)
      #expect(local.time == 0 && local.date == 0x21 && local.flags == 0)
      #expect(local.crc == record.crc && local.compressedSize == record.compressedSize)
      // Streamed parts hold a place for a zip64 field with an ignorable padding field.
      let padded = record.name.hasPrefix("xl/worksheets/sheet") || record.name == "xl/sharedStrings.xml"
        || record.name.hasPrefix("xl/comments") || record.name.hasPrefix("xl/drawings/")
      #expect(local.extraIDs == (padded ? [ZipWriter.paddingFieldID] : []), "\(record.name)")
    }
  }

  @Test("ZipWriter: entries read back at every level, with their CRCs checked; deflating in the background gives the same bytes")
  func zipWriterLevels() throws {
    for level: Int32 in [0, 1, 6, 9] {
      let foreground = try zipWriterArchive(level: level, compressInBackground: false)
      let background = try zipWriterArchive(level: level, compressInBackground: true)
      #expect(foreground == background, "level \(level)")
    }
  }

  private func zipWriterArchive(level: Int32, compressInBackground: Bool) throws -> [UInt8] {
    let sink = MemorySink()
    let zip = try ZipWriter(sink: sink, level: level, compressInBackground: compressInBackground)
    let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 3) }
    try zip.addEntry("a.txt", Array("你好".utf8))
    try zip.addEntry("empty", [])
    try zip.beginEntry("big.bin", mayExceed4GiB: true)
    for chunk in stride(from: 0, to: big.count, by: 30_000) { try zip.write(Array(big[chunk..<min(chunk + 30_000, big.count)])) }
    try zip.endEntry()
    try zip.finish()
    let archive = try ZipArchive(bytes: ArchiveBytes(copying: sink.bytes), fileName: "t", limits: ReadLimits())
    #expect(archive.entries.map(\.name) == ["a.txt", "empty", "big.bin"])
    #expect(try archive.contents(of: archive.entries[0]) == Array("你好".utf8))
    #expect(try archive.contents(of: archive.entries[1]) == [])
    #expect(try archive.contents(of: archive.entries[2]) == big, "level \(level)")
    return sink.bytes
  }

  @Test("ZipWriter in the background: the sink's error reaches the caller; an abandoned writer neither hangs nor crashes")
  func zipWriterBackgroundFailure() throws {
    let sink = FailingSink(failAfter: 100_000)
    let zip = try ZipWriter(sink: sink, level: 0, compressInBackground: true)
    try zip.beginEntry("big.bin", mayExceed4GiB: true)
    var failure: XLSXError?
    do {
      for _ in 0..<100 { try zip.write([UInt8](repeating: 7, count: 30_000)) }
      try zip.endEntry()
    } catch {
      failure = error
    }
    #expect(failure?.message == "磁盘已满（模拟）")
    #expect(sink.position <= 100_000)

    // Dropped with chunks still queued: no hang, no crash.
    for _ in 0..<20 {
      let abandoned = try ZipWriter(sink: MemorySink(), level: 9, compressInBackground: true)
      try abandoned.beginEntry("x", mayExceed4GiB: false)
      for _ in 0..<3 { try abandoned.write([UInt8](repeating: 1, count: 200_000)) }
    }
  }

  @Test("zip64: sizes, offsets and entry counts past the classic limits (limits lowered for the test)")
  func zip64() throws {
    let thresholds = ZipWriter.Zip64Thresholds(size: 20_000, entries: 5)
    let writer = try WorkbookWriter(path: nil, options: .init(), thresholds: thresholds)
    for name in ["一", "二"] {
      let sheet = try writer.addSheet(named: name)
      for row in 0..<3000 { try sheet.appendRow([.number(Double(row) / 7), .string("\(name)\(row % 50)")]) }
    }
    try writer.close()
    let bytes = writer.bytes
    let values = try WriterTestSupport.readBack(bytes)
    #expect(values["一"]?.count == 6000 && values["二"]?["A3000"] == .number(2999.0 / 7))

    let records = ZipInspector.centralRecords(bytes)
    let sheet1 = try #require(records.first { $0.name == "xl/worksheets/sheet1.xml" })
    #expect(sheet1.uncompressedSize == 0xFFFF_FFFF && sheet1.compressedSize == 0xFFFF_FFFF)
    #expect(sheet1.extra.count == 20, "zip64 field: id, length, two sizes")
    let local = ZipInspector.localHeader(bytes, at: sheet1.offset)
    #expect(local.extraIDs == [0x0001] && local.versionNeeded == 45 && local.compressedSize == 0xFFFF_FFFF)
    let late = try #require(records.last)
    #expect(late.offset == 0xFFFF_FFFF, "offsets past the limit move to the zip64 field")
    #expect(ZipInspector.hasZip64EndRecords(bytes))
  }
}

/// A sink that fails once `failAfter` bytes have been written.
final class FailingSink: ByteSink {
  let failAfter: UInt64
  private(set) var position: UInt64 = 0

  init(failAfter: UInt64) { self.failAfter = failAfter }

  func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    guard position + UInt64(bytes.count) <= failAfter else { throw XLSXError(.io, "磁盘已满（模拟）") }
    position += UInt64(bytes.count)
  }

  func overwrite(at offset: UInt64, with bytes: [UInt8]) throws(XLSXError) {}
  func flush() throws(XLSXError) {}
}

/// Reads ZIP headers field by field, independently of the reader under test.
enum ZipInspector {
  struct Record {
    var name: String
    var madeBy, method, time, date: UInt16
    var crc, compressedSize, uncompressedSize, externalAttributes: UInt32
    var offset: Int
    var extra: [UInt8]
  }

  struct Local {
    var versionNeeded, flags, time, date: UInt16
    var crc, compressedSize: UInt32
    var extraIDs: [UInt16]
  }

  static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
  static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16 }

  static func centralRecords(_ bytes: [UInt8]) -> [Record] {
    let end = bytes.count - 22
    var offset = Int(u32(bytes, end + 16))
    if offset == 0xFFFF_FFFF {
      let zip64End = Int(u32(bytes, end - 12))
      offset = Int(u32(bytes, zip64End + 48))
    }
    var records: [Record] = []
    while u32(bytes, offset) == 0x0201_4b50 {
      let nameLength = Int(u16(bytes, offset + 28))
      let extraLength = Int(u16(bytes, offset + 30))
      let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
      let extra = Array(bytes[(offset + 46 + nameLength)..<(offset + 46 + nameLength + extraLength)])
      var localOffset = Int(u32(bytes, offset + 42))
      if localOffset == 0xFFFF_FFFF { localOffset = Int(u32(bytes, offset + 46 + nameLength + extraLength - 8)) }
      records.append(
        Record(
          name: name, madeBy: u16(bytes, offset + 4), method: u16(bytes, offset + 10), time: u16(bytes, offset + 12),
          date: u16(bytes, offset + 14), crc: u32(bytes, offset + 16), compressedSize: u32(bytes, offset + 20),
          uncompressedSize: u32(bytes, offset + 24), externalAttributes: u32(bytes, offset + 38),
          offset: u32(bytes, offset + 42) == 0xFFFF_FFFF ? 0xFFFF_FFFF : localOffset, extra: extra))
      offset += 46 + nameLength + extraLength + Int(u16(bytes, offset + 32))
    }
    return records
  }

  static func localHeader(_ bytes: [UInt8], at offset: Int) -> Local {
    let nameLength = Int(u16(bytes, offset + 26))
    let extraLength = Int(u16(bytes, offset + 28))
    var ids: [UInt16] = []
    var cursor = offset + 30 + nameLength
    while cursor < offset + 30 + nameLength + extraLength {
      ids.append(u16(bytes, cursor))
      cursor += 4 + Int(u16(bytes, cursor + 2))
    }
    return Local(
      versionNeeded: u16(bytes, offset + 4), flags: u16(bytes, offset + 6), time: u16(bytes, offset + 10),
      date: u16(bytes, offset + 12), crc: u32(bytes, offset + 14), compressedSize: u32(bytes, offset + 18),
      extraIDs: ids)
  }

  static func hasZip64EndRecords(_ bytes: [UInt8]) -> Bool {
    let end = bytes.count - 22
    guard u32(bytes, end - 20) == 0x0706_4b50 else { return false }
    let zip64End = Int(u32(bytes, end - 12))
    return u32(bytes, zip64End) == 0x0606_4b50
  }
}
