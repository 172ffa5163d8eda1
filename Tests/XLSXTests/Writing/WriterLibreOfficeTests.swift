import Foundation
import Testing
@testable import XLSX

/// The acceptance check: the feature workbook opened by a headless LibreOffice, and what
/// LibreOffice holds compared with what was written. Opt-in (`JIXIAO_LIBREOFFICE=1`),
/// because it needs LibreOffice Calc and its Python bridge
/// (`apt-get install -y libreoffice-calc-nogui python3-uno`) and takes a few seconds.
@Suite("Writer: opened by LibreOffice")
struct WriterLibreOfficeTests {
  static let isEnabled = ProcessInfo.processInfo.environment["JIXIAO_LIBREOFFICE"] == "1"
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Support/libreoffice_check.py").path

  @Test("LibreOffice loads every value, pane, merge, note, link and filter", .enabled(if: isEnabled))
  func libreOffice() throws {
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }
    let path = directory + "/feature.xlsx"
    let writer = try WorkbookWriter(path: path)
    try FeatureWorkbook.build(writer)
    try writer.close()

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [Self.script, path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "libreoffice_check.py failed")
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(report["sheets"] as? [String] == [FeatureWorkbook.summary, FeatureWorkbook.details, FeatureWorkbook.empty])
    let content = try #require(report["content"] as? [String: [String: Any]])

    for (sheet, expected) in FeatureWorkbook.expected {
      let cells = content[sheet]?["cells"] as? [String: [Any]] ?? [:]
      #expect(Set(cells.keys) == Set(expected.keys), "\(sheet): cells present")
      for (reference, value) in expected {
        let loaded = cells[reference] ?? []
        #expect(matches(value, loaded), "\(sheet)!\(reference): wrote \(value), LibreOffice has \(loaded)")
      }
    }
    let summary = try #require(content[FeatureWorkbook.summary])
    #expect(frozen(summary) == [1, 1, 1], "frozen, columns, rows")
    #expect(summary["merged"] as? [String] == ["A6:F6"])
    #expect(summary["autofilter"] as? String == "A1:F5")
    #expect(summary["notes"] as? [String: String] == ["B1": "单位：万元", "A3": "数据来源：2024 年决算报表\n第二行"])
    let links = summary["links"] as? [String: [String]] ?? [:]
    #expect(links["A7"]?.first?.hasSuffix("/附件/说明%201.xlsx") == true)
    #expect(links["B7"] == ["#'指标明细'.A2"])
    #expect(links["C7"] == ["https://example.com/jixiao?a=1&b=2"])
    let details = try #require(content[FeatureWorkbook.details])
    #expect(frozen(details) == [1, 0, 1])
    #expect((details["notes"] as? [String: String])?["C20"] == "_x0041_ 字面量与 <标记> & 符号")
    #expect(frozen(content[FeatureWorkbook.empty] ?? [:]) == [0, 0, 0])
  }

  @Test("LibreOffice check skipped: set JIXIAO_LIBREOFFICE=1 (needs libreoffice-calc-nogui and python3-uno)",
    .disabled(if: isEnabled))
  func libreOfficeSkipped() {}

  /// [has frozen panes, frozen columns, frozen rows] as LibreOffice reports them.
  private func frozen(_ sheet: [String: Any]) -> [Int]? {
    (sheet["frozen"] as? [NSNumber])?.map(\.intValue)
  }

  private func matches(_ expected: CellValue, _ loaded: [Any]) -> Bool {
    guard let kind = loaded.first as? String, loaded.count >= 2 else { return false }
    switch expected {
    case .string(let text):
      // LibreOffice keeps line breaks as a line feed only: it drops the CR of CR LF.
      let normalized = WriterCrossCheckTests.replacing("\r\n", with: "\n", in: text)
      return kind == "s" && (loaded[1] as? String).map { Array($0.utf8) == Array(normalized.utf8) } == true
    case .number(let number):
      // Bit for bit: -0 keeps its sign, 5e-324 and 1.7976931348623157e308 survive.
      return kind == "n" && (loaded[1] as? String).flatMap(Double.init)?.bitPattern == number.bitPattern
    case .date(let date):
      return kind == "n" && (loaded[1] as? String).flatMap(Double.init) == date.serial
    case .bool(let flag):
      return kind == "f" && loaded[1] as? String == (flag ? "=TRUE()" : "=FALSE()")
    case .error(let text):
      return kind == "f" && loaded.count == 3 && loaded[2] as? String == text
    case .empty:
      return false
    }
  }
}
