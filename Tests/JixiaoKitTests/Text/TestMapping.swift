@testable import JixiaoKit

/// A small mapping built in code, with the fields the text parsers use (signs, sign
/// words, not-applicable markers, units, name prefixes, grades, non-operator natures),
/// so the tests do not depend on the YAML loader or `Mappings/default.yaml`.
enum TestMapping {
  static let mapping: Mapping = {
    var mapping = Mapping(
      name: "test",
      signs: [
        .atLeast: ["≥", "≧", ">=", "＞=", "＞＝"],
        .atMost: ["≤", "≦", "<=", "＜=", "＜＝"],
        .equal: ["=", "＝", "═", "﹦"],
        .greater: [">", "＞"],
        .less: ["<", "＜"],
      ],
      notApplicable: ["/", "／", "—", "-", "——", "不适用", "无", "……", "…", "N/A"],
      units: [
        "%": ["%", "％", "百分比"],
        "万元": ["万元", "万"],
        "元": ["元"],
        "人次": ["人次"],
        "次": ["次"],
        "场": ["场"],
        "个": ["个"],
        "件": ["件"],
        "人": ["人"],
        "天": ["天", "日"],
        "个工作日": ["个工作日"],
      ],
      grades: ["优": ["优", "优秀"], "良": ["良", "良好"], "中": ["中", "中等", "合格"], "差": ["差", "较差", "不合格"]]
    )
    var words = SignWords()
    words.prefixes = [
      .atLeast: ["不低于", "不少于", "不小于", "大于等于", "大于或等于", "至少"],
      .atMost: ["不高于", "不超过", "不多于", "不大于", "小于等于", "小于或等于", "控制在"],
      .greater: ["大于", "高于", "超过"],
      .less: ["小于", "低于", "少于"],
      .equal: ["等于"],
    ]
    words.suffixes = [
      .atLeast: ["以上", "及以上", "或以上"],
      .atMost: ["以内", "之内", "以下", "及以下", "内", "以前", "之前", "前"],
    ]
    mapping.signWords = words
    var indicators = IndicatorMapping()
    indicators.namePrefixes = AliasSet(patterns: [
      pattern(#"^指标[0-9一二三四五六七八九十]+[:.、]?"#),
      pattern(#"^\d+[、.:]"#),
    ])
    indicators.nonOperatorNatures = ["定量指标", "定性指标", "定量", "定性", "定量（其他）"]
    mapping.indicators = indicators
    return mapping
  }()

  static let parser = ValueParser(mapping: mapping)

  private static func pattern(_ source: String) -> AliasSet.Pattern {
    do { return try AliasSet.Pattern(source) } catch { fatalError("bad test pattern \(source): \(error)") }
  }
}
