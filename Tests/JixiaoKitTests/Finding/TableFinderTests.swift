import Testing
import XLSX
@testable import JixiaoKit

@Suite("Table finding")
struct TableFinderTests {
  let mapping: Mapping

  init() throws {
    mapping = try MappingLoader.loadDefault()
  }

  private func find(_ grid: SheetGrid) -> (Report, Trace, [ValidationIssue])? {
    guard case .table(var report, let trace, let issues) = TableFinder(grid: grid, mapping: mapping, file: "t.xlsx").find()
    else { return nil }
    Scoring(mapping: mapping).complete(&report)
    return (report, trace, issues)
  }

  /// The national form (seed 003's skeleton) with merged labels, a placeholder row,
  /// a total row with a grade and a one-cell sign-off line.
  @Test func readsTheNationalProjectForm() throws {
    let grid = makeGrid(
      [
        ["2021年度项目支出绩效自评表"],
        ["项目名称", "实验与信息素养提升"],
        ["主管部门", "益阳市教育局", nil, "实施单位", "益阳市教育技术装备所"],
        ["项目资金\n（万元）", nil, "年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"],
        [nil, "年度资金总额", "50万", "50万", "24.5万", 10, "49%", 5],
        [nil, "其中：当年财政拨款", "50万", "50万", "24.5万", "—", "49%", "—"],
        ["年度总体目标", "预期目标", nil, nil, "实际完成情况"],
        [nil, "推进实验与信息素养提升", nil, nil, "已完成预订目标"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度\n指标值", "实际\n完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [nil, "产出指标\n(50分)", "数量指标", "指标1：教师培训", "200人次", "200人次", 5, 5, nil],
        [nil, nil, nil, "线上教学研讨会", "1次", "1次", 5, 5, nil],
        [nil, nil, "质量指标", "指标2：", nil, nil, nil, nil, nil],
        [nil, "效益指标", "社会效\n益指标", "满足学校需求", "有效提升", "有效提升", 10, 8, nil],
        [nil, "满意度指标", "服务对象满意度指标", "受训老师满意度", "≥ 90%", "95%", 10, 10, nil],
        ["总分", nil, nil, nil, nil, nil, 100, 33, "优秀"],
        ["填表人：文达  填报日期：2022年4月22日  电话：0737-4222501"],
      ], merged: ["A4:A6", "A7:A8", "A9:A14", "B10:B12", "C10:C11"])
    let (report, trace, issues) = try #require(find(grid))
    #expect(report.kind == .project)
    #expect(report.year == 2021)
    #expect(report.project == "实验与信息素养提升")
    #expect(report.supervisor == "益阳市教育局")
    #expect(report.unit == "益阳市教育技术装备所")
    #expect(report.filledBy == "文达")
    #expect(report.filledOn == "2022-04-22")
    #expect(report.phone == "0737-4222501")
    #expect(report.cells["unit"] == "E3")
    #expect(report.goals.expected == "推进实验与信息素养提升")
    #expect(report.goals.actual == "已完成预订目标")

    #expect(report.funds.map(\.item) == ["年度资金总额", "当年财政拨款"])
    let total = report.funds[0]
    #expect(total.budget == 50 && total.executed == 24.5 && total.rate == 0.49 && total.weight == 10 && total.score == 5)
    #expect(report.funds[1].score == nil, "— is not a score")

    #expect(report.indicators.map(\.name) == ["教师培训", "线上教学研讨会", "满足学校需求", "受训老师满意度"])
    #expect(report.indicators.map(\.level1) == ["产出指标", "产出指标", "效益指标", "满意度指标"])
    #expect(report.indicators.map(\.level2) == ["数量指标", "数量指标", "社会效益指标", "服务对象满意度指标"])
    #expect(report.indicators[0].target == Value(text: "200人次", number: 200, unit: "人次"))
    #expect(report.indicators[3].target?.op == .atLeast)
    #expect(report.indicators[3].row == 14)
    #expect(report.indicators[3].cells["score"] == "H14")
    #expect(report.groupWeights.map(\.weight) == [50])

    #expect(report.statedTotal == 33)
    #expect(report.cells["statedTotal"] == "H15")
    #expect(report.statedGrade == "优秀")
    #expect(report.computedTotal == 33)
    #expect(report.grade == "差")
    #expect(report.source.range == "A1:I16")
    #expect(issues.isEmpty)
    #expect(trace.matches.contains { $0.field == "header.unit" && $0.labelCell == "D3" && $0.valueCell == "E3" })
  }

  /// Hubei: no 分值 column, weights in names and in the 一级 label, a satisfaction row
  /// whose weight comes from its group, label–amount pairs for 基本/项目支出.
  @Test func readsWeightsWrittenInNames() throws {
    let grid = makeGrid(
      [
        ["2020 年度武汉市某小学部门（单位）整体绩效自评表"],
        ["单位名称：武汉市某小学", nil, nil, nil, "填报日期：2021 年 6 月 15 日"],
        ["基本支出总额", 519.76, "项目支出总额", 50.60],
        ["预算执行情况 (万元) (20 分)", "预算数 (A)", "执行数 (B)", "执行率 (B/A)", "得分 (20 分*执行率)"],
        ["部门整体支出总额", 570.36, 570.36, "100%", 20],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        [nil, "产出 指标 (10 分)", "数量指标", "小学教师培训 (5 分)", "30 次", "30 次", 5],
        [nil, nil, "数量指标", "幼儿教师培训（5分）", "4 次", "4 次", 5],
        [nil, "满意度 指标(10 分)", "服务对象满意度指标", "教师对培训质量满意度", "90%", "92%", 8],
        ["总分", 33],
      ], merged: ["A6:A9", "B7:B8"])
    let (report, _, _) = try #require(find(grid))
    #expect(report.kind == .department)
    #expect(report.year == 2020)
    #expect(report.unit == "武汉市某小学")
    #expect(report.filledOn == "2021-06-15")
    #expect(report.indicators.map(\.weight) == [5, 5, 10])
    #expect(report.indicators[2].cells["weight"] == "B9")
    #expect(report.indicators.map(\.name) == ["小学教师培训", "幼儿教师培训", "教师对培训质量满意度"])
    #expect(report.funds.map(\.item) == ["部门整体支出总额", "基本支出总额", "项目支出总额"])
    #expect(report.funds[0].weight == 20)
    #expect(report.funds[0].rate == 1)
    #expect(report.funds[1].budget == 519.76)
    #expect(report.statedTotal == 33)
    #expect(report.computedTotal == 38)
  }

  /// Yunnan: a two-row header (指标性质 / 指标值 / 度量单位 under 年度指标值), amounts in 元,
  /// the table starting at row 3, column B.
  @Test func readsATwoRowHeaderAndAmountsInYuan() throws {
    let grid = makeGrid(
      [
        [],
        [nil, "公开14表"],
        [nil, "项目支出绩效自评表"],
        [nil, "项目名称", "公用经费"],
        [nil, "主管部门", "县教育局", nil, "实施单位", "某中学"],
        [nil, "项目资金（元）", nil, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [nil, nil, "年度资金总额", 387664.62, 387664.62, 387664.62, 10, "100%", 10],
        [nil, "绩效指标", nil, nil, "年度指标值", nil, nil, "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        [nil, "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        [nil, "产出指标", "数量指标", "在校学生人数", "≧", 1260, "人", 1268, 45, 45, nil],
        [nil, "满意度指标", "服务对象满意度指标", "家长满意度", "═", 95, "%", 93, 45, 44, "部分家长不满意"],
        [nil, "总分", nil, nil, nil, nil, nil, nil, 100, 99, "优"],
      ], merged: ["B8:D8", "E8:G8", "H8:H9", "I8:I9", "J8:J9", "K8:K9"])
    let (report, _, _) = try #require(find(grid))
    #expect(report.funds[0].budget == 38.766462)
    #expect(report.funds[0].sourceUnit == "元")
    #expect(report.indicators.count == 2)
    #expect(report.indicators[0].target == Value(text: "1260", op: .atLeast, number: 1260, unit: "人"))
    #expect(report.indicators[1].target == Value(text: "95", op: .equal, number: 95, unit: "%"))
    #expect(report.indicators[1].actual?.number == 93)
    #expect(report.indicators[1].deviation == "部分家长不满意")
    #expect(report.indicators[1].cells["weight"] == "I11")
    #expect(report.statedTotal == 99)
    #expect(report.statedGrade == "优")
    #expect(report.computedTotal == 99, "funds 10 + 45 + 44")
    #expect(report.source.range == "B3:K12")
  }

  @Test func recognisesATargetDeclaration() {
    let grid = makeGrid([
      ["项目支出绩效目标申报表"],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "培训人次", "≥200人次"],
    ])
    guard case .notSelfEvaluation(let reason) = TableFinder(grid: grid, mapping: mapping, file: "t.xlsx").find() else {
      Issue.record("a declaration must not be read as a self-evaluation")
      return
    }
    #expect(reason.contains("实际完成值"))
  }

  @Test func findsNothingInACoverSheet() {
    let grid = makeGrid([["2021年度绩效自评材料"], ["某某学校"], ["2022年3月"]])
    guard case .noTable = TableFinder(grid: grid, mapping: mapping, file: "t.xlsx").find() else {
      Issue.record("a cover sheet has no table")
      return
    }
  }

  /// A score merged over two rows counts once, on its first row; a flat list without
  /// 一级/二级 columns; a stated total given by a header label.
  @Test func countsAMergedScoreOnceAndReadsAFlatList() throws {
    let grid = makeGrid(
      [
        ["部门整体绩效自评表"],
        ["单位名称", "某小学", "自评总分(分)", 12],
        ["绩效指标", "指标名称", "计量单位", "年初指标值", "全年完成值", "指标权重(分)", "指标得分(分)"],
        [nil, "学生人数", "人", 2150, 2163, 5, 12],
        [nil, "教师人数", "人", 132, 132, 5, nil],
      ], merged: ["G4:G5"])
    let (report, _, _) = try #require(find(grid))
    #expect(report.indicators.map(\.score) == [12, nil])
    #expect(report.indicators.map(\.level1) == [nil, nil])
    #expect(report.indicators[0].target?.unit == "人")
    #expect(report.statedTotal == 12)
    #expect(report.cells["statedTotal"] == "D2")
  }

  @Test func reportsAMissingUnitAndUnparsedScores() throws {
    let grid = makeGrid([
      ["项目支出绩效自评表"],
      ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
      ["产出指标", "数量指标", "培训", "10次", "10次", 5, "五分"],
    ])
    let (report, _, issues) = try #require(find(grid))
    #expect(report.indicators[0].score == nil)
    #expect(issues.map(\.code).sorted() == ["missing-field", "unparsed-value"])
    #expect(issues.first { $0.code == "unparsed-value" }?.cell == "G3")
  }
}

@Suite("Table finding on hostile shapes")
struct HostileTableFinderTests {
  /// A sheet as wide as Excel allows and thousands of rows long: the finder looks only
  /// where cells are, so it finishes at once instead of visiting 16,384 columns a row.
  @Test func aWideSparseSheetIsReadWithoutVisitingEveryColumn() throws {
    let mapping = try MappingLoader.loadDefault()
    var cells = (0..<5_000).map { Cell(reference: CellReference(row: $0, column: 0), value: .string("说明文字\($0)")) }
    cells.append(Cell(reference: CellReference(row: 0, column: 16_383), value: .string("项目名称")))
    let grid = SheetGrid(sheet: SheetInfo(index: 0, name: "宽表"), cells: cells, mergedRanges: [])
    guard case .noTable = TableFinder(grid: grid, mapping: mapping, file: "t.xlsx").find() else {
      Issue.record("no table expected")
      return
    }
  }
  /// Ten thousand rows, each pair merged: what is seen on a row is looked up in an index
  /// built once, not by scanning every merged range for every row.
  @Test func manyMergedRangesAreIndexedOnce() throws {
    let mapping = try MappingLoader.loadDefault()
    var cells: [Cell] = []
    var merged: [CellRange] = []
    for row in stride(from: 0, to: 10_000, by: 2) {
      cells.append(Cell(reference: CellReference(row: row, column: 0), value: .string("说明\(row)")))
      cells.append(Cell(reference: CellReference(row: row + 1, column: 1), value: .string("备注\(row)")))
      merged.append(CellRange(first: CellReference(row: row, column: 0), last: CellReference(row: row + 1, column: 0)))
    }
    let grid = SheetGrid(sheet: SheetInfo(index: 0, name: "合并"), cells: cells, mergedRanges: merged)
    let text = SheetText(grid: grid)
    #expect(text.displayedColumns(inRow: 1) == [0, 1])
    #expect(text.displayedColumns(inRow: 2) == [0])
    #expect(text.displayedColumns(inRow: 9_999) == [0, 1])
    #expect(text.displayedColumns(inRow: 10_000).isEmpty)
    guard case .noTable = TableFinder(grid: grid, mapping: mapping, file: "t.xlsx").find() else {
      Issue.record("no table expected")
      return
    }
  }

  /// The index and the scan agree on every row of a sheet with nested, overlapping and
  /// wide merged ranges.
  @Test func mergedAnchorsMatchAScanOfEveryRange() {
    let grid = makeGrid(
      [["a", "b", nil, "c"], [nil, nil, "d", nil], ["e", nil, nil, nil], [nil, "f", nil, nil], [nil, nil, nil, "g"]],
      merged: ["A1:A3", "B1:C2", "D1:D5", "A3:C4", "B4:B9"])
    let text = SheetText(grid: grid)
    for row in 0...6 {
      var expected = Set(grid.cells[grid.cellIndices(inRow: row)].map(\.reference.column))
      for range in grid.mergedRanges where range.first.row < row && range.last.row >= row && grid[range.first] != nil {
        expected.insert(range.first.column)
      }
      #expect(text.displayedColumns(inRow: row) == expected.sorted(), "row \(row)")
    }
  }

  /// A cell's signed label is its label with that label's signature, asked first or after
  /// the label, inside merged ranges and on blank cells.
  @Test func signedLabelsAreLabelsWithTheirSignatures() {
    let grid = makeGrid(
      [["项目名称 ", "  单位：元", nil, 12.5], [nil, "得　分", "", "≥90%"], ["A", nil, "b", nil]],
      merged: ["A1:A2", "B2:C3"])
    let text = SheetText(grid: grid)
    for firstAsked in [true, false] {
      for row in 0...3 {
        for column in 0...4 {
          let reference = CellReference(row: row, column: column)
          if firstAsked { _ = text.label(at: reference) }
          let signed = text.signedLabel(at: reference)
          let label = text.label(at: reference)
          #expect(signed?.label == label, "\(reference)")
          #expect(signed?.signature == label.map(TextSignature.init), "\(reference)")
        }
      }
    }
  }
}
