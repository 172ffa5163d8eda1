import Testing

@testable import JixiaoKit

/// The counts of a merge (说明, the summary line, the exit code), made in one pass.
@Suite("Merge counts")
struct ResultCountsTests {
  private func issue(_ code: String, _ severity: Severity, sheet: String? = nil) -> ValidationIssue {
    ValidationIssue(code: code, severity: severity, message: code, file: "f.xlsx", sheet: sheet)
  }

  private func file(_ name: String, reports: Int, issues: [ValidationIssue], skipped: Bool = false) -> FileResult {
    let report = Report(source: Source(file: name, sheet: "Sheet1", range: "A1:I20"), kind: .project)
    return FileResult(
      file: name, sha256: nil, reports: Array(repeating: report, count: reports), issues: issues, sheets: [],
      skipReason: skipped ? "不是 .xlsx 文件" : nil)
  }

  @Test func countsFilesByStatusReportsAndIssuesBySeverity() {
    let counts = ResultCounts([
      file("ok.xlsx", reports: 2, issues: [issue("low-execution", .info)]),
      file("warn.xlsx", reports: 1, issues: [issue("missing-deviation", .warning), issue("total-mismatch", .warning)]),
      file("err.xlsx", reports: 1, issues: [issue("total-mismatch", .error), issue("missing-deviation", .warning)]),
      file("bad.xlsx", reports: 0, issues: [issue("file-unreadable", .error)]),
      file("old.xls", reports: 0, issues: [], skipped: true),
    ])
    #expect(counts.files == 5)
    #expect(counts.reports == 4)
    #expect(
      [FileStatus.ok, .warnings, .errors, .unreadable, .skipped].map(counts.files) == [1, 1, 1, 1, 1])
    #expect(Severity.allCases.map(counts.issues) == [2, 3, 1])  // error, warning, info
  }

  @Test func nothingCountsZero() {
    let counts = ResultCounts([])
    #expect(counts.files == 0 && counts.reports == 0)
    #expect(counts.files(.ok) == 0 && counts.issues(.error) == 0)
  }

  @Test func issueCountIsPerFile() {
    let result = file("a.xlsx", reports: 1, issues: [issue("a", .error), issue("b", .error), issue("c", .warning)])
    #expect(result.issueCount(.error) == 2)
    #expect(result.issueCount(.warning) == 1)
    #expect(result.issueCount(.info) == 0)
  }
}
