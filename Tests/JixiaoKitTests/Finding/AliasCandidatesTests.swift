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
}
