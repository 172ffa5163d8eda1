import Testing

@testable import JixiaoKit

/// `duplicate-report`: the same unit, project and year in two files; compared as `String`s
/// are (canonically equivalent spellings are one), grouped on bytes.
@Suite("Duplicate reports")
struct DuplicateReportsTests {
  private func file(_ name: String, _ reports: [(unit: String?, project: String?, year: Int?)]) -> FileResult {
    FileResult(
      file: name, sha256: nil,
      reports: reports.enumerated().map { index, fields in
        var report = Report(source: Source(file: name, sheet: "Sheet\(index + 1)", range: "A1:I20"), kind: .project)
        report.unit = fields.unit
        report.project = fields.project
        report.year = fields.year
        return report
      }, issues: [], sheets: [])
  }

  private func flagged(_ files: [FileResult]) throws -> [FileResult] {
    var files = files
    DuplicateReports.flag(&files, mapping: try MappingLoader.loadDefault())
    return files
  }

  @Test func sameUnitProjectAndYearInTwoFilesFlagsBoth() throws {
    let files = try flagged([
      file("a.xlsx", [("一小", "校舍维修", 2021)]),
      file("b.xlsx", [("一　小", "校舍 维修", 2021)]),  // the same in LabelText normal form
      file("c.xlsx", [("一小", "校舍维修", 2022)]),  // another year
    ])
    #expect(files[0].issues.map(\.code) == ["duplicate-report"])
    #expect(files[0].issues.first?.message == "与 b.xlsx 重复（一小，校舍维修，2021 年度）：两份都已保留，请确认哪份有效")
    #expect(files[0].issues.first?.sheet == "Sheet1")
    #expect(files[1].issues.first?.message == "与 a.xlsx 重复（一　小，校舍 维修，2021 年度）：两份都已保留，请确认哪份有效")
    #expect(files[2].issues.isEmpty)
  }

  @Test func twoReportsOfOneFileAreNotDuplicates() throws {
    let files = try flagged([file("a.xlsx", [("一小", "校舍维修", 2021), ("一小", "校舍维修", 2021)])])
    #expect(files[0].issues.isEmpty)
  }

  @Test func reportsWithoutAUnitAreNeverDuplicates() throws {
    let files = try flagged([file("a.xlsx", [(nil, "校舍维修", 2021)]), file("b.xlsx", [(nil, "校舍维修", 2021)])])
    #expect(files.allSatisfy { $0.issues.isEmpty })
  }

  @Test func canonicallyEquivalentSpellingsAreOneUnit() throws {
    // "é" precomposed (U+00E9) and as e + U+0301: equal `String`s, different bytes.
    let files = try flagged([
      file("a.xlsx", [("Caf\u{E9}小学", "项目", 2021)]), file("b.xlsx", [("Cafe\u{301}小学", "项目", 2021)]),
    ])
    #expect(files.map { $0.issues.map(\.code) } == [["duplicate-report"], ["duplicate-report"]])
    #expect(DuplicateReports.canonical("Cafe\u{301}") == "Caf\u{E9}")
    #expect(Array(DuplicateReports.canonical("Cafe\u{301}").utf8) == Array("Caf\u{E9}".utf8))
  }

  @Test func issuesOfOneFileFollowTheKeysInOrder() throws {
    // a.xlsx holds two reports duplicated elsewhere: its issues come in the order of the
    // groups' keys, not of its reports.
    let files = try flagged([
      file("a.xlsx", [("二小", "项目", 2021), ("一小", "项目", 2021)]),
      file("b.xlsx", [("一小", "项目", 2021)]),
      file("c.xlsx", [("二小", "项目", 2021)]),
    ])
    // U+4E00 一 < U+4E8C 二: the 一小 group is flagged first.
    #expect(files[0].issues.map(\.sheet) == ["Sheet2", "Sheet1"])
    #expect(files[0].issues.map(\.expected) == [.string("b.xlsx"), .string("c.xlsx")])
  }
}
