import Foundation
import Testing
import _XLSXTestSupport

/// `jixiao merge` over a directory of good and bad submissions: nothing is lost, the
/// outputs are what a reviewer needs, and they are byte-identical whatever `--jobs` is.
@Suite("jixiao merge")
struct MergeCommandTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

  /// good files, nested folders, Chinese names with spaces, a duplicate, a corrupt zip,
  /// an empty file, a `.xls`, a workbook without a table, a lock file and a hidden file.
  private func makeSubmissions() throws -> URL {
    let root = try CLIRunner.temporaryDirectory()
    let input = root.appendingPathComponent("提交")
    let fm = FileManager.default
    try fm.createDirectory(at: input.appendingPathComponent("东区/第一 小学"), withIntermediateDirectories: true)
    try fm.createDirectory(at: input.appendingPathComponent("西区"), withIntermediateDirectories: true)
    func copy(_ sample: String, to relative: String) throws {
      try fm.copyItem(at: Self.samples.appendingPathComponent(sample), to: input.appendingPathComponent(relative))
    }
    try copy("05-hubei-department-weights-in-names.xlsx", to: "东区/第一 小学/部门 自评表.xlsx")
    try copy("04-yunnan-project-two-row-header-yuan.xlsx", to: "西区/永康中学.xlsx")
    try copy("04-yunnan-project-two-row-header-yuan.xlsx", to: "西区/永康中学（重交）.xlsx")
    try copy("14-declaration-only-no-table.xlsx", to: "西区/申报表.xlsx")
    try copy("01-seed003-project-yiyang.xlsx", to: "益阳.xlsx")
    var corrupt = TestWorkbook.bytes("<sheetData/>")
    corrupt.removeLast(40)
    try Data(corrupt).write(to: input.appendingPathComponent("损坏.xlsx"))
    try Data().write(to: input.appendingPathComponent("空文件.xlsx"))
    try Data("not really xls".utf8).write(to: input.appendingPathComponent("旧表.xls"))
    try Data("lock".utf8).write(to: input.appendingPathComponent("~$益阳.xlsx"))
    try Data("hidden".utf8).write(to: input.appendingPathComponent(".隐藏.xlsx"))
    return root
  }

  @Test func mergesADirectoryWithoutLosingAFile() throws {
    let root = try makeSubmissions()
    defer { try? FileManager.default.removeItem(at: root) }
    let result = try CLIRunner.run(["merge", "提交", "-o", "out/汇总.xlsx", "--json", "out/汇总.json"], in: root)
    #expect(result.status == 1, "errors were found: \(result.stderr)")
    #expect(result.stderr.contains("汇总 8 个文件（通过 1，有警告 2，有错误 2，无法读取 2，已跳过 1）"))

    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("out/汇总.json"))) as? [String: Any]
    let files = try #require(json?["files"] as? [[String: Any]])
    #expect(files.map { $0["file"] as? String ?? "" } == [
      "提交/东区/第一 小学/部门 自评表.xlsx", "提交/损坏.xlsx", "提交/旧表.xls", "提交/益阳.xlsx", "提交/空文件.xlsx",
      "提交/西区/永康中学.xlsx", "提交/西区/永康中学（重交）.xlsx", "提交/西区/申报表.xlsx",
    ].sorted())
    let status = Dictionary(uniqueKeysWithValues: files.map { ($0["file"] as? String ?? "", $0["status"] as? String ?? "") })
    #expect(status["提交/损坏.xlsx"] == "unreadable")
    #expect(status["提交/空文件.xlsx"] == "unreadable")
    #expect(status["提交/旧表.xls"] == "skipped")
    #expect(status["提交/西区/申报表.xlsx"] == "errors")
    #expect(status["提交/东区/第一 小学/部门 自评表.xlsx"] == "ok")
    #expect(status["提交/西区/永康中学.xlsx"] == "warnings")  // duplicate-report

    let issues = try #require(json?["issues"] as? [[String: Any]])
    let duplicates = issues.filter { $0["code"] as? String == "duplicate-report" }.compactMap { $0["file"] as? String }
    #expect(duplicates == ["提交/西区/永康中学.xlsx", "提交/西区/永康中学（重交）.xlsx"])
    #expect(issues.contains { $0["code"] as? String == "file-unreadable" && $0["file"] as? String == "提交/损坏.xlsx" })
    #expect(issues.contains { $0["code"] as? String == "no-table" && $0["file"] as? String == "提交/西区/申报表.xlsx" })
    #expect((json?["reports"] as? [Any])?.count == 4)

    // The workbook: every file in 汇总 with its status, issues in 校验问题, counts in 说明.
    let summary = try CLIRunner.run(["dump", "out/汇总.xlsx", "--sheet", "汇总"], in: root)
    for name in ["提交/损坏.xlsx", "提交/空文件.xlsx", "提交/旧表.xls", "提交/西区/申报表.xlsx"] {
      #expect(summary.stdout.contains("\t\(name)\n"), "\(name) is listed in 汇总")
    }
    let skippedRow = summary.stdout.split(separator: "\n").first { $0.hasSuffix("\ts\t提交/旧表.xls") }
    let row = try #require(skippedRow.map { String($0.split(separator: "\t")[1]) }).dropFirst()  // A5 → "5"
    #expect(summary.stdout.contains("汇总\tQ\(row)\ts\t已跳过\n"))
    #expect(summary.stdout.contains("汇总\tR\(row)\ts\t旧版 .xls，请另存为 .xlsx\n"))
    let notes = try CLIRunner.run(["dump", "out/汇总.xlsx", "--sheet", "说明"], in: root)
    #expect(notes.stdout.contains("状态：无法读取（unreadable）\n说明\tB9\tn\t2.0"))
    let problems = try CLIRunner.run(["dump", "out/汇总.xlsx", "--sheet", "校验问题"], in: root)
    #expect(problems.stdout.contains("duplicate-report"))
    #expect(problems.stdout.contains("file-unreadable"))
  }

  @Test func outputsAreTheSameWhateverTheNumberOfJobs() throws {
    let root = try makeSubmissions()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = try CLIRunner.run(["merge", "提交", "-o", "a/汇总.xlsx", "--json", "a/汇总.json", "--jobs", "1", "--quiet"], in: root)
    _ = try CLIRunner.run(["merge", "提交", "-o", "b/汇总.xlsx", "--json", "b/汇总.json", "--jobs", "4", "--quiet"], in: root)
    for name in ["汇总.xlsx", "汇总.json"] {
      let first = try Data(contentsOf: root.appendingPathComponent("a/\(name)"))
      let second = try Data(contentsOf: root.appendingPathComponent("b/\(name)"))
      #expect(first == second, "\(name) differs between --jobs 1 and --jobs 4")
      #expect(!first.isEmpty)
    }
  }

  /// Files are converted as the walk finds them; the outputs, written into the folder
  /// walked, are left out of the next run, and a missing path is reported after the walk.
  @Test func outputsInsideTheInputAreNotReadBackAndAMissingPathIsReported() throws {
    let root = try makeSubmissions()
    defer { try? FileManager.default.removeItem(at: root) }
    let arguments = ["merge", "提交", "无此目录", "-o", "提交/汇总.xlsx", "--json", "提交/汇总.json"]
    for run in 1...2 {
      let result = try CLIRunner.run(arguments, in: root)
      #expect(result.status == 1, "run \(run): \(result.stderr)")
      #expect(result.stderr.contains("jixiao: 找不到输入「无此目录」：没有这个文件或目录\n"), "run \(run)")
      #expect(result.stderr.contains("汇总 8 个文件（通过 1，有警告 2，有错误 2，无法读取 2，已跳过 1）"), "run \(run): \(result.stderr)")
    }
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("提交/汇总.json"))) as? [String: Any]
    let files = try #require(json?["files"] as? [[String: Any]]).map { $0["file"] as? String ?? "" }
    #expect(files.count == 8)
    #expect(!files.contains { $0.hasPrefix("提交/汇总.") })
    #expect(files == files.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    let notes = try CLIRunner.run(["dump", "提交/汇总.xlsx", "--sheet", "说明"], in: root)
    #expect(notes.stdout.contains("无法处理的输入"))
    #expect(notes.stdout.contains("找不到输入「无此目录」"))
  }

  @Test func quietPrintsNothingAndStrictCountsWarnings() throws {
    let root = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.copyItem(
      at: Self.samples.appendingPathComponent("06-chizhou-project-funds-rows-mismatch.xlsx"),
      to: root.appendingPathComponent("池州.xlsx"))
    let normal = try CLIRunner.run(["merge", "池州.xlsx", "-o", "汇总.xlsx", "--quiet"], in: root)
    #expect(normal.status == 0)
    #expect(normal.stderr.isEmpty && normal.stdout.isEmpty)
    let strict = try CLIRunner.run(["merge", "池州.xlsx", "-o", "汇总.xlsx", "--strict"], in: root)
    #expect(strict.status == 1)
    #expect(strict.stderr.contains("汇总 1 个文件（通过 0，有警告 1"))
  }

  @Test func failsWhenNothingCanBeRead() throws {
    let root = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data("junk".utf8).write(to: root.appendingPathComponent("坏.xlsx"))
    let result = try CLIRunner.run(["merge", ".", "-o", "汇总.xlsx"], in: root)
    #expect(result.status == 2)
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("汇总.xlsx").path), "the report of the failure is still written")
    let usage = try CLIRunner.run(["merge", ".", "-o", "汇总.txt"], in: root)
    #expect(usage.status == 64)
  }

  @Test func anUnwritableOutputExits2AndLeavesNothing() throws {
    let root = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.copyItem(
      at: Self.samples.appendingPathComponent("05-hubei-department-weights-in-names.xlsx"), to: root.appendingPathComponent("a.xlsx"))
    try Data("x".utf8).write(to: root.appendingPathComponent("not-a-dir"))
    let result = try CLIRunner.run(["merge", "a.xlsx", "-o", "not-a-dir/汇总.xlsx"], in: root)
    #expect(result.status == 2)
    #expect(result.stderr.contains("无法写出"))
  }
}
