import Foundation
import Testing
@testable import JixiaoKit

/// `docs/issues.md` is exactly `IssueCatalogueDocument.markdown()`, and the catalogue's
/// codes are unique and kebab-case.
@Suite("Issue catalogue document")
struct IssueCatalogueDocumentTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/issues.md")

  @Test func docsIssuesMatchesTheCatalogue() throws {
    let text = IssueCatalogueDocument.markdown()
    if ProcessInfo.processInfo.environment["JIXIAO_RECORD_DOCS"] == "1" {
      try Data(text.utf8).write(to: Self.file)
      return
    }
    let current = (try? String(contentsOf: Self.file, encoding: .utf8)) ?? ""
    guard current != text else { return }
    let old = current.split(separator: "\n", omittingEmptySubsequences: false)
    let new = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = (zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)) + 1
    Issue.record(
      """
      docs/issues.md is out of date with IssueCatalogue.entries (first difference at line \(line)). Regenerate it with
        JIXIAO_RECORD_DOCS=1 swift test --filter IssueCatalogueDocumentTests
      and review the diff.
      """)
  }

  @Test func everyCodeIsUniqueAndKebabCase() {
    let codes = IssueCatalogue.entries.map(\.code)
    let duplicates = Set(codes.filter { code in codes.filter { $0 == code }.count > 1 })
    #expect(duplicates.isEmpty, "duplicate codes: \(duplicates.sorted())")
    for code in codes {
      let words = code.split(separator: "-", omittingEmptySubsequences: false)
      let kebab = words.allSatisfy { word in
        !word.isEmpty && word.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
      } && code.first.map { ("a"..."z").contains($0) } == true
      #expect(kebab, "not kebab-case: \(code)")
    }
  }

  @Test func everyEntryIsDocumented() {
    let text = IssueCatalogueDocument.markdown()
    for entry in IssueCatalogue.entries {
      #expect(!entry.title.isEmpty && !entry.trigger.isEmpty && !entry.example.isEmpty && !entry.fix.isEmpty, "\(entry.code)")
      #expect(text.contains("### `\(entry.code)`：\(entry.title)\n"))
      #expect(text.contains("| [`\(entry.code)`](#\(entry.code)) |"))
    }
  }
}
