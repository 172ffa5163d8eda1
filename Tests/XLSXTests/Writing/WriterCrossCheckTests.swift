import Foundation
import Testing
@testable import XLSX
import _XLSXTestSupport

/// Runs `Support/crosscheck.py` (openpyxl and python-calamine). Skipped, and says so,
/// when python3 or the modules are missing — unless `JIXIAO_REQUIRE_PYTHON=1`, which
/// makes their absence a failure (`.ci/run` sets it and installs the modules).
enum PythonCrossCheck {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Support/crosscheck.py").path

  static var isRequired: Bool { ProcessInfo.processInfo.environment["JIXIAO_REQUIRE_PYTHON"] == "1" }

  static let isAvailable: Bool = {
    (try? run(["-c", "import openpyxl, python_calamine"]).status) == 0
  }()

  /// Runs python3 with `arguments`; returns the exit status and standard output.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: Data, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, data, errorText)
  }
}

@Suite("Writer: read back by openpyxl and python-calamine")
struct WriterCrossCheckTests {
  @Test(
    "openpyxl and python-calamine read the same values, layout and styles",
    .enabled(if: PythonCrossCheck.isAvailable || PythonCrossCheck.isRequired))
  func crossCheck() throws {
    try #require(
      PythonCrossCheck.isAvailable, "JIXIAO_REQUIRE_PYTHON=1 but python3 with openpyxl and python-calamine is missing")
    let directory = try WriterTestSupport.temporaryDirectory()
    defer { WriterTestSupport.removeDirectory(directory) }

    // The feature workbook plus a sheet of random values.
    var random = SeededGenerator(seed: 7)
    let randomStrings = (0..<300).map { _ in
      // Left out: U+FFFE and U+FFFF (calamine does not decode their escapes) and U+FEFF
      // (calamine drops it everywhere, openpyxl at the start and after a tab or line feed).
      String(
        String.UnicodeScalarView(
          RandomValues.string(using: &random).unicodeScalars.filter { $0.value < 0xFEFF || $0.value > 0xFEFF && $0.value < 0xFFFE }))
    }.filter { !$0.isEmpty }
    let randomNumbers = (0..<300).map { _ in RandomValues.number(using: &random) }
    let randomDates = (0..<100).map { _ in
      ExcelDateTime(serial: Double(Int.random(in: 86_400..<2_958_466 * 86_400, using: &random)) / 86_400)
    }
    let featurePath = directory + "/feature.xlsx"
    let writer = try WorkbookWriter(path: featurePath)
    try FeatureWorkbook.build(writer)
    let randomSheet = try writer.addSheet(named: "随机")
    var randomExpected: [String: CellValue] = [:]
    for row in 0..<300 {
      var cells: [WriterCell] = [.number(randomNumbers[row])]
      randomExpected["A\(row + 1)"] = .number(randomNumbers[row])
      if row < randomStrings.count {
        cells.append(.string(randomStrings[row]))
        randomExpected["B\(row + 1)"] = .string(randomStrings[row])
      }
      if row < randomDates.count {
        cells.append(cells.count == 2 ? .date(randomDates[row]) : .empty)
        if cells.count == 3 { randomExpected["C\(row + 1)"] = .date(randomDates[row]) }
      }
      try randomSheet.appendRow(cells)
    }
    try writer.close()

    // A zip64 package (limits lowered so that a small file needs it).
    let zip64Path = directory + "/zip64.xlsx"
    let zip64Writer = try WorkbookWriter(
      path: zip64Path, options: .init(), thresholds: ZipWriter.Zip64Thresholds(size: 20_000, entries: 5))
    let zip64Sheet = try zip64Writer.addSheet(named: "大表")
    var zip64Expected: [String: CellValue] = [:]
    for row in 0..<3000 {
      try zip64Sheet.appendRow([.number(Double(row) / 7), .string("第\(row % 50)组")])
      zip64Expected["A\(row + 1)"] = .number(Double(row) / 7)
      zip64Expected["B\(row + 1)"] = .string("第\(row % 50)组")
    }
    try zip64Writer.close()

