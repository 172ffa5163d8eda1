import Foundation
import Testing
@testable import JixiaoKit

/// Every sample gives exactly the issues `Samples/README.md` lists for it — the codes
/// and the cells — and nothing else. `Samples/expected-issues.json` is that table in
/// machine-readable form (written by `Samples/make_samples.py` with the workbooks).
@Suite("Samples: expected issues")
struct SampleIssuesTests {
  struct Expectation: Sendable, CustomTestStringConvertible {
    var file: String
    var codes: [String]
    /// Code → cells; `sheet NAME` for an issue about a whole sheet.
    var cells: [String: [String]]
    var testDescription: String { file }
  }

  static let expectations: [Expectation] = {
    let url = SampleGoldenTests.root.appendingPathComponent("Samples/expected-issues.json")
    guard let data = try? Data(contentsOf: url),
      let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let files = document["files"] as? [[String: Any]]
    else { return [] }
    return files.map { file in
      Expectation(
        file: file["file"] as? String ?? "", codes: (file["expectedIssues"] as? [String] ?? []).sorted(),
        cells: file["issueCells"] as? [String: [String]] ?? [:])
    }
  }()

  @Test func everySampleHasAnExpectation() {
    #expect(Set(Self.expectations.map(\.file)) == Set(SampleGoldenTests.samples))
  }

  @Test("Each sample gives exactly its documented issues", arguments: expectations)
  func sampleGivesItsIssues(_ expectation: Expectation) throws {
    let mapping = try MappingLoader.loadDefault()
    let result = Converter(mapping: mapping).convert(
      path: SampleGoldenTests.root.appendingPathComponent("Samples/\(expectation.file)").path, name: expectation.file)
    #expect(Set(result.issues.map(\.code)).sorted() == expectation.codes)
    var cells: [String: [String]] = [:]
    for issue in result.issues {
      let place = issue.cell ?? issue.sheet.map { "sheet \($0)" }
      cells[issue.code, default: []] += place.map { [$0] } ?? []
    }
    for code in expectation.codes {
      #expect((cells[code] ?? []).sorted() == (expectation.cells[code] ?? []).sorted(), "\(code)")
    }
  }
}
