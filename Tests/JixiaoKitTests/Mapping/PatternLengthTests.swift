import Foundation
import Testing

@testable import JixiaoKit

/// `PatternSafety.maxUTF8Bytes`: the longest text a `^…$` pattern can match, in UTF-8
/// bytes (plus the slack for a final line break), or nil when it cannot tell.
@Suite("pattern length")
struct PatternLengthTests {
  private let slack = PatternSafety.lineBreakSlack

  @Test func boundsAnchoredPatterns() {
    // 项目 6 + 名称|全称 6 + 及代码 9 + : 1.
    #expect(PatternSafety.maxUTF8Bytes("^项目(名称|全称)(及代码)?:?$") == 22 + slack)
    // The longest alternative counts: 部门\(单位\) is 6 + 1 + 6 + 1.
    #expect(PatternSafety.maxUTF8Bytes("^(部门|部门\\(单位\\)|单位|预算单位)名称$") == 14 + 6 + slack)
    // A class, `.` and `\d` are one character of up to 4 bytes.
    #expect(PatternSafety.maxUTF8Bytes("^执行率(\\([A-Z]\\))?$") == 9 + 6 + slack)
    #expect(PatternSafety.maxUTF8Bytes("^a.\\d$") == 1 + 4 + 4 + slack)
    #expect(PatternSafety.maxUTF8Bytes("^[[:alpha:]甲]$") == 4 + slack)  // a nested set too
    // Counted repeats multiply; lazy and possessive marks change nothing.
    #expect(PatternSafety.maxUTF8Bytes("^a{2,3}b{2}$") == 3 + 2 + slack)
    #expect(PatternSafety.maxUTF8Bytes("^(ab)??c?+$") == 3 + slack)
    #expect(PatternSafety.maxUTF8Bytes("^$") == slack)
    // Read by scalars: the `?` makes the combining mark optional, not the `é`.
    #expect(PatternSafety.maxUTF8Bytes("^e\u{301}?$") == 1 + 2 + slack)
  }

  @Test(arguments: [
    "项目名称",  // not anchored
    "^项目名称",  // not anchored at the end
    "项目名称$",  // not anchored at the start
    "^a|b$",  // `^a` or `b$`: not anchored as a whole
    "^(填表|填报)人.*$", "^a+$", "^a{2,}$",  // unbounded repeats
    "^(?i)abc$", "^(a)\\1$", "^\\p{Han}$", "^a\\$",  // not read
    "^[{ab}c]$", "^(ab$", "^ab)$",  // a set that may hold a string, unbalanced groups
    "^(((((((a{1000}){1000}){1000}){1000}){1000}){1000}){1000})$",  // past any label's length
    "^a*\u{308}$", "^a\u{308}*$",  // a repeat next to a combining mark is still a repeat
    "^\\é$", "^\\t$",  // an escaped letter other than d, w, s: not read
  ])
  func givesUpOn(_ source: String) {
    #expect(PatternSafety.maxUTF8Bytes(source) == nil)
  }

  /// Every pattern of the default mapping: a bounded one matches no text longer than its
  /// bound, tried on real labels at their longest and on each of them written twice.
  @Test func neverTurnsAwayAMatchOfTheDefaultMapping() throws {
    let mapping = try MappingLoader.loadDefault()
    var texts = [
      "项目名称", "项目全称及代码:", "省级主管部门名称及代码:", "实施单位", "项目执行单位名称(盖章):", "部门(单位)名称(盖章):",
      "填报人员:", "填报日期:", "联系电话号码:", "自评总分(分)", "年初预算数(A)(万元)", "全年(调整)预算数(B)(万元)",
      "全年实际执行数(C)(万元)", "执行率分值(10.5分)", "执行率得分(10分)", "年度财政资金总额:", "当年财政拨款资金:", "其他资金:",
      "一级指标", "三级指标内容(分)", "年度指标值(A)", "全年实际完成值(B)", "指标得分(分)", "指标十二:", "……",
    ]
    texts += texts.map { $0 + $0 }
    var checked = 0
    for pattern in mapping.knownLabels.patterns {
      guard let bound = PatternSafety.maxUTF8Bytes(pattern.source) else { continue }
      for text in texts + [String(repeating: "得分", count: 40)] where pattern.matches(text) {
        #expect(text.utf8.count <= bound, "\(pattern.source) matches \(text) (\(text.utf8.count) bytes, bound \(bound))")
        checked += 1
      }
      #expect(pattern.maxUTF8Bytes == bound)
    }
    #expect(checked >= 15)
  }

  @Test func aTextLongerThanEveryAliasIsNotMatched() throws {
    let set = AliasSet(exact: ["单位", "实施单位"], patterns: [try AliasSet.Pattern("^(项目)?(实施|执行)单位(名称)?:?$")])
    #expect(set.match("实施单位") == "实施单位")  // the longest exact alias
    #expect(set.match("实施单位名称:") == "/^(项目)?(实施|执行)单位(名称)?:?$/")
    #expect(set.match("项目执行单位名称:") == "/^(项目)?(实施|执行)单位(名称)?:?$/")  // the longest match
    #expect(set.match("项目执行单位名称:项目执行单位名称") == nil)
    #expect(set.match("实施单位实施单位") == nil)
  }
}

/// A pattern is read by Unicode scalars, as the expression engine reads it, by every
/// shortcut in front of the expression (prefilter, literal prefix, length bound): a
/// combining mark after `*` is a character of its own.
@Suite("patterns with combining marks")
struct CombiningMarkPatternTests {
  @Test func aRepeatBeforeACombiningMarkStillMatches() throws {
    let pattern = try AliasSet.Pattern("^a*\u{308}b$")
    #expect(pattern.matches("aa\u{308}b"))
    #expect(AliasSet(patterns: [pattern]).match("aa\u{308}b") == "/^a*\u{308}b$/")
    let prefixed = try AliasSet.Pattern("^项目*\u{308}")
    #expect(prefixed.matches("项\u{308}名称"))
  }
}
