import Testing
@testable import JixiaoKit

/// Each rule of the catalogue fires on a crafted report and stays silent on its
/// corrected twin.
@Suite("Validation checks")
struct ValidationChecksTests {
  let mapping: Mapping

  init() throws {
    mapping = try MappingLoader.loadDefault()
  }

  // MARK: - Builders

  /// A consistent project report: funds 10/10 at 100%, two indicators of 45 each.
  static func report() -> Report {
    var report = Report(source: Source(file: "t.xlsx", sheet: "表", range: "A1:I20"), kind: .project)
    report.project = "教师培训"
    report.unit = "某小学"
    var funds = FundsRow(item: "年度资金总额")
    funds.initialBudget = 50
    funds.budget = 50
    funds.executed = 50
    funds.rate = 1
    funds.weight = 10
    funds.score = 10
    funds.cells = ["rate": "H5", "score": "I5", "budget": "E5", "executed": "F5"]
    report.funds = [funds]
    report.indicators = [
      indicator("培训人次", level1: "产出指标", level2: "数量指标", target: Value(text: "≥200人次", op: .atLeast, number: 200, unit: "人次"),
        actual: Value(text: "210人次", number: 210, unit: "人次"), weight: 45, score: 45, row: 12),
      indicator("满意度", level1: "满意度指标", level2: "服务对象满意度指标", target: Value(text: "≥90%", op: .atLeast, number: 90, unit: "%"),
        actual: Value(text: "95%", number: 95, unit: "%"), weight: 45, score: 45, row: 13),
    ]
    report.statedTotal = 100
    report.cells["statedTotal"] = "H20"
    return report
  }

  static func indicator(
    _ name: String, level1: String? = "产出指标", level2: String? = "数量指标", target: Value?, actual: Value?,
    weight: Double?, score: Double?, deviation: String? = nil, row: Int = 12
  ) -> Indicator {
    var indicator = Indicator(name: name, row: row)
    indicator.level1 = level1
    indicator.level2 = level2
    indicator.target = target
    indicator.actual = actual
    indicator.weight = weight
    indicator.score = score
    indicator.deviation = deviation
    indicator.cells = ["score": "H\(row)", "deviation": "I\(row)", "level1": "B\(row)", "level2": "C\(row)"]
    return indicator
  }

  private func codes(_ report: Report) -> [String] {
    var report = report
    Scoring(mapping: mapping).complete(&report)
    return Validator(mapping: mapping).validate(report).map(\.code).sorted()
  }

  private func issues(_ report: Report) -> [ValidationIssue] {
    var report = report
    Scoring(mapping: mapping).complete(&report)
    return Validator(mapping: mapping).validate(report)
  }

  @Test func aConsistentReportHasNoIssues() {
    #expect(codes(Self.report()) == [])
  }

  @Test func totalMismatch() {
    var report = Self.report()
    report.statedTotal = 94
    let found = issues(report)
    #expect(found.map(\.code) == ["total-mismatch"])
    #expect(found.first?.cell == "H20")
    #expect(found.first?.message == "填报总分 94 与计算总分 100（资金得分 + 各指标得分）不符")
    report.statedTotal = 100.4  // whole computed, decimal stated: 0.01 tolerance
    #expect(codes(report) == ["total-mismatch"])
    report.statedTotal = 100
    #expect(codes(report) == [])
  }

  @Test func gradeMismatch() {
    var report = Self.report()
    report.indicators[1].score = 25  // total 80 → 良
    report.indicators[1].deviation = "满意度调查样本不足"
    report.statedTotal = 80
    report.statedGrade = "优秀"
    let found = issues(report).filter { $0.code == "grade-mismatch" }
    #expect(found.count == 1)
    #expect(found.first?.message == "填报等级「优秀」与计算总分 80 对应的等级「良」不符")
    report.statedGrade = "良好"
    #expect(!codes(report).contains("grade-mismatch"))
  }

  @Test func weightsNot100() {
    var report = Self.report()
    report.indicators[0].weight = 40
    report.indicators[0].score = 40
    report.statedTotal = 95
    #expect(codes(report) == ["weights-not-100"])
    report.indicators[0].weight = 45
    report.indicators[0].score = 45
    report.statedTotal = 100
    #expect(codes(report) == [])
  }

