import Foundation
import Testing
import _XLSXTestSupport

/// The README's worked example, as a new user does it: a province writes 绩效目标值 and
/// 完成情况值; `inspect` shows them unmapped, a 10-line mapping that `extends: default`
/// adds them, and `inspect` and `convert` then read the targets and actuals.
@Suite("Customising a mapping")
struct MappingCustomizationTests {
  static func cellXML(_ reference: String, _ text: String) -> String { cell(reference, text) }

  private static func cell(_ reference: String, _ text: String) -> String {
    "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
  }

  private func makeWorkbook(in directory: URL) throws -> URL {
    let c = Self.cell
    let rows = [
      "<row r=\"1\">\(c("A1", "2023年度项目支出绩效自评表"))</row>",
      "<row r=\"2\">\(c("A2", "项目名称"))\(c("B2", "教师培训"))\(c("D2", "实施单位"))\(c("E2", "某县实验小学"))</row>",
      "<row r=\"3\">\(c("A3", "一级指标"))\(c("B3", "二级指标"))\(c("C3", "三级指标"))\(c("D3", "绩效目标值"))\(c("E3", "完成情况值"))\(c("F3", "分值"))\(c("G3", "得分"))</row>",
      "<row r=\"4\">\(c("A4", "产出指标"))\(c("B4", "数量指标"))\(c("C4", "培训人次"))\(c("D4", "≥200人次"))\(c("E4", "210人次"))<c r=\"F4\"><v>50</v></c><c r=\"G4\"><v>50</v></c></row>",
      "<row r=\"5\">\(c("A5", "总分"))<c r=\"G5\"><v>50</v></c></row>",
    ]
    let bytes = TestWorkbook.bytes("<sheetData>\(rows.joined())</sheetData>")
    let url = directory.appendingPathComponent("某省表.xlsx")
    try Data(bytes).write(to: url)
    return url
  }

  @Test func anAddedAliasChangesInspectAndConvert() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let workbook = try makeWorkbook(in: directory)

    // 1. With the default mapping the province's wording stays unmapped.
    let before = try CLIRunner.run(["inspect", workbook.path])
    #expect(before.status == 0)
    #expect(before.stdout.contains("D3      绩效目标值"))
    #expect(before.stdout.contains("E3      完成情况值"))
    let convertedBefore = try CLIRunner.run(["convert", workbook.path, "-o", "-"])
    let reportBefore = try firstIndicator(convertedBefore.stdout)
    #expect(reportBefore["target"] is NSNull)

    // 2. The user's mapping: copy nothing, extend the default, add two aliases.
    let mapping = directory.appendingPathComponent("某省.yaml")
    try """
      # 某省 2023 年自评表的写法
      version: 1
      extends: default
      name: 某省2023
      indicators:
        columns:
          target: [绩效目标值]
          actual: [完成情况值]
      """.write(to: mapping, atomically: true, encoding: .utf8)
    let check = try CLIRunner.run(["mapping", "check", mapping.path])
    #expect(check.status == 0, "\(check.stderr)")

    // 3. inspect now names the alias that matched; convert reads the values.
    let after = try CLIRunner.run(["inspect", workbook.path, "--mapping", mapping.path])
    #expect(after.stdout.contains("映射：某省2023"))
    #expect(after.stdout.contains("indicators.columns.target"))
    #expect(!after.stdout.contains("D3      绩效目标值"))
    let convertedAfter = try CLIRunner.run(["convert", workbook.path, "-o", "-", "--mapping", mapping.path])
    #expect(convertedAfter.status == 0)
    let indicator = try firstIndicator(convertedAfter.stdout)
    let target = try #require(indicator["target"] as? [String: Any])
    #expect(target["text"] as? String == "≥200人次")
    #expect(target["op"] as? String == ">=")
    #expect(target["number"] as? Double == 200)
    #expect(target["unit"] as? String == "人次")
    #expect((indicator["actual"] as? [String: Any])?["number"] as? Double == 210)
    let document = try JSONSerialization.jsonObject(with: Data(convertedAfter.stdout.utf8)) as? [String: Any]
    #expect((document?["mapping"] as? [String: Any])?["name"] as? String == "某省2023")
  }

  private func firstIndicator(_ json: String) throws -> [String: Any] {
    let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    let reports = try #require(document?["reports"] as? [[String: Any]])
    let indicators = try #require(reports.first?["indicators"] as? [[String: Any]])
    return try #require(indicators.first)
  }
}

