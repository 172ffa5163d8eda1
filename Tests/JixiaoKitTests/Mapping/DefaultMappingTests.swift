import Foundation
import Testing

@testable import JixiaoKit

@Suite("default mapping")
struct DefaultMappingTests {
  let mapping: Mapping

  init() throws {
    mapping = try MappingLoader.loadDefault()
  }

  /// The alias of `set` that the label matches after normalisation.
  private func matches(_ set: AliasSet?, _ label: String) -> Bool {
    set?.match(LabelText.normalize(label)) != nil
  }

  @Test func loadsWithNameVersionAndHash() {
    #expect(mapping.name == "default")
    #expect(mapping.version == 1)
    #expect(mapping.extends == nil)
    #expect(mapping.sha256 == SHA256.hexDigest(MappingLoader.defaultYAML.utf8))
    #expect(mapping.sha256.count == 64)
  }

  @Test(arguments: [
    "年度\n指标值", "年度指标值", "年度指标值（A）", "年初目标值(A)", "指标值", "年初指标值", "目标值", "年度数值", "全年指标值",
  ])
  func targetColumn(_ label: String) {
    #expect(matches(mapping.indicators.columns[.target], label))
  }

  @Test func indicatorColumns() {
    let columns = mapping.indicators.columns
    #expect(matches(columns[.level1], "一级\n指标"))
    #expect(matches(columns[.level2], "二级指标"))
    #expect(matches(columns[.name], "三级指标"))
    #expect(matches(columns[.name], "指标名称"))
    #expect(matches(columns[.operator], "指标性质"))
    #expect(matches(columns[.operator], "计算符号"))
    #expect(matches(columns[.unit], "度量单位"))
    #expect(matches(columns[.unit], "计量单位"))
    #expect(matches(columns[.actual], "实际\n完成值"))
    #expect(matches(columns[.actual], "实际完成值(B)"))
    #expect(matches(columns[.actual], "全年实际值（B）"))
    #expect(matches(columns[.actual], "全年完成值"))
    #expect(matches(columns[.weight], "分值"))
    #expect(matches(columns[.weight], "权重"))
    #expect(matches(columns[.weight], "指标权重（分）"))
    #expect(matches(columns[.weight], "考值参分"))
    #expect(matches(columns[.score], "得分"))
    #expect(matches(columns[.score], "指标得分(分)"))
    #expect(!matches(columns[.score], "得分系数(%)"))
    #expect(matches(columns[.deviation], "偏差原因分析及改进措施"))
    #expect(matches(columns[.deviation], "未完成原因分析及改进措施"))
    #expect(matches(columns[.deviation], "未能完成原因"))
    #expect(!matches(columns[.deviation], "偏差大或目标未完成原因分析"))
  }

  @Test func fundsColumns() {
    let columns = mapping.funds.columns
    #expect(matches(columns[.initialBudget], "年初\n预算数"))
    #expect(matches(columns[.initialBudget], "年初预算"))
    #expect(matches(columns[.budget], "预算数 (A)"))
    #expect(matches(columns[.budget], "全年预算数（A）"))
    #expect(matches(columns[.budget], "调整后预算数"))
    #expect(matches(columns[.budget], "全年(调整)预算数"))
    #expect(matches(columns[.budget], "调整预算数(A)"))
    #expect(!matches(columns[.budget], "年初预算数"))
    #expect(matches(columns[.executed], "全年\n执行数"))
    #expect(matches(columns[.executed], "执行数 (B)"))
    #expect(matches(columns[.executed], "预算执行数"))
    #expect(matches(columns[.weight], "分值(10分)"))
    #expect(matches(columns[.weight], "执行率权重"))
    #expect(matches(columns[.rate], "执行率 (B/A)"))
    #expect(matches(columns[.rate], "执行率(%)"))
    #expect(matches(columns[.rate], "预算执行率"))
    #expect(matches(columns[.score], "得分 (20 分*执行率)"))
    #expect(matches(columns[.score], "得分(20分*执行率)"))
    #expect(matches(columns[.score], "执行率得分(分)"))
    #expect(!matches(columns[.score], "得分计算方法"))
  }

