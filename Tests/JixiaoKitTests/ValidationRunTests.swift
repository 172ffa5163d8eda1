import Testing
@testable import JixiaoKit

/// `jixiao validate`'s model and outputs, on hand-made issues.
@Suite("Validation run")
struct ValidationRunTests {
  private func issue(_ code: String, _ severity: Severity, sheet: String? = nil, cell: String? = nil) -> ValidationIssue {
    ValidationIssue(code: code, severity: severity, message: "说明 \(code)", file: "a.xlsx", sheet: sheet, cell: cell)
  }

  @Test func issuesAreInReviewOrder() {
    let issues = [
      issue("b", .warning, sheet: "表一", cell: "A10"), issue("b", .warning, sheet: "表一", cell: "B2"),
      issue("a", .warning, sheet: "表一", cell: "A2"), issue("b", .warning, sheet: "表一", cell: "AA1"),
      issue("b", .warning, sheet: "表一"), issue("c", .info), issue("d", .error, sheet: "表二", cell: "C3"),
      issue("e", .error, sheet: "表一", cell: "Z99"), issue("f", .warning, sheet: "表一", cell: "$B$2:C4"),
      issue("g", .error),
    ]
    let sorted = ValidationRun.sorted(issues, sheetOrder: ["表二", "表一"])
    #expect(
      sorted.map { "\($0.code) \($0.sheet ?? "-") \($0.cell ?? "-")" } == [
        "g - -", "d 表二 C3", "e 表一 Z99",
        "b 表一 -", "b 表一 AA1", "a 表一 A2", "b 表一 B2", "f 表一 $B$2:C4", "b 表一 A10",
        "c - -",
      ])
  }

  @Test func exitCodes() {
    func file(_ status: FileStatus, _ issues: [ValidationIssue] = [], argument: Bool = false) -> ValidationRun.File {
      ValidationRun.File(
        name: "a.xlsx", status: status, skipReason: status == .skipped ? "旧版 .xls，请另存为 .xlsx" : nil,
        isArgument: argument, reports: 1, issues: issues)
    }
    #expect(ValidationRun(files: [file(.ok)]).exitCode(strict: true) == 0)
    #expect(ValidationRun(files: [file(.ok, [issue("c", .info)])]).exitCode(strict: true) == 0)
    #expect(ValidationRun(files: [file(.warnings, [issue("w", .warning)])]).exitCode(strict: false) == 0)
    #expect(ValidationRun(files: [file(.warnings, [issue("w", .warning)])]).exitCode(strict: true) == 1)
    #expect(ValidationRun(files: [file(.errors, [issue("e", .error)])]).exitCode(strict: false) == 1)
    #expect(ValidationRun(files: [file(.skipped)]).exitCode(strict: false) == 0)
    #expect(ValidationRun(files: [file(.skipped, argument: true)]).exitCode(strict: false) == 2)
    #expect(ValidationRun(files: [file(.unreadable, [issue("file-unreadable", .error)])]).exitCode(strict: false) == 2)
    let missing = InputError(path: "x", message: "找不到输入「x」：没有这个文件或目录")
    #expect(ValidationRun(files: [file(.ok)], inputErrors: [missing]).exitCode(strict: false) == 2)
  }

  @Test func textAndJSON() throws {
    let run = ValidationRun(files: [
      ValidationRun.File(
        name: "县区/a.xlsx", status: .errors, skipReason: nil, isArgument: false, reports: 1,
        issues: [issue("total-mismatch", .error, sheet: "自评表", cell: "H27"), issue("missing-deviation", .warning, sheet: "自评表", cell: "I9")]),
      ValidationRun.File(name: "b.xlsx", status: .ok, skipReason: nil, isArgument: false, reports: 2, issues: []),
      ValidationRun.File(
        name: "c.xls", status: .skipped, skipReason: "旧版 .xls，请另存为 .xlsx", isArgument: false, reports: 0, issues: []),
    ])
    #expect(
      ValidationText.render(run) == """
        县区/a.xlsx：有错误，1 张自评表
          级别  代码               工作表  单元格  说明
          ----  -----------------  ------  ------  ----------------------
          错误  total-mismatch     自评表  H27     说明 total-mismatch
          警告  missing-deviation  自评表  I9      说明 missing-deviation

        b.xlsx：通过，2 张自评表
          无问题

        c.xls：已跳过，旧版 .xls，请另存为 .xlsx

        共 3 个文件：通过 1，有错误 1，已跳过 1；问题：错误 1，警告 1，提示 0

        按代码：
          代码               级别  数量  名称
          -----------------  ----  ----  ------------------
          total-mismatch     错误  1     总分与得分合计不符
          missing-deviation  警告  1     扣分但未写偏差原因

        """)
    let mapping = try MappingLoader.loadDefault()
    let json = ValidationJSON.document(run, mapping: mapping).serialized(indent: 0)
    #expect(json.contains(#""summary":{"files":{"ok":1,"warnings":0,"errors":1,"unreadable":0,"skipped":1},"#))
    #expect(json.contains(#""severities":{"error":1,"warning":1,"info":0},"codes":{"total-mismatch":1,"missing-deviation":1}}"#))
    #expect(json.contains(#"{"file":"c.xls","status":"skipped","reason":"旧版 .xls，请另存为 .xlsx","reports":0,"issues":[]}"#))
  }
}
