import Foundation
import Testing

@testable import JixiaoKit

@Suite("mapping overrides")
struct MappingOverrideTests {
  private func load(_ yaml: String, file: String = "省.yaml") throws -> Mapping {
    try MappingLoader.load(yaml: yaml, fileName: file)
  }

  @Test func addsAliasesInFrontAndKeepsTheDefaults() throws {
    let mapping = try load(
      """
      version: 1
      extends: default
      name: 某省
      indicators:
        columns:
          target: [绩效目标值, '/^目标值\\(年度\\)$/']
          actual: 完成情况值
      """)
    let defaults = try MappingLoader.loadDefault()
    let target = try #require(mapping.indicators.columns[.target])
    #expect(target.exact.first == "绩效目标值")
    #expect(target.exact.dropFirst().elementsEqual(try #require(defaults.indicators.columns[.target]).exact))
    #expect(target.patterns.first?.source == "^目标值\\(年度\\)$")
    #expect(target.match(LabelText.normalize("目标值（年度）")) == "/^目标值\\(年度\\)$/")
    #expect(target.match("年度指标值") == "年度指标值")
    #expect(mapping.indicators.columns[.actual]?.exact.first == "完成情况值")
    #expect(mapping.indicators.columns[.actual]?.match("实际完成值") != nil)
    // Untouched sections are the default's.
    #expect(mapping.funds.itemOrder == defaults.funds.itemOrder)
    #expect(mapping.categories.map(\.name) == defaults.categories.map(\.name))
    #expect(mapping.name == "某省")
    #expect(mapping.extends == "default")
  }

  @Test func onlyReplacesTheDefaultList() throws {
    let mapping = try load(
      """
      version: 1
      extends: default
      indicators:
        columns:
          target: {only: [绩效目标值]}
          unit:
            only:
              - 计量单位
      notApplicable: {only: ['/']}
      """)
    #expect(mapping.indicators.columns[.target]?.exact == ["绩效目标值"])
    #expect(mapping.indicators.columns[.target]?.patterns.isEmpty == true)
    #expect(mapping.indicators.columns[.target]?.match("年度指标值") == nil)
    #expect(mapping.indicators.columns[.unit]?.exact == ["计量单位"])
    #expect(mapping.notApplicable == ["/"])
  }

  @Test func severitiesOffAndScalarsReplace() throws {
    let mapping = try load(
      """
      version: 1
      extends: default
      severities:
        missing-deviation: off
        weights-not-100: error
      scoring:
        reverseFormula: linear
        rescaleNotApplicable: true
        gradeThresholds:
          良: 75
      tolerances:
        wholeScore: 1
      weights:
        funds: 20
        groups:
          产出指标: 40
      """)
    #expect(mapping.severities["missing-deviation"] == .some(nil))
    #expect(mapping.severities["weights-not-100"] == .some(.error))
    #expect(mapping.severities["total-mismatch"] == .some(.error))
    #expect(mapping.scoring.reverseFormula == .linear)
    #expect(mapping.scoring.rescaleNotApplicable)
    #expect(mapping.scoring.gradeThresholds.map(\.grade) == ["优", "良", "中"])
    #expect(mapping.scoring.gradeThresholds.map(\.minimum) == [90, 75, 60])
    #expect(mapping.tolerances.wholeScore == 1)
    #expect(mapping.tolerances.score == 0.01)
    #expect(mapping.weights.funds == 20)
    #expect(mapping.weights.groups == ["产出指标": 40, "效益指标": 30, "满意度指标": 10])
  }

  @Test func addsRowsCategoriesAndChildren() throws {
    let mapping = try load(
      """
      version: 1
      extends: default
      funds:
        rows:
          财政专户管理资金: [财政专户管理资金, 专户资金]
          其他资金: [单位资金]
      categories:
        效益指标:
          children:
            社会效益指标: [社会效果]
        履职效能:
          synonyms: [履职效能指标]
          children:
            重点工作完成: [重点任务完成]
      units:
        人次: [人・次]
      """)
    #expect(mapping.funds.itemOrder.last == "财政专户管理资金")
    #expect(mapping.funds.rows["财政专户管理资金"]?.match("专户资金") != nil)
    #expect(mapping.funds.rows["其他资金"]?.exact.first == "单位资金")
    #expect(mapping.funds.rows["其他资金"]?.match("其他资金") != nil)
    let benefit = try #require(mapping.categories.first { $0.name == "效益指标" })
    let social = try #require(benefit.children.first { $0.name == "社会效益指标" })
    #expect(social.synonyms.match("社会效果") != nil)
    #expect(social.synonyms.match("社会效益") != nil)
    #expect(mapping.categories.last?.name == "履职效能")
    #expect(mapping.categories.last?.children.map(\.name) == ["重点工作完成"])
    #expect(mapping.units["人次"] == ["人・次", "人次"])
  }

  @Test func nameDefaultsToTheFileName() throws {
    let mapping = try load("version: 1\nextends: default\n", file: "/tmp/yunnan-2023.yaml")
    #expect(mapping.name == "yunnan-2023")
  }

  @Test func hashCoversTheDefaultAndTheUserFile() throws {
    let yaml = "version: 1\nextends: default\nname: 甲\n"
    let mapping = try load(yaml)
    #expect(mapping.sha256 == SHA256.hexDigest(Array(MappingLoader.defaultYAML.utf8) + Array(yaml.utf8)))
    #expect(mapping.sha256 != (try MappingLoader.loadDefault()).sha256)
    #expect(try load(yaml + "# 注释\n").sha256 != mapping.sha256)
  }

  @Test func aCompleteFileNeedsNoDefault() throws {
    let yaml = MappingLoader.defaultYAML.replacingOccurrences(of: "\nname: default\n", with: "\nname: 完整\n")
    let mapping = try load(yaml)
    #expect(mapping.name == "完整")
    #expect(mapping.extends == nil)
    #expect(mapping.sha256 == SHA256.hexDigest(yaml.utf8))
    let defaults = try MappingLoader.loadDefault()
    #expect(mapping.indicators.columns[.target]?.exact == defaults.indicators.columns[.target]?.exact)
  }

  @Test func loadsFromAPath() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-mapping-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data("version: 1\nextends: default\nname: 文件\n".utf8).write(to: url)
    #expect(try MappingLoader.load(path: url.path).name == "文件")
  }

  /// ``Mapping/knownLabels`` and the value parser are cached; changing a field they are
  /// built from makes them anew (table finding relies on knownLabels to skip value cells).
  @Test func knownLabelsFollowAChangedMapping() throws {
    var mapping = try MappingLoader.loadDefault()
    let label = LabelText.normalize("本省特有的项目称谓")
    #expect(mapping.knownLabels.match(label) == nil)
    let before = mapping
    mapping.header[.project]?.add(AliasSet(exact: ["本省特有的项目称谓"]))
    #expect(mapping.knownLabels.match(label) == label)
    #expect(before.knownLabels.match(label) == nil)
    mapping.units["人次"] = ["人次", "本省人次"]
    #expect(mapping.valueParser.value(.string("12本省人次"))?.unit == "人次")
  }
}