@Suite("jixiao convert and inspect")
struct ConvertCommandTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

  @Test func writesJSONAndWorkbookNamedAfterTheInput() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = Self.samples.appendingPathComponent("02-seed004-department-qiaokou.xlsx")
    let result = try CLIRunner.run(["convert", input.path, "-o", directory.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("部门整体支出绩效自评表"))
    #expect(result.stderr.contains("15 个指标"))
    #expect(result.stderr.contains("总分 填报 94 / 计算 94"))
    let json = directory.appendingPathComponent("02-seed004-department-qiaokou.jixiao.json")
    let workbook = directory.appendingPathComponent("02-seed004-department-qiaokou.jixiao.xlsx")
    #expect(FileManager.default.fileExists(atPath: json.path))
    #expect(FileManager.default.fileExists(atPath: workbook.path))
    let dump = try CLIRunner.run(["dump", workbook.path, "--sheet", "汇总"])
    #expect(dump.stdout.contains("汇总\tD2\ts\t武汉市硚口区小学教学研究室"))
    let sheets = try CLIRunner.run(["dump", workbook.path, "--format", "json"])
    for name in ["汇总", "指标明细", "资金", "校验问题", "说明"] { #expect(sheets.stdout.contains("\"name\": \"\(name)\"")) }
  }

  /// A total no integer can hold (1e300) is printed, not a crash.
  @Test func summarisesAbsurdNumbers() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let c = MappingCustomizationTests.cellXML
    let rows = [
      "<row r=\"1\">\(c("A1", "项目支出绩效自评表"))</row>",
      "<row r=\"2\">\(c("A2", "一级指标"))\(c("B2", "三级指标"))\(c("C2", "实际完成值"))\(c("D2", "得分"))</row>",
      "<row r=\"3\">\(c("A3", "产出指标"))\(c("B3", "培训"))\(c("C3", "10次"))<c r=\"D3\"><v>1e300</v></c></row>",
      "<row r=\"4\">\(c("A4", "总分"))<c r=\"D4\"><v>-1e300</v></c></row>",
    ]
    let file = directory.appendingPathComponent("大数.xlsx")
    try Data(TestWorkbook.bytes("<sheetData>\(rows.joined())</sheetData>")).write(to: file)
    let result = try CLIRunner.run(["convert", file.path, "-o", directory.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("总分 填报 -1e+300 / 计算 1e+300"))
  }

  @Test func failsCleanlyWithoutATable() throws {
    let input = Self.samples.appendingPathComponent("14-declaration-only-no-table.xlsx")
    let result = try CLIRunner.run(["convert", input.path, "-o", "-"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no-table"))
  }

  @Test func inspectShowsWhereEachFieldCameFrom() throws {
    let input = Self.samples.appendingPathComponent("04-yunnan-project-two-row-header-yuan.xlsx")
    let result = try CLIRunner.run(["inspect", input.path])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("header.project ") && $0.contains("A4") && $0.contains("C4") && $0.contains("农村义务教育学校公用经费补助资金") })
    #expect(lines.contains { $0.hasPrefix("indicators.columns.operator ") && $0.contains("D14") && $0.contains("指标性质") })
    #expect(lines.contains { $0.hasPrefix("indicators.columns.target ") && $0.contains("E14") })
    #expect(result.stdout.contains("找到项目支出绩效自评表，范围 A2:J28，9 个指标"))
  }
}

extension MappingCustomizationTests {
  /// A pattern that could make matching take minutes (`^(a+)+$`) is refused when the
  /// mapping is loaded: exit 2, the file, line, column and key named, nothing written.
  @Test func aCatastrophicPatternIsRefusedWithItsPlace() throws {
    let directory = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let workbook = try makeWorkbook(in: directory)
    let mapping = directory.appendingPathComponent("bad.yaml")
    try Data("version: 1\nextends: default\nindicators:\n  columns:\n    target: ['/^(a+)+$/']\n".utf8).write(to: mapping)
    let before = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()

    let result = try CLIRunner.run(["convert", workbook.path, "--mapping", mapping.path, "-o", directory.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("jixiao: 文件 \(mapping.path) 第 5 行第 14 列：正则表达式「^(a+)+$」在重复的部分里又有可变次数的量词"))
    #expect(result.stderr.contains("（键 indicators.columns.target[1]）"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == before)

    let check = try CLIRunner.run(["mapping", "check", mapping.path])
    #expect(check.status == 2)
    #expect(check.stderr.contains("第 5 行第 14 列"))
  }
}
