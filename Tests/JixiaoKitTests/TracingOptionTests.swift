import Foundation
import OrderedJSON
import Testing

@testable import JixiaoKit

/// `Converter(tracing: false)` (what `merge` and `validate` use) reads exactly the same
/// reports and issues as the tracing converter `inspect` uses; it only leaves the traces empty.
@Suite("Converter without tracing")
struct TracingOptionTests {
  @Test("Same reports and issues as with tracing", arguments: SampleGoldenTests.samples)
  func sameResultWithoutTracing(_ name: String) throws {
    let mapping = try MappingLoader.loadDefault()
    let path = SampleGoldenTests.root.appendingPathComponent("Samples/\(name)").path
    let traced = Converter(mapping: mapping).convert(path: path, name: name)
    let untraced = Converter(mapping: mapping, tracing: false).convert(path: path, name: name)
    #expect(
      CanonicalJSON.text(files: [untraced], mapping: mapping)
        == CanonicalJSON.text(files: [traced], mapping: mapping))
    // Every sample with a table has a trace to lose (one sample has no table by design).
    #expect(traced.sheets.map(Self.matchCount).reduce(0, +) > 0 || traced.reports.isEmpty)
    #expect(untraced.sheets.map(Self.matchCount).reduce(0, +) == 0)
    #expect(untraced.sheets.map(\.sheet) == traced.sheets.map(\.sheet))
  }

  private static func matchCount(_ outcome: SheetOutcome) -> Int {
    guard case .table(let trace) = outcome.kind else { return 0 }
    return trace.matches.count + trace.unmapped.count
  }
}
