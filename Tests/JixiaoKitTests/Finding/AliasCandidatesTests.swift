import Testing

@testable import JixiaoKit

/// Alias sets tried in order through their union first: the union only turns texts away,
/// it never changes which set wins.
@Suite("Alias candidates")
struct AliasCandidatesTests {
  @Test func theFirstMatchingSetWinsEvenWhenALaterOneMatchesExactly() throws {
    let candidates = AliasCandidates([
      ("pattern", AliasSet(patterns: [try AliasSet.Pattern("^项目.*名称$")])),
      ("exact", AliasSet(exact: ["项目名称"])),
      ("unit", AliasSet(exact: ["单位名称"])),
    ])
    let project = candidates.match("项目名称", signature: TextSignature("项目名称"))
    #expect(project?.key == "pattern")
    #expect(project?.alias == "/^项目.*名称$/")
    let unit = candidates.match("单位名称", signature: TextSignature("单位名称"))
    #expect(unit?.key == "unit")
    #expect(unit?.alias == "单位名称")
    #expect(candidates.match("得分", signature: TextSignature("得分")) == nil)
    #expect(AliasCandidates<String>([]).match("得分", signature: TextSignature("得分")) == nil)
  }

  /// Over the default mapping's lists: every alias, and texts that are not aliases, get
  /// the answer of trying the sets one by one.
  @Test func agreesWithTryingEachSetInTurnOnTheDefaultMapping() throws {
    let tables = try MappingLoader.loadDefault().finderTables
    var texts = ["保障在校学生人数", "≥90%", "23.52", "南昌市青山湖区教育体育局", "其中:当年财政拨款", "项目资金(万元)", ""]
    func collect<Key>(_ candidates: AliasCandidates<Key>) {
      for entry in candidates.entries { texts += entry.aliases.exact }
    }
    collect(tables.headerCandidates)
    collect(tables.indicatorColumns)
    collect(tables.fundsColumns)
    collect(tables.orderedFundsRows)
    collect(tables.otherFundsRows)
    #expect(texts.count > 50)
    func check<Key: Equatable>(_ candidates: AliasCandidates<Key>) {
      for text in texts {
        let label = LabelText.normalize(text)
        let signature = TextSignature(label)
        let inTurn = candidates.entries.lazy.compactMap { entry in
          entry.aliases.match(label, signature: signature).map { (entry.key, $0) }
        }.first
        let found = candidates.match(label, signature: signature)
        #expect(found?.key == inTurn?.0, "\(text)")
        #expect(found?.alias == inTurn?.1, "\(text)")
      }
    }
    check(tables.headerCandidates)
    check(tables.indicatorColumns)
    check(tables.fundsColumns)
    check(tables.orderedFundsRows)
    check(tables.otherFundsRows)
  }

  /// Sets that share aliases, and patterns that match other sets' exact aliases: the
  /// answers worked out once for exact aliases are those of trying the sets in turn.
  @Test func agreesWithTryingEachSetInTurnWhenSetsOverlap() throws {
    let candidates = AliasCandidates([
      ("a", AliasSet(exact: ["得分", "分值"], patterns: [try AliasSet.Pattern("^自评.*得分$")])),
      ("b", AliasSet(exact: ["自评得分", "得分"], patterns: [try AliasSet.Pattern("分值")])),
      ("c", AliasSet(patterns: [try AliasSet.Pattern("^指标\\d+$"), try AliasSet.Pattern("名称")])),
      ("d", AliasSet(exact: ["指标1", "项目名称", "实际完成值"])),
      ("e", AliasSet(exact: ["实际完成值", ""])),
    ])
    let texts = [
      "得分", "分值", "自评得分", "自评总得分", "指标1", "指标12", "项目名称", "名称", "实际完成值", "", "分值(分)",
      "得分得分", "保障在校学生人数", "≥90%",
    ]
    for text in texts {
      let signature = TextSignature(text)
      let inTurn = candidates.entries.lazy.compactMap { entry in
        entry.aliases.match(text, signature: signature).map { (entry.key, $0) }
      }.first
      let found = candidates.match(text, signature: signature)
      #expect(found?.key == inTurn?.0, "\(text)")
      #expect(found?.alias == inTurn?.1, "\(text)")
    }
    #expect(candidates.match("自评得分", signature: TextSignature("自评得分"))?.key == "a")
    #expect(candidates.match("指标1", signature: TextSignature("指标1"))?.alias == "/^指标\\d+$/")
    #expect(candidates.match("实际完成值", signature: TextSignature("实际完成值"))?.key == "d")
  }
}