  @Test func fundsBlockAndRows() {
    #expect(matches(mapping.funds.blockLabels, "项目资金\n（万元）"))
    #expect(matches(mapping.funds.blockLabels, "项目资金 (元)"))
    #expect(matches(mapping.funds.blockLabels, "预算执行情况 (万元) (20 分)"))
    #expect(matches(mapping.funds.blockLabels, "部门预算执行情况(万元)"))
    #expect(
      mapping.funds.itemOrder == ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金", "部门整体支出总额", "基本支出总额", "项目支出总额"])
    #expect(mapping.funds.totalItems == ["年度资金总额", "部门整体支出总额"])
    #expect(mapping.funds.subRowPrefixes == ["其中:", "其中"])
    let rows = mapping.funds.rows
    #expect(matches(rows["年度资金总额"], "年度资金总额："))
    #expect(matches(rows["年度资金总额"], "年度财政资金总额"))
    #expect(matches(rows["年度资金总额"], "总额"))
    #expect(matches(rows["当年财政拨款"], "本年财政拨款"))
    #expect(matches(rows["当年财政拨款"], "本年一般公共预算拨款"))
    #expect(matches(rows["上年结转资金"], "上年结转"))
    #expect(matches(rows["其他资金"], "其它资金"))
    #expect(matches(rows["部门整体支出总额"], "部门整体 支出总额"))
    #expect(matches(rows["基本支出总额"], "基本支出总额"))
    #expect(matches(rows["项目支出总额"], "项目支出总额"))
    #expect(!matches(rows["其他资金"], "财政专户管理资金"))
  }

  @Test func headerFields() {
    let header = mapping.header
    #expect(matches(header[.project], "项目名称"))
    #expect(matches(header[.supervisor], "主管部门及代码"))
    #expect(matches(header[.supervisor], "项目主管部门"))
    for label in ["实施单位", "项目实施单位", "实施单位（盖章）", "项目执行单位", "承担处室", "单位名称", "部门名称", "部门（单位）名称", "单位名称："] {
      #expect(matches(header[.unit], label), "\(label)")
    }
    #expect(!matches(header[.unit], "单位"))
    #expect(matches(header[.filledBy], "填表人"))
    #expect(matches(header[.filledOn], "填报日期"))
    #expect(matches(header[.phone], "联系电话"))
  }

  @Test func titlesTotalsAndFooters() {
    #expect(matches(mapping.titles[.project], "2021年度项目支出绩效自评表"))
    #expect(matches(mapping.titles[.project], "部门预算项目支出绩效自评表（2023年度）"))
    #expect(matches(mapping.titles[.project], "2020 年度项目自评表"))
    let department = "2020 年度武汉市硚口区小学教学研究室 部门（单位）整体绩效自评表"
    #expect(matches(mapping.titles[.department], department))
    #expect(!matches(mapping.titles[.project], department))
    #expect(matches(mapping.nonSelfEvaluationTitles, "项目支出预算绩效目标申报表"))
    #expect(matches(mapping.nonSelfEvaluationTitles, "2020年部门整体支出绩效目标表"))
    #expect(!matches(mapping.nonSelfEvaluationTitles, "2021年度项目支出绩效自评表"))
    for label in ["总分", "合计", "自评总分(分)", "自评得分"] {
      #expect(matches(mapping.totalRow, label), "\(label)")
    }
    for label in ["填表人：文达   填报日期：2022年4月22日", "偏差大或 目标未完成 原因分析", "改进措施及 结果应用方案", "其他需要说明事项", "评价结论", "存在问题"] {
      #expect(matches(mapping.footerRows, label), "\(label)")
    }
    #expect(matches(mapping.goals.blockLabels, "年度总体目标"))
    #expect(matches(mapping.goals.expected, "预期目标"))
    #expect(matches(mapping.goals.actual, "实际完成情况"))
    #expect(!matches(mapping.goals.actual, "年度总体目标完成情况"))
    #expect(matches(mapping.indicators.blockLabels, "绩\n效\n指\n标"))
    #expect(matches(mapping.indicators.blockLabels, "绩效 目标 (800 分)"))
    #expect(matches(mapping.indicators.blockLabels, "绩效指标(90分)"))
    #expect(!matches(mapping.indicators.blockLabels, "年度绩效目标"))
  }

  @Test func namePrefixesAndPlaceholders() {
    let prefixes = mapping.indicators.namePrefixes
    #expect(prefixes.match(LabelText.normalize("指标1：完成中型灌区节水改造项目数量")) != nil)
    #expect(prefixes.match(LabelText.normalize("指标1工程资金金额")) != nil)
    #expect(prefixes.match(LabelText.normalize("指标 6：：")) != nil)
    #expect(prefixes.match(LabelText.normalize("指标体系完善率")) == nil)
    for label in ["……", "...", "指标2：", "指标1"] {
      #expect(matches(mapping.indicators.placeholders, label), "\(label)")
    }
    #expect(!matches(mapping.indicators.placeholders, "指标1：学生满意度"))
    #expect(mapping.indicators.nonOperatorNatures.isSuperset(of: ["定量指标", "定性指标", "定量", "定性"]))
  }

