import Foundation
import Testing

@testable import JixiaoKit

@Suite("embedded default mapping")
struct DefaultMappingTextTests {
  /// `Mappings/default.yaml`, found from this file's place in the repository.
  static let defaultFile = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Mappings/default.yaml")

  @Test func embeddedTextEqualsTheFileByteForByte() throws {
    let file = try Data(contentsOf: Self.defaultFile)
    let embedded = Data(DefaultMappingText.yaml.utf8)
    #expect(
      embedded == file,
      """
      Sources/JixiaoKit/Mapping/DefaultMappingText.swift is out of date with Mappings/default.yaml \
      (\(embedded.count) bytes embedded, \(file.count) in the file): run Scripts/embed-default-mapping
      """)
  }

  /// Every issue code has a severity in the default file, equal to the catalogue's default.
  @Test func severitiesMatchTheCatalogue() throws {
    let mapping = try MappingLoader.loadDefault()
    #expect(Set(mapping.severities.keys) == Set(IssueCatalogue.codes.map(\.code)))
  }
}
