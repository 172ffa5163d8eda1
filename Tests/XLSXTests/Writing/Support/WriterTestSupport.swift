import Foundation
import Testing
@testable import XLSX

/// Helpers shared by the writer tests.
enum WriterTestSupport {
  /// The XML an emitter-driven part writer produces, as text.
  static func render(_ body: (XMLEmitter) -> Void) -> String {
    let emitter = XMLEmitter()
    body(emitter)
    return emitter.string
  }

  /// The uncompressed parts of a package, by name, in archive order.
  static func parts(of bytes: [UInt8]) throws -> [(name: String, text: String)] {
    let archive = try ZipArchive(bytes: ArchiveBytes(copying: bytes), fileName: "<test>", limits: ReadLimits())
    return try archive.entries.map { entry in
      (entry.name, String(decoding: try archive.contents(of: entry), as: UTF8.self))
    }
  }

  /// One part's XML.
  static func part(_ name: String, of bytes: [UInt8]) throws -> String {
    let found = try parts(of: bytes).first { $0.name == name }
    return try #require(found, "part \(name) missing").text
  }

  /// Writes a workbook to memory with `build` and returns its bytes.
  static func workbookBytes(
    options: WorkbookWriter.Options = WorkbookWriter.Options(), _ build: (WorkbookWriter) throws -> Void
  ) throws -> [UInt8] {
    let writer = try WorkbookWriter(options: options)
    try build(writer)
    try writer.close()
    return writer.bytes
  }

  /// Every cell of every sheet, read back by jixiao's reader: sheet name → A1 → value.
  static func readBack(_ bytes: [UInt8]) throws -> [String: [String: CellValue]] {
    let workbook = try Workbook(bytes: bytes)
    var result: [String: [String: CellValue]] = [:]
    for sheet in workbook.sheets {
      var cells: [String: CellValue] = [:]
      try workbook.forEachRow(in: sheet) { row in
        for cell in row.cells { cells[cell.reference.description] = cell.value }
      }
      result[sheet.name] = cells
    }
    return result
  }

  /// A fresh empty directory, removed by the caller with `removeDirectory`.
  static func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "jixiao-writer-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  static func directoryListing(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }
}