  /// The canonical category that a 一级 label means, and the child a 二级 label means.
  private func category(_ level1: String, _ level2: String? = nil) -> String? {
    let one = LabelText.normalize(level1)
    guard let category = mapping.categories.first(where: { $0.name == one || $0.synonyms.match(one) != nil }) else {
      return nil
    }
    guard let level2 else { return category.name }
    let two = LabelText.normalize(level2)
    return category.children.first { $0.name == two || $0.synonyms.match(two) != nil }.map { "\(category.name)/\($0.name)" }
  }

  @Test func categories() {
    #expect(mapping.categories.map(\.name) == ["产出指标", "效益指标", "满意度指标", "成本指标", "过程指标"])
    #expect(category("产出") == "产出指标")
    #expect(category("产出 指标") == "产出指标")
    #expect(category("产出指标", "数量") == "产出指标/数量指标")
    #expect(category("产出指标", "数量值") == "产出指标/数量指标")
    #expect(category("产出指标", "产出时效") == "产出指标/时效指标")
    #expect(category("产出指标", "经济成本指标") == "产出指标/成本指标")
    #expect(category("效益指标", "社会效\n益指标") == "效益指标/社会效益指标")
    #expect(category("效益指标", "可持续影\n响指标") == "效益指标/可持续影响指标")
    #expect(category("效益指标", "经济效益 指标") == "效益指标/经济效益指标")
    #expect(category("满意度 指标", "社会公众 或服务对 象满意度") == "满意度指标/服务对象满意度指标")
    #expect(category("满意度指标", "服务对象满意度指标等") == "满意度指标/服务对象满意度指标")
    #expect(category("满意度指标", "满意度指标") == "满意度指标/服务对象满意度指标")
    #expect(category("成本指标", "经济成本指标") == "成本指标/经济成本指标")
    #expect(category("过程指标") == "过程指标")
    #expect(category("效益指标", "服务对象满意度指标") == nil)
  }

  @Test func signsWordsUnitsAndMarkers() {
    #expect(mapping.signs[.atLeast]?.contains("≧") == true)
    #expect(mapping.signs[.atLeast]?.contains(">=") == true)
    #expect(mapping.signs[.equal]?.contains("═") == true)
    #expect(mapping.signs[.equal]?.contains("﹦") == true)
    #expect(mapping.signs[.greater] == [">", "＞"])
    #expect(mapping.signs[.less] == ["<", "＜"])
    #expect(mapping.signWords.prefixes[.atLeast]?.contains("不低于") == true)
    #expect(mapping.signWords.prefixes[.atMost]?.contains("不超过") == true)
    #expect(mapping.signWords.suffixes[.atLeast]?.contains("以上") == true)
    #expect(mapping.signWords.suffixes[.atMost]?.contains("以内") == true)
    for marker in ["/", "／", "—", "-", "--", "不适用", "无", "……"] {
      #expect(mapping.notApplicable.contains(marker), "\(marker)")
    }
    #expect(mapping.units["%"] == ["%", "％", "百分比", "百分率"])
    #expect(mapping.units["万元"] == ["万元", "万"])
    #expect(mapping.units["元/生.年"]?.contains("元/生/年") == true)
    for unit in ["元", "人次", "次", "场", "个", "件", "人", "所", "天", "小时", "篇", "项", "台", "套", "册", "课时", "学时", "期", "批", "户"] {
      #expect(mapping.units[unit] != nil, "\(unit)")
    }
    #expect(mapping.grades["优"] == ["优", "优秀"])
    #expect(mapping.grades["中"] == ["中", "合格", "一般"])
  }

  @Test func weightsScoringTolerancesSeverities() {
    #expect(mapping.weights.funds == 10)
    #expect(mapping.weights.groups == ["产出指标": 50, "效益指标": 30, "满意度指标": 10])
    #expect(mapping.weights.total == 100)
    #expect(mapping.scoring == ScoringRules())
    #expect(mapping.scoring.gradeThresholds.map(\.grade) == ["优", "良", "中"])
    #expect(mapping.tolerances == Tolerances())
    for (code, severity) in IssueCatalogue.codes {
      #expect(mapping.severities[code] == .some(severity), "\(code)")
    }
    #expect(mapping.severities.count == IssueCatalogue.codes.count)
  }

  /// Within one block no exact alias of one column is also matched by another column.
  @Test func columnsDoNotOverlap() {
    func check<Column: Hashable>(_ columns: [Column: AliasSet]) {
      for (column, set) in columns {
        for alias in set.exact {
          for (other, otherSet) in columns where other != column {
            #expect(otherSet.match(alias) == nil, "「\(alias)」 of \(column) also matches \(other)")
          }
        }
      }
    }
    check(mapping.indicators.columns)
    check(mapping.funds.columns)
    check(mapping.header)
    check(Dictionary(uniqueKeysWithValues: mapping.funds.rows.map { ($0.key, $0.value) }))
  }
}
