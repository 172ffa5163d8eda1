import Foundation
import OrderedJSON
import Testing
@testable import JixiaoKit

/// Every workbook in `Samples/` converts to exactly its golden canonical JSON
/// (`Tests/JixiaoKitTests/Golden/<sample>.json`). Run with `JIXIAO_RECORD_GOLDEN=1` to
/// rewrite the golden files after an intended change, then review the diff.
@Suite("Samples: golden canonical JSON")
struct SampleGoldenTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let samples: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Samples").path)) ?? []
    return names.filter { $0.hasSuffix(".xlsx") }.sorted()
  }()

  @Test func thereAreAtLeastTenSamples() {
    #expect(Self.samples.count >= 10)
  }

  @Test("Each sample converts to its golden JSON", arguments: samples)
  func sampleMatchesGolden(_ name: String) throws {
    let mapping = try MappingLoader.loadDefault()
    let result = Converter(mapping: mapping).convert(
      path: Self.root.appendingPathComponent("Samples/\(name)").path, name: "Samples/\(name)")
    let json = CanonicalJSON.text(files: [result], mapping: mapping)
    let golden = Self.root.appendingPathComponent("Tests/JixiaoKitTests/Golden/\(name.replacingOccurrences(of: ".xlsx", with: ".json"))")
    if ProcessInfo.processInfo.environment["JIXIAO_RECORD_GOLDEN"] == "1" {
      try Data(json.utf8).write(to: golden)
      return
    }
    let expected = try String(contentsOf: golden, encoding: .utf8)
    if json != expected {
      let actualLines = json.split(separator: "\n", omittingEmptySubsequences: false)
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
      Issue.record(
        """
        \(name) differs from its golden JSON at line \((first?.offset ?? min(actualLines.count, expectedLines.count)) + 1):
          got:      \(first.map { String($0.element.0) } ?? "(end)")
          expected: \(first.map { String($0.element.1) } ?? "(end)")
        (JIXIAO_RECORD_GOLDEN=1 swift test --filter SampleGoldenTests rewrites the golden files)
        """)
    }
  }
}
