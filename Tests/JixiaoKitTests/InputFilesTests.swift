import Foundation
import Testing
@testable import JixiaoKit

/// `InputFiles.collect`: which files a directory walk finds, how they are named, and why
/// the others are skipped.
@Suite("Input files")
struct InputFilesTests {
  /// Runs `body` on a temporary tree under `subs/`, removed afterwards.
  private func withTree(_ body: (URL) throws -> Void) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-inputs-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let files = [
      "subs/a.xlsx", "subs/b.XLSM", "subs/县区/教育局 2021 自评表.xlsx", "subs/县区/深/c.xlsx",
      "subs/~$a.xlsx", "subs/.hidden.xlsx", "subs/.git/d.xlsx", "subs/县区/.缓存/e.xlsx",
      "subs/old.xls", "subs/wps.et", "subs/data.csv", "subs/README.txt", "subs/noext",
    ]
    for file in files {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("x".utf8).write(to: url)
    }
    // A symlinked directory pointing back up: not followed (no cycle, no duplicates).
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("subs/县区/回环").path, withDestinationPath: root.appendingPathComponent("subs").path)
    try body(root)
  }

  private func summary(_ files: [InputFile], removing prefix: String) -> [String] {
    files.map { file in
      let name = file.name.hasPrefix(prefix) ? String(file.name.dropFirst(prefix.count)) : file.name
      return file.skipReason.map { "\(name) | \($0)" } ?? name
    }
  }

  @Test func walksADirectory() throws {
    try withTree { root in
      let base = root.appendingPathComponent("subs").path
      let files = try InputFiles.collect([base])
      #expect(
        summary(files, removing: root.path + "/") == [
          "subs/README.txt | 不是 .xlsx 工作簿（扩展名 .txt）",
          "subs/a.xlsx",
          "subs/b.XLSM",
          "subs/data.csv | CSV 文本文件，不是工作簿；请提交 .xlsx",
          "subs/noext | 不是 .xlsx 工作簿（没有扩展名）",
          "subs/old.xls | 旧版 .xls，请另存为 .xlsx",
          "subs/wps.et | WPS 格式（.et），请另存为 .xlsx",
          "subs/县区/教育局 2021 自评表.xlsx",
          "subs/县区/深/c.xlsx",
        ])
      #expect(files.allSatisfy { !$0.isArgument })
      #expect(files.first { $0.name.hasSuffix("/c.xlsx") }?.path == base + "/县区/深/c.xlsx")
    }
  }

  @Test func walkHandsOverTheSameFilesAsTheyAreFound() throws {
    try withTree { root in
      let arguments = [root.appendingPathComponent("subs").path, root.appendingPathComponent("subs/old.xls").path]
      var found: [InputFile] = []
      let errors = InputFiles.walk(arguments + [root.appendingPathComponent("missing").path]) { found.append($0) }
      #expect(errors.map(\.path) == [root.appendingPathComponent("missing").path])
      // The same files as a scan, which sorts them: the argument `old.xls` is inside the
      // directory argument, so the scan keeps it once, as an argument.
      let scanned = try InputFiles.collect(arguments)
      #expect(found.count == scanned.count + 1)
      #expect(Set(found.map(\.path)) == Set(scanned.map(\.path)))
      #expect(InputFiles.mayOverlap(arguments))
      #expect(!InputFiles.mayOverlap([arguments[0]]))
      #expect(InputFiles.nameOrder(found).map { found[$0].name } == found.map(\.name).sorted { ByteKey.precedes($0, $1) })
    }
  }

  @Test func namesFollowTheArgument() throws {
    try withTree { root in
      let workbooks = ["a.xlsx", "b.XLSM", "县区/教育局 2021 自评表.xlsx", "县区/深/c.xlsx"]
      for argument in [root.path + "/subs/", root.path + "//subs"] {
        let files = try InputFiles.collect([argument]).filter { $0.skipReason == nil }
        #expect(files.map(\.name) == workbooks.map { root.path + "/subs/" + $0 })
      }
    }
    // The current directory is process-wide, so relative arguments are checked on the
    // name rules (and end to end in the CLI tests).
    #expect(InputFiles.trimmed("./subs/") == "subs")
    #expect(InputFiles.trimmed("subs//") == "subs")
    #expect(InputFiles.trimmed(".") == ".")
    #expect(InputFiles.trimmed("./") == ".")
    #expect(InputFiles.trimmed("/") == "/")
    #expect(InputFiles.cleaned("././a//b.xlsx") == "a/b.xlsx")
    #expect(InputFiles.cleaned("../a.xlsx") == "../a.xlsx")
    #expect(InputFiles.cleaned("./a") == "a")
    #expect(InputFiles.cleaned("./") == "./")
    #expect(InputFiles.cleaned("报送/一小.xlsx") == "报送/一小.xlsx")
  }

  @Test func skipReasonsGoByTheLastComponentsExtension() {
    for workbook in ["a.xlsx", "A.XLSX", "b.XlSm", "县区/一小 自评.xlsx", "/tmp/x/报表.xlsm", "x.xlsx/"] {
      #expect(InputFiles.skipReason(workbook) == nil, "\(workbook)")
    }
    #expect(InputFiles.skipReason(".xlsx") == "不是 .xlsx 工作簿（没有扩展名）")
    #expect(InputFiles.skipReason("dir/.xlsx") == "不是 .xlsx 工作簿（没有扩展名）")
    #expect(InputFiles.skipReason("a.xls") == "旧版 .xls，请另存为 .xlsx")
    #expect(InputFiles.skipReason("a.XLSB") == "Excel 二进制格式（.xlsb），请另存为 .xlsx")
    #expect(InputFiles.skipReason("a.xlsxx") == "不是 .xlsx 工作簿（扩展名 .xlsxx）")
    #expect(InputFiles.skipReason("a.xlsx.bak") == "不是 .xlsx 工作簿（扩展名 .bak）")
    #expect(InputFiles.skipReason("xlsx") == "不是 .xlsx 工作簿（没有扩展名）")
  }

  @Test func fileArgumentsAreTakenAsGivenAndDeduplicated() throws {
    try withTree { root in
      let subs = root.appendingPathComponent("subs").path
      let files = try InputFiles.collect([
        subs + "/old.xls", subs + "/.hidden.xlsx", subs + "/县区", subs + "/县区/深/c.xlsx", subs + "/县区/../a.xlsx",
      ])
      #expect(
        summary(files, removing: subs + "/") == [
          ".hidden.xlsx",
          "old.xls | 旧版 .xls，请另存为 .xlsx",
          "县区/../a.xlsx",
          "县区/教育局 2021 自评表.xlsx",
          "县区/深/c.xlsx",
        ])
      #expect(files.map(\.isArgument) == [true, true, true, false, true])
    }
  }

  @Test func aMissingPathIsAnError() throws {
    try withTree { root in
      let missing = root.appendingPathComponent("无此目录").path
      #expect(throws: InputError.self) { try InputFiles.collect([missing]) }
      let (files, errors) = InputFiles.scan([missing, root.appendingPathComponent("subs/a.xlsx").path])
      #expect(files.map(\.skipReason) == [nil])
      #expect(errors.map(\.message) == ["找不到输入「\(missing)」：没有这个文件或目录"])
    }
  }

  @Test func argumentsOverlapWhenOneNamesAPathInsideAnother() {
    #expect(!InputFiles.mayOverlap(["提交"]))
    #expect(!InputFiles.mayOverlap(["提交/a", "提交/a-b", "提交/b.xlsx", "/tmp/a"]))
    #expect(InputFiles.mayOverlap(["提交", "提交/县区/c.xlsx"]))
    // `a-b` sorts between `a` and `a/x` (`-` before `/`): still found.
    #expect(InputFiles.mayOverlap(["提交/a-b", "提交/a/x", "提交/a"]))
    #expect(InputFiles.mayOverlap(["./提交", "提交/"]))
    #expect(InputFiles.mayOverlap(["提交/县区/..", "提交/a.xlsx"]))
    #expect(InputFiles.mayOverlap(["/", "/tmp"]))
    #expect(!InputFiles.mayOverlap(["a.xlsx", "b.xlsx", "ab.xlsx"]))
  }

  @Test func anOutputCouldBeListedOnlyFromAnArgumentItIsInside() {
    #expect(InputFiles.couldList("提交/汇总.xlsx", from: ["提交"]))
    #expect(InputFiles.couldList("./提交/深/汇总.json", from: ["其他", "提交/"]))
    #expect(InputFiles.couldList("汇总.xlsx", from: ["汇总.xlsx"]))
    #expect(InputFiles.couldList("/tmp/x.xlsx", from: ["/"]))
    #expect(!InputFiles.couldList("提交-汇总.xlsx", from: ["提交"]))
    #expect(!InputFiles.couldList("汇总.xlsx", from: ["提交", "提交/a.xlsx"]))
  }
}