  @Test func groupWeightMismatch() {
    var report = Self.report()
    report.groupWeights = [GroupWeight(group: "", weight: 800, cell: "A10"), GroupWeight(group: "产出指标", weight: 45, cell: "B12")]
    let found = issues(report)
    #expect(found.map(\.code) == ["group-weight-mismatch"])
    #expect(found.first?.cell == "A10")
    report.groupWeights[0].weight = 90
    #expect(codes(report) == [])
  }

  @Test func scoreExceedsWeight() {
    var report = Self.report()
    report.indicators[0].score = 46
    report.statedTotal = 101
    #expect(codes(report).contains("score-exceeds-weight"))
    report.indicators[0].score = -1
    report.statedTotal = 54
    #expect(codes(report).contains("score-exceeds-weight"))
    report.funds[0].score = 11
    #expect(issues(report).filter { $0.code == "score-exceeds-weight" }.count == 2)
  }

  @Test func rateMismatch() {
    var report = Self.report()
    report.funds[0].executed = 40
    report.funds[0].rate = 0.9
    report.funds[0].score = 8
    report.statedTotal = 98
    let found = issues(report).filter { $0.code == "rate-mismatch" }
    #expect(found.count == 1)
    #expect(found.first?.cell == "H5")
    report.funds[0].rate = 0.805  // 80.5% is not a whole percentage: 0.01-point tolerance
    #expect(codes(report).contains("rate-mismatch"))
    report.funds[0].rate = 0.81  // whole percentage within 1 point of 80%
    #expect(!codes(report).contains("rate-mismatch"))
  }

  @Test func fundsScoreMismatch() {
    var report = Self.report()
    report.funds[0].executed = 43.1  // 86.2%
    report.funds[0].rate = 0.862
    report.funds[0].explanation = "部分项目延期"
    #expect(codes(report).contains("funds-score-mismatch"))
    report.funds[0].score = 9  // 8.62 rounded: within 0.5 for a whole number
    report.statedTotal = 99
    #expect(!codes(report).contains("funds-score-mismatch"))
  }

  @Test func fundsRowsMismatch() {
    var report = Self.report()
    var part = FundsRow(item: "当年财政拨款")
    part.budget = 90
    part.executed = 89.974
    report.funds.append(part)
    let found = issues(report).filter { $0.code == "funds-rows-mismatch" }
    #expect(found.count == 2)
    #expect(found.first?.message == "「年度资金总额」的全年预算数 50 与其下各行合计 90 不符")
    report.funds[1].budget = 50
    report.funds[1].executed = 50
    #expect(!codes(report).contains("funds-rows-mismatch"))
  }

  @Test func departmentPartsMustAddUp() {
    var report = Self.report()
    report.kind = .department
    report.funds[0].item = "部门整体支出总额"
    var basic = FundsRow(item: "基本支出总额")
    basic.budget = 30
    var project = FundsRow(item: "项目支出总额")
    project.budget = 10
    report.funds += [basic, project]
    #expect(codes(report) == ["funds-rows-mismatch"])
    report.funds[2].budget = 20
    #expect(codes(report) == [])
  }

  @Test func unitSuspect() {
    var report = Self.report()
    report.funds[0].initialBudget = 500_000
    report.funds[0].budget = 500_000
    report.funds[0].executed = 500_000
    #expect(codes(report) == ["unit-suspect"])
    report.funds[0].sourceUnit = "元"  // converted from 元: the amounts were not typed in 万元
    #expect(codes(report) == [])
    report.funds[0].sourceUnit = nil
    report.funds[0].initialBudget = 50
    report.funds[0].budget = 50
    report.funds[0].executed = 490_000
    report.funds[0].rate = nil
    #expect(codes(report).contains("unit-suspect"))
  }

  @Test func targetMetScoreDeductedAndMissingDeviation() {
    var report = Self.report()
    report.indicators[1].score = 40
    report.statedTotal = 95
    #expect(codes(report) == ["missing-deviation", "score-formula-mismatch", "target-met-score-deducted"])
    report.indicators[1].deviation = "无"  // 无 is no explanation
    #expect(codes(report) == ["missing-deviation", "score-formula-mismatch", "target-met-score-deducted"])
    report.indicators[1].deviation = "调查覆盖面不足，扣 5 分"
    #expect(codes(report) == ["score-formula-mismatch"])
  }

