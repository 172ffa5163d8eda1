import Foundation
import OrderedJSON
import Testing
@testable import XLSX

/// Every workbook of `../shared/corpus/xlsx` read and compared with its
/// `.expected.json`, the way the corpus README asks.
@Suite("Conformance corpus")
struct CorpusConformanceTests {
  @Test("The corpus is present (required in CI)", .enabled(if: Corpus.directory != nil || Corpus.isRequired))
  func corpusIsPresent() {
    #expect(Corpus.directory != nil, "../shared/corpus not found; CI needs it beside the clone")
    #expect(Corpus.workbookNames.count >= 100)
  }

  @Test("Corpus skipped: ../shared/corpus not found", .disabled(if: Corpus.directory != nil || Corpus.isRequired))
  func corpusIsMissing() {}

  @Test("Each corpus workbook reads as expected", arguments: Corpus.workbookNames)
  func workbookMatchesExpectation(_ name: String) throws {
    let expected = try Corpus.expectation(name)
    let note = expected["note"] as? String ?? ""
    let path = Corpus.workbook(name).path

    if expected["expect_error"] as? Bool == true {
      #expect(throws: XLSXError.self, "\(name) must fail cleanly: \(expected["why"] ?? "")") {
        try readEverything(path)
      }
      return
    }
    let result: JSONValue
    do {
      result = try readEverything(path)
    } catch {
      if note.contains("SHOULD FAIL OR RECOVER") { return }
      Issue.record("\(name): \(error)")
      return
    }
    compare(result, with: expected, name: name)
  }

  /// Opens the workbook and dumps every sheet, as `jixiao dump --format json` does.
  @discardableResult
  private func readEverything(_ path: String) throws(XLSXError) -> JSONValue {
    let workbook = try Workbook(path: path)
    return try WorkbookDump.json(of: workbook)
  }

  private func compare(_ actual: JSONValue, with expected: [String: Any], name: String) {
    guard case .object(let pairs) = actual, case .array(let actualSheets)? = pairs.first(where: { $0.0 == "sheets" })?.1,
      case .bool(let date1904)? = pairs.first(where: { $0.0 == "date1904" })?.1
    else {
      Issue.record("\(name): dump has no sheets")
      return
    }
    if let expected1904 = expected["date1904"] as? Bool { #expect(date1904 == expected1904, "\(name): date1904") }
    let expectedSheets = expected["sheets"] as? [[String: Any]] ?? []
    let disagreements = expected["disagreements"] as? [[String: Any]] ?? []
    let sheetNames = actualSheets.map { field($0, "name") as? String ?? "?" }
    #expect(sheetNames == expectedSheets.map { $0["name"] as? String ?? "" }, "\(name): sheet names and order")
    guard sheetNames.count == expectedSheets.count else { return }

    for (actualSheet, expectedSheet) in zip(actualSheets, expectedSheets) {
      let sheetName = expectedSheet["name"] as? String ?? ""
      let here = "\(name) [\(sheetName)]"
      let unsure = Set(disagreements.filter { $0["sheet"] as? String == sheetName }.compactMap { $0["what"] as? String })
      let unsureCells = Set(
        disagreements.filter { $0["sheet"] as? String == sheetName }.compactMap { $0["cell"] as? String })

      if let state = CorpusDeviations.find(file: name, sheet: sheetName, place: "state")?.correct.first as? String
        ?? expectedSheet["state"] as? String, !unsure.contains("state")
      {
        #expect(field(actualSheet, "state") as? String == state, "\(here): state")
      }
      if !unsure.contains("type") {
        let type = CorpusDeviations.find(file: name, sheet: sheetName, place: "type")?.correct.first as? String
          ?? expectedSheet["type"] as? String
        #expect(field(actualSheet, "type") as? String == type, "\(here): type")
      }
      if !unsure.contains("merged") {
        #expect(field(actualSheet, "merged") as? [String] == expectedSheet["merged"] as? [String], "\(here): merged")
      }

      var actualCells: [String: [Any]] = [:]
      for cell in field(actualSheet, "cells") as? [[Any]] ?? [] { actualCells[cell[0] as! String] = cell }
      let expectedCells = expectedSheet["cells"] as? [[Any]] ?? []
      for listed in expectedCells {
        let reference = listed[0] as! String
        let cell = CorpusDeviations.find(file: name, sheet: sheetName, place: reference)?.correct ?? listed
        guard let got = actualCells.removeValue(forKey: reference) else {
          Issue.record("\(here) \(reference): missing, expected \(cell)")
          continue
        }
        #expect(cellsAgree(got, cell), "\(here) \(reference): got \(got), expected \(cell)")
      }
      for reference in actualCells.keys.sorted() where !unsureCells.contains(reference) {
        Issue.record("\(here) \(reference): unexpected cell \(actualCells[reference]!)")
      }
    }
  }

  private func cellsAgree(_ actual: [Any], _ expected: [Any]) -> Bool {
    guard actual.count >= 3, expected.count >= 3, actual[1] as? String == expected[1] as? String else { return false }
    switch expected[1] as? String {
    case "n":
      return numbersAgree(actual[2], expected[2], tolerance: 1e-9)
    case "d":
      return numbersAgree(actual[3], expected[3], tolerance: 1.5e-8, absolute: true)
    case "b":
      return actual[2] as? Bool == expected[2] as? Bool
    default:
      return actual[2] as? String == expected[2] as? String
    }
  }

  private func numbersAgree(_ a: Any, _ b: Any, tolerance: Double, absolute: Bool = false) -> Bool {
    guard let x = (a as? NSNumber)?.doubleValue ?? (a as? Double), let y = (b as? NSNumber)?.doubleValue ?? (b as? Double)
    else { return false }
    if absolute { return abs(x - y) <= tolerance }
    return x == y || abs(x - y) <= tolerance * max(abs(x), abs(y))
  }

  /// A field of a dumped sheet, converted to Foundation types for comparison.
  private func field(_ sheet: JSONValue, _ key: String) -> Any? {
    guard case .object(let pairs) = sheet, let value = pairs.first(where: { $0.0 == key })?.1 else { return nil }
    return plain(value)
  }

  private func plain(_ value: JSONValue) -> Any? {
    switch value {
    case .null: nil
    case .bool(let flag): flag
    case .number(let number): number
    case .integer(let integer): Double(integer)
    case .string(let text): text
    case .array(let items): items.map { plain($0) as Any }
    case .object(let pairs): Dictionary(pairs.map { ($0.0, plain($0.1) as Any) }, uniquingKeysWith: { a, _ in a })
    }
  }
}
