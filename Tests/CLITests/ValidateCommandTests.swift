import Foundation
import Testing

@Suite("jixiao validate")
struct ValidateCommandTests {
  /// The repository, found from this file's place in it.
  private static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  private static let clean = "Samples/05-hubei-department-weights-in-names.xlsx"
  private static let warnings = "Samples/12-errors-funds-unit-rate.xlsx"

  private static func run(_ arguments: [String], in directory: URL = root) throws -> CLIRunner.Result {
    try CLIRunner.run(["validate"] + arguments, in: directory)
  }

  @Test func samplesDirectoryHasErrors() throws {
    let result = try Self.run(["Samples"])
    #expect(result.status == 1)
    #expect(result.stderr.isEmpty)
    let out = result.stdout
    #expect(out.contains("Samples/01-seed003-project-yiyang.xlsx：有错误，1 张自评表\n"))
    #expect(out.contains("total-mismatch"))
    #expect(out.contains("Samples/14-declaration-only-no-table.xlsx：有错误，0 张自评表\n"))
    #expect(out.contains("Samples/05-hubei-department-weights-in-names.xlsx："))
    #expect(out.contains("Samples/README.md：已跳过，不是 .xlsx 工作簿（扩展名 .md）\n"))
    #expect(out.contains("  级别  代码"))

    // Headings in name order, one per file in Samples/ (hidden files aside).
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Samples").path)
      .filter { !$0.hasPrefix(".") && !$0.hasPrefix("~$") }
      .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    let headings = out.split(separator: "\n").filter { $0.hasPrefix("Samples/") }
    #expect(headings.map { String($0.prefix { $0 != "：" }) } == names.map { "Samples/" + $0 })
    let summary = out.split(separator: "\n").first { $0.hasPrefix("共 ") }.map(String.init) ?? ""
    #expect(summary.hasPrefix("共 \(names.count) 个文件：通过 "))
    #expect(summary.contains("；问题：错误 "))
    #expect(out.contains("\n按代码：\n"))
  }

