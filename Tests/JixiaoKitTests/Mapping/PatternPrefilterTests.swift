import Foundation
import Testing

@testable import JixiaoKit

@Suite("pattern prefilter")
struct PatternPrefilterTests {
  private func clauses(_ source: String) -> [[String]] {
    PatternPrefilter(source).clauses.map { $0.map { String(decoding: $0, as: UTF8.self) } }
  }

  @Test func readsRequiredTextOffThePattern() {
    #expect(clauses("^(指标|自评|实际)?得分(\\(分\\))?$") == [["得分"]])
    #expect(clauses("^(部门|部门\\(单位\\)|单位|预算单位)名称(\\(盖章\\))?:?$") == [["部门", "单位", "预算单位"], ["名称"]])
    // A group whose alternatives are not plain text: each one's own required text.
    #expect(clauses("^(全年)?(决算数|实际支出(数)?)(\\([A-Z]\\))?$") == [["决算数", "实际支出"]])
    #expect(clauses("^(a[|b]c|d)x$") == [["a", "d"], ["x"]])
    #expect(clauses("^(项目|省级)?主管(部门|单位)(名称)?:?$") == [["主管"], ["部门", "单位"]])
    #expect(clauses("^(执行率)?(分值|权重)(\\(\\d*(\\.\\d+)?分\\))?$") == [["分值", "权重"]])
    #expect(clauses("^(全年|调整后?)预算数?$") == [["全年", "调整"], ["预算"]])
    #expect(clauses("^指标\\d+:*") == [["指标"]])
    #expect(clauses("^得分+$") == [["得分"]])
    #expect(clauses("^a{2}bc$") == [["bc"]])
  }

  @Test func promisesNothingItCannotRead() {
    #expect(clauses("^[.…。·]+$").isEmpty)
    #expect(clauses("绩效|目标").isEmpty)
    #expect(clauses("(?i)score").isEmpty)
    #expect(clauses("^((部门)|单位)名$") == [["部门", "单位"], ["名"]])
    // An alternative with nothing required on its own (`\\d+`, or empty) makes the group promise nothing.
    #expect(clauses("^(决算数|\\d+)$").isEmpty)
    #expect(clauses("^(决算数|)$").isEmpty)
    #expect(clauses("^(决算数|实际(支出)?)$") == [["决算数", "实际"]])
    #expect(PatternPrefilter("^[.…。·]+$").admits("……"))
  }

  @Test func rejectsTextsWithoutTheRequiredText() {
    let filter = PatternPrefilter("^(项目|省级)?主管(部门|单位)(名称)?:?$")
    #expect(filter.admits("主管部门"))
    #expect(filter.admits("省级主管单位名称:"))
    #expect(!filter.admits("主管"))
    #expect(!filter.admits("200人次"))
  }

  /// The prefilter never rejects a text the expression matches: every pattern of the
  /// default mapping against every alias, label and value-like text we have.
  @Test func neverRejectsAMatch() throws {
    let mapping = try MappingLoader.loadDefault()
    var sets: [AliasSet] = [mapping.knownLabels, mapping.nonSelfEvaluationTitles, mapping.indicators.namePrefixes,
      mapping.indicators.placeholders]
    sets += mapping.titles.values
    sets += mapping.funds.rows.values
    for category in mapping.categories { sets.append(category.synonyms); sets += category.children.map(\.synonyms) }
    let patterns = sets.flatMap(\.patterns)
    var texts = Set(sets.flatMap(\.exact))
    texts.formUnion([
      "指标1:", "指标十二:", "……", "...", "2021年度项目支出绩效自评表", "部门整体支出绩效自评表（2023年度）", "总分:92分",
      "预算执行情况(万元)(20分)", "得分(20分*执行率)", "执行率(B/A)", "全年预算数(A)(万元)", "注1:一级指标", "填表人:张三",
      "200人次", "≥90%", "有效提升", "", "分值(10分)", "绩效指标(90分)", "一级指标(50分)", "年度总体目标完成情况",
      "决算数", "实际支出", "实际支出数(B)", "全年决算数", "全年实际支出数", "部门(单位)名称", "预算单位名称(盖章):",
    ].map(LabelText.normalize))
    #expect(patterns.count > 40)
    var matches = 0
    var rejected = 0
    for pattern in patterns {
      for text in texts {
        let matched = pattern.expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        if matched {
          matches += 1
          #expect(pattern.prefilter.admits(text), "/\(pattern.source)/ matches 「\(text)」 but the prefilter rejects it")
        } else if !pattern.prefilter.admits(text) {
          rejected += 1
        }
      }
    }
    // The check saw real matches, and the prefilter does reject most other texts.
    #expect(matches > 100)
    #expect(rejected > (patterns.count * texts.count - matches) / 2)
  }
}
