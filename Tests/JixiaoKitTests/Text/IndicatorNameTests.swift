import Testing

@testable import JixiaoKit

@Suite("Indicator names and label weights")
struct IndicatorNameTests {
  static let names: [(String, String, Double?)] = [
    ("小学教师培训 (5 分)", "小学教师培训", 5), ("教师对培训质量满意度（10分）", "教师对培训质量满意度", 10),
    ("产出 指标 (40 分)", "产出 指标", 40), ("产出\n指标 (40 分)", "产出指标", 40), ("效益指标\n（40分）", "效益指标", 40), ("(800 分)", "", 800),
    ("满意度指标(10 分)", "满意度指标", 10), ("经费预算执行差异率 (5 分)", "经费预算执行差异率", 5),
    ("满意度（满分10分）", "满意度", 10), ("培训（2.5分）", "培训", 2.5), ("培训（５分）", "培训", 5),
    ("【保障性】教师培训【10分】", "【保障性】教师培训", 10), ("社会效\n益指标", "社会效益指标", nil),
    ("  按照财政资金 管理要求 ", "按照财政资金 管理要求", nil), ("按照财政资金\n管理要求", "按照财政资金管理要求", nil), ("iPad 采购", "iPad 采购", nil),
    ("Wi-Fi  \n coverage", "Wi-Fi coverage", nil), ("培训人次", "培训人次", nil), ("指标性质(定量)", "指标性质(定量)", nil),
    ("培训10分", "培训10分", nil), ("培训(10分", "培训(10分", nil), ("", "", nil),
    // Placeholder prefixes.
    ("指标1：学生满意度", "学生满意度", nil), ("指标1:", "", nil), ("指标 2：", "", nil), ("指标一、培训人次", "培训人次", nil),
    ("指标１：", "", nil), ("1、培训人次(5分)", "培训人次", 5), ("指标3：教师培训 (5 分)", "教师培训", 5),
    ("指标完成率", "指标完成率", nil), ("指标名称", "指标名称", nil),
  ]

  @Test(arguments: names)
  func splitsNames(_ raw: String, name: String, weight: Double?) {
    let split = IndicatorName.split(raw, prefixes: TestMapping.mapping.indicators.namePrefixes)
    #expect(split.name == name)
    #expect(split.weight == weight)
  }

  /// Tidying leaves a name without whitespace as it is, and it sees whitespace the way
  /// ``FoldedText/isSpace(_:)`` defines it, for every scalar (its quick test reads bytes).
  @Test func tidySeesEveryWhitespaceScalar() {
    var disagreements: [UInt32] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let name = "年" + String(Character(scalar)) + "度"
      let tidied = IndicatorName.tidy(name)
      // A line break between two CJK characters is the cell's wrapping and goes.
      let expected = scalar == "\n" || scalar == "\r" ? "年度" : FoldedText.isSpace(scalar) ? "年 度" : name
      if Array(tidied.utf8) != Array(expected.utf8) { disagreements.append(value) }
    }
    #expect(disagreements.isEmpty)
    #expect(IndicatorName.tidy("年\r\n度") == "年度")
    #expect(IndicatorName.tidy("iPad 采购") == "iPad 采购")
  }

  @Test func exactPrefixesAreLiteral() {
    let prefixes = AliasSet(exact: ["其中："])
    #expect(IndicatorName.split("其中：当年财政拨款", prefixes: prefixes).name == "当年财政拨款")
    #expect(IndicatorName.split("其中 : 当年财政拨款", prefixes: prefixes).name == "当年财政拨款")
    #expect(IndicatorName.split("当年财政拨款", prefixes: AliasSet()).name == "当年财政拨款")
  }

  static let labels: [(String, Double?)] = [
    ("预算执行情况(万元)(20分)", 20), ("得分(20分*执行率)", 20), ("绩效指标(90分)", 90), ("分值(10分)", 10),
    ("预算执行情况 (万元) (20 分)", 20), ("产出指标（50分）", 50), ("（满分10分）", 10), ("得分（20 分*执行率）", 20),
    ("预算执行情况(10分)", 10), ("分值（２０分）", 20), ("【10分】", 10),
    ("分值", nil), ("项目资金（万元）", nil), ("得分(分)", nil), ("执行率(%)", nil), ("10分", nil), ("", nil),
    ("执行率权重", nil),
  ]

  @Test(arguments: labels)
  func findsLabelWeights(_ label: String, expected: Double?) {
    #expect(IndicatorName.weight(inLabel: label) == expected)
  }
}