  @Test func cleanSamplePasses() throws {
    let result = try Self.run([Self.clean])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("\(Self.clean)：通过，1 张自评表\n"))
    #expect(result.stdout.contains("共 1 个文件：通过 1；问题：错误 0，"))
  }

  @Test func jsonHasFilesAndSummary() throws {
    let result = try Self.run(["--json", "Samples", Self.clean])
    #expect(result.status == 1)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(Set(document.keys) == ["mapping", "files", "summary", "inputErrors"])
    let files = try #require(document["files"] as? [[String: Any]])
    #expect(files.count == Set(files.compactMap { $0["file"] as? String }).count, "each file once")
    for file in files {
      #expect(Set(file.keys) == ["file", "status", "reason", "reports", "issues"])
    }
    let first = try #require(files.first { $0["file"] as? String == "Samples/01-seed003-project-yiyang.xlsx" })
    #expect(first["status"] as? String == "errors")
    let issues = try #require(first["issues"] as? [[String: Any]])
    #expect(issues.contains { $0["code"] as? String == "total-mismatch" && $0["cell"] as? String == "H27" })
    for issue in issues {
      #expect(
        Set(issue.keys) == ["code", "severity", "message", "file", "sheet", "cell", "field", "found", "expected"])
    }
    #expect(files.first { $0["file"] as? String == "Samples/README.md" }?["status"] as? String == "skipped")

    let summary = try #require(document["summary"] as? [String: Any])
    let statuses = try #require(summary["files"] as? [String: Int])
    #expect(Set(statuses.keys) == ["ok", "warnings", "errors", "unreadable", "skipped"])
    #expect(statuses.values.reduce(0, +) == files.count)
    let severities = try #require(summary["severities"] as? [String: Int])
    #expect(Set(severities.keys) == ["error", "warning", "info"])
    #expect((severities["error"] ?? 0) > 0)
    let codes = try #require(summary["codes"] as? [String: Int])
    #expect(codes.values.reduce(0, +) == severities.values.reduce(0, +))
    #expect(codes["no-table"] == 1)

    // Deterministic: the same bytes every time.
    #expect(try Self.run(["--json", "Samples", Self.clean]).stdout == result.stdout)
  }

  @Test func aMissingPathExitsWith2() throws {
    let result = try Self.run(["无此目录", Self.clean])
    #expect(result.status == 2)
    #expect(result.stderr.contains("找不到输入「无此目录」"))
    #expect(result.stdout.contains("\(Self.clean)：通过"), "the other inputs are still validated")

    let json = try Self.run(["--json", "无此目录"])
    #expect(json.status == 2)
    #expect(json.stdout.contains("\"path\": \"无此目录\""))
  }

  @Test func aCorruptFileIsUnreadable() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("这不是工作簿\n".utf8).write(to: directory.appendingPathComponent("bad.xlsx"))
    let result = try Self.run(["bad.xlsx"], in: directory)
    #expect(result.status == 2)
    #expect(result.stdout.hasPrefix("bad.xlsx：无法读取，0 张自评表\n"))
    #expect(result.stdout.contains("file-unreadable"))
    #expect(result.stdout.contains("无法读取 1"))

    let json = try Self.run(["--json", "."], in: directory)
    #expect(json.status == 2)
    #expect(json.stdout.contains("\"file\": \"bad.xlsx\",\n   \"status\": \"unreadable\""))
  }

  @Test func directoriesAreWalkedAndNamedAsGiven() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let folder = directory.appendingPathComponent("提交/县区 一")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Self.root.appendingPathComponent(Self.clean), to: folder.appendingPathComponent("教育局 自评表.xlsx"))
    for name in ["old.xls", "~$教育局 自评表.xlsx", ".hidden.xlsx"] {
      try Data("x".utf8).write(to: folder.appendingPathComponent(name))
    }

    for argument in ["提交", "提交/", "./提交"] {
      let result = try Self.run([argument], in: directory)
      #expect(result.status == 0, "a skipped file found in a directory does not fail the run")
      #expect(result.stdout.hasPrefix("提交/县区 一/old.xls：已跳过，旧版 .xls，请另存为 .xlsx\n\n提交/县区 一/教育局 自评表.xlsx：通过"))
      #expect(result.stdout.contains("共 2 个文件：通过 1，已跳过 1；"))
      #expect(!result.stdout.contains("hidden") && !result.stdout.contains("~$"))
    }
    let here = try Self.run(["."], in: directory)
    #expect(here.stdout.hasPrefix("提交/县区 一/old.xls："))

    let named = try Self.run(["提交/县区 一/old.xls"], in: directory)
    #expect(named.status == 2, "a file named on the command line that cannot be read")
    #expect(named.stdout.hasPrefix("提交/县区 一/old.xls：已跳过，旧版 .xls，请另存为 .xlsx\n"))
  }

  /// A mapping that switches off every check except the ones the converter has always
  /// emitted, so the expected outcome does not depend on which other checks exist.
  private static func mappingWithOnlyBasicChecks(in directory: URL) throws -> URL {
    let kept: Set = ["file-unreadable", "no-table", "not-self-evaluation", "unparsed-value", "formula-without-value"]
    let catalogue = try String(contentsOf: root.appendingPathComponent("docs/issues.md"), encoding: .utf8)
    let codes = catalogue.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("### `"), let end = line.dropFirst(5).firstIndex(of: "`") else { return nil }
      return String(line[line.index(line.startIndex, offsetBy: 5)..<end])
    }
    #expect(kept.isSubset(of: codes))
    let off = codes.filter { !kept.contains($0) }.map { "  \($0): off\n" }.joined()
    let file = directory.appendingPathComponent("基本检查.yaml")
    try Data("version: 1\nextends: default\nname: 基本检查\nseverities:\n\(off)".utf8).write(to: file)
    return file
  }

  @Test func strictCountsWarningsAsErrors() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let mapping = try Self.mappingWithOnlyBasicChecks(in: directory).path

    let plain = try Self.run([Self.warnings, "--mapping", mapping])
    #expect(plain.status == 0, "warnings only: \(plain.stdout)")
    #expect(plain.stdout.hasPrefix("\(Self.warnings)：有警告，1 张自评表\n"))
    #expect(plain.stdout.contains("警告  unparsed-value"))
    #expect(plain.stdout.contains("警告  formula-without-value"))
    #expect(plain.stdout.contains("问题：错误 0，"))

    let strict = try Self.run([Self.warnings, "--mapping", mapping, "--strict"])
    #expect(strict.status == 1)
    #expect(strict.stdout.hasPrefix(plain.stdout))

    // Information does not fail a strict run.
    let info = try Self.run(["Samples/09-cover-declaration-selfeval.xlsx", "--mapping", mapping, "--strict"])
    #expect(info.status == 0)
    #expect(info.stdout.contains("提示  not-self-evaluation"))
  }

  @Test func usageErrorsExitWith64() throws {
    #expect(try Self.run([]).status == 64)
    #expect(try Self.run(["--bogus", Self.clean]).status == 64)
  }
}