    let result = try PythonCrossCheck.run([PythonCrossCheck.script, featurePath, zip64Path])
    try #require(result.status == 0, "crosscheck.py failed: \(result.errors)")
    let report = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])

    var expected = FeatureWorkbook.expected
    expected["随机"] = randomExpected
    let feature = try #require(report[featurePath] as? [String: Any])
    try compareValues(feature, expected: expected, sheetOrder: [
      FeatureWorkbook.summary, FeatureWorkbook.details, FeatureWorkbook.empty, "随机",
    ])
    try compareLayout(feature)

    let zip64 = try #require(report[zip64Path] as? [String: Any])
    #expect((zip64["zip"] as? [String: Any])?["ok"] as? Bool == true, "Python's zipfile checks every CRC")
    try compareValues(zip64, expected: ["大表": zip64Expected], sheetOrder: ["大表"])
  }

  @Test(
    "Python cross-check skipped: python3, openpyxl or python-calamine not found (pip install openpyxl python-calamine)",
    .disabled(if: PythonCrossCheck.isAvailable || PythonCrossCheck.isRequired))
  func pythonMissing() {}

  // MARK: - Comparison

  private enum Library: String { case openpyxl, calamine }

  private func compareValues(
    _ report: [String: Any], expected: [String: [String: CellValue]], sheetOrder: [String]
  ) throws {
    for library in [Library.openpyxl, .calamine] {
      let read = try #require(report[library.rawValue] as? [String: Any])
      #expect(read["sheets"] as? [String] == sheetOrder, "\(library): sheet names")
      let cells = try #require(read["cells"] as? [String: [String: [Any]]])
      for (sheet, values) in expected {
        let actual = cells[sheet] ?? [:]
        // calamine reports error cells as empty.
        let expectedKeys = Set(values.filter { library == .openpyxl || !isError($0.value) }.keys)
        #expect(Set(actual.keys) == expectedKeys, "\(library) \(sheet): cells present")
        for (reference, value) in values {
          guard let tagged = actual[reference] else { continue }
          #expect(matches(value, tagged, library), "\(library) \(sheet)!\(reference): expected \(value), read \(tagged)")
        }
      }
    }
  }

  private func isError(_ value: CellValue) -> Bool {
    if case .error = value { return true }
    return false
  }

  private func matches(_ expected: CellValue, _ tagged: [Any], _ library: Library) -> Bool {
    guard tagged.count == 2, let tag = tagged[0] as? String else { return false }
    switch expected {
    case .string(let text):
      let wanted = library == .openpyxl ? Self.openpyxlSharedString(text) : text
      return tag == "s" && (tagged[1] as? String).map { Array($0.utf8) == Array(wanted.utf8) } == true
    case .number(let number):
      return tag == "n" && (tagged[1] as? String).flatMap(Double.init) == number
    case .bool(let flag):
      return tag == "b" && tagged[1] as? Bool == flag
    case .error(let text):
      return tag == "s" && tagged[1] as? String == text
    case .date(let date):
      if date.isDuration {
        return tag == "t" && (tagged[1] as? String).flatMap(Double.init) == date.serial * 86_400
      }
      return tag == "d" && tagged[1] as? String == String(date.isoString.prefix(19))
    case .empty:
      return false
    }
  }

  /// openpyxl does not decode Excel's `_xHHHH_` escapes in shared strings; it only
  /// drops `x005F_`. What it returns is therefore the escaped text with that removed.
  static func openpyxlSharedString(_ text: String) -> String {
    replacing("x005F_", with: "", in: escapedText(text))
  }

  /// The text as the writer puts it in `<t>`, with XML entities resolved.
  static func escapedText(_ text: String) -> String {
    var xml = WriterTestSupport.render { $0.text(text) }
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
      xml = replacing(entity, with: character, in: xml)
    }
    return xml
  }

  /// Replaces UTF-8 byte sequences (Foundation's replacement works on characters, so a
  /// combining mark after `;` would hide an entity).
  static func replacing(_ target: String, with replacement: String, in text: String) -> String {
    let bytes = Array(text.utf8)
    let pattern = Array(target.utf8)
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if index + pattern.count <= bytes.count, Array(bytes[index..<(index + pattern.count)]) == pattern {
        result += replacement.utf8
        index += pattern.count
      } else {
        result.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: result, as: UTF8.self)
  }

  private func compareLayout(_ report: [String: Any]) throws {
    let openpyxl = try #require(report["openpyxl"] as? [String: Any])
    let layouts = try #require(openpyxl["layout"] as? [String: [String: Any]])
    let summary = try #require(layouts[FeatureWorkbook.summary])
    #expect(summary["merged"] as? [String] == ["A6:F6"])
    #expect(summary["freeze"] as? String == "B2")
    #expect(summary["filter"] as? String == "A1:F5")
    #expect(layouts[FeatureWorkbook.details]?["freeze"] as? String == "A2")
    let widths = summary["widths"] as? [String: Double] ?? [:]
    #expect(widths == ["A": 16.7109375, "B": 14.7109375, "C": 12.7109375, "D": 10.7109375, "E": 12.7109375, "F": 8.7109375])
    #expect(summary["heights"] as? [String: Double] == ["1": 30, "6": 45])
    #expect(summary["comments"] as? [String: String] == ["B1": "单位：万元", "A3": "数据来源：2024 年决算报表\n第二行"])
    let detailComments = layouts[FeatureWorkbook.details]?["comments"] as? [String: String]
    #expect(detailComments?["C20"] == Self.escapedText("_x0041_ 字面量与 <标记> & 符号"), "openpyxl keeps note escapes as written")
    let links = summary["links"] as? [String: [String: Any]] ?? [:]
    #expect(links["A7"]?["target"] as? String == "附件/说明%201.xlsx")
    #expect(links["B7"]?["location"] as? String == "'指标明细'!A2")
    #expect(links["C7"]?["target"] as? String == "https://example.com/jixiao?a=1&b=2")

    let styles = summary["styles"] as? [String: [String: Any]] ?? [:]
    let header = styles["A1"] ?? [:]
    #expect(header["bold"] as? Bool == true)
    #expect(header["font"] as? String == "FFFFFFFF")
    #expect(header["fill"] as? String == "FF1F4E78")
    #expect(header["border"] as? String == "thin")
    #expect(header["wrap"] as? Bool == true)
    #expect(header["horizontal"] as? String == "center" && header["vertical"] as? String == "center")
    #expect(styles["B2"]?["format"] as? String == "0.00")
    #expect(styles["D2"]?["format"] as? String == "0.0%")
    #expect(styles["D2"]?["horizontal"] as? String == "right")
    #expect(styles["E2"]?["format"] as? String == "yyyy-mm-dd")
    #expect(styles["F5"]?["font"] as? String == "FFFF0000")
    #expect(styles["F5"]?["fill"] as? String == "FFFFF2CC")
  }
}