  @Test func aTableWideDeviationNoteExplainsEveryRow() {
    var report = Self.report()
    report.indicators[1].score = 40
    report.statedTotal = 95
    report.deviationNote = "满意度调查样本偏少，明年扩大范围"
    #expect(codes(report) == ["score-formula-mismatch"])
  }

  @Test func targetMissedFullScore() {
    var report = Self.report()
    report.indicators[0].actual = Value(text: "180人次", number: 180, unit: "人次")
    #expect(codes(report) == ["score-formula-mismatch", "target-missed-full-score"])
    report.indicators[0].score = 40.5  // 180/200 × 45
    report.indicators[0].deviation = "两期培训合并"
    report.statedTotal = 95.5
    #expect(codes(report) == [])
  }

  @Test func qualitativeBands() {
    var report = Self.report()
    report.indicators[0] = Self.indicator(
      "教学质量", target: Value(text: "有效提升"), actual: Value(text: "部分达成年度指标并具有一定效果"), weight: 45, score: 45)
    #expect(codes(report) == ["score-formula-mismatch", "target-missed-full-score"])
    report.indicators[0].score = 30  // within [27, 36]
    report.indicators[0].deviation = "部分学校未完成"
    report.statedTotal = 85
    #expect(codes(report) == [])
    report.indicators[0].actual = Value(text: "有效提升")  // identical text: 达成, [36, 45]
    #expect(codes(report) == ["score-formula-mismatch"])
  }

  @Test func scoreFormulaMismatchForAReverseIndicator() {
    var report = Self.report()
    report.indicators[0] = Self.indicator(
      "人均成本", level2: "成本指标", target: Value(text: "≤700元", op: .atMost, number: 700, unit: "元"),
      actual: Value(text: "800元", number: 800, unit: "元"), weight: 45, score: 39.375, deviation: "物价上涨")
    report.statedTotal = 94.375
    #expect(codes(report) == [])  // 700/800 × 45
    report.indicators[0].score = 38.25  // linear: (1 − 100/700) × 45 = 38.57…: neither
    report.statedTotal = 93.25
    #expect(codes(report) == ["score-formula-mismatch"])
  }

  @Test func lowExecutionUnexplained() {
    var report = Self.report()
    report.funds[0].executed = 24.5
    report.funds[0].rate = 0.49
    report.funds[0].score = 5
    report.statedTotal = 95
    let found = issues(report)
    #expect(found.map(\.code) == ["low-execution-unexplained"])
    #expect(found.first?.message == "预算执行率 49% 低于 90%，没有说明原因")
    report.funds[0].explanation = "下半年活动因疫情取消"
    #expect(codes(report) == [])
  }

  @Test func unknownCategory() {
    var report = Self.report()
    report.indicators[1].level1 = "效益指标"
    let found = issues(report)
    #expect(found.map(\.code) == ["unknown-category"])
    #expect(found.first?.message == "二级指标「服务对象满意度指标」属于「满意度指标」，却放在「效益指标」下")
    report.indicators[1].level1 = "管理效率"
    #expect(issues(report).first?.message == "一级指标「管理效率」不在映射的指标类别中")
    report.indicators[1].level1 = "满意度指标"
    #expect(codes(report) == [])
  }

  @Test func missingProjectName() {
    var report = Self.report()
    report.project = nil
    #expect(codes(report) == ["missing-field"])
    report.kind = .department
    #expect(codes(report) == [])
  }

  @Test func severitiesComeFromTheMapping() throws {
    let custom = try MappingLoader.load(
      yaml: "version: 1\nextends: default\nname: t\nseverities:\n  total-mismatch: warning\n  unit-suspect: off\n",
      fileName: "t.yaml")
    var report = Self.report()
    report.statedTotal = 94
    report.funds[0].budget = 500_000
    report.funds[0].initialBudget = 500_000
    report.funds[0].executed = 500_000
    Scoring(mapping: custom).complete(&report)
    let found = Validator(mapping: custom).validate(report)
    #expect(found.map(\.code) == ["total-mismatch"])
    #expect(found.first?.severity == .warning)
  }
}
