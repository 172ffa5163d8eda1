import Foundation

/// Where the shared conformance corpus lives: `$JIXIAO_CORPUS`, else `../shared/corpus`
/// beside the clone. CI always has it; a user's clone may not, and then the corpus
/// tests are skipped and say so — unless `JIXIAO_REQUIRE_CORPUS=1` (set by `.ci/run`).
enum Corpus {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static let directory: URL? = {
    let environment = ProcessInfo.processInfo.environment
    let candidates = [
      environment["JIXIAO_CORPUS"].map { URL(fileURLWithPath: $0) },
      packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus"),
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("xlsx").path) }
  }()

  static var isRequired: Bool { ProcessInfo.processInfo.environment["JIXIAO_REQUIRE_CORPUS"] == "1" }

  /// The names of every workbook in the corpus (empty without a corpus).
  static let workbookNames: [String] = {
    guard let directory else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("xlsx").path)) ?? []
    return names.filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") }.sorted()
  }()

  static func workbook(_ name: String) -> URL {
    directory!.appendingPathComponent("xlsx").appendingPathComponent(name)
  }

  static func expectation(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: workbook(name + ".expected.json"))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }
}
