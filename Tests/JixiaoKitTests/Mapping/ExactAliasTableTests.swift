import Testing

@testable import JixiaoKit

/// The exact-alias table answers what a `Set` of the aliases answers, for every text.
@Suite("Exact alias table")
struct ExactAliasTableTests {
  @Test func agreesWithASetOverAliasesAndOtherTexts() throws {
    let mapping = try MappingLoader.loadDefault()
    let aliases = mapping.knownLabels.exact
    #expect(aliases.count > 50)
    let table = ExactAliasTable(aliases)
    let set = Set(aliases.map(ByteKey.init))
    var texts = aliases + ["", " ", "23.52", "≥90%", "保障在校学生人数", "项目名称项目名称", "a\u{0}b"]
    texts += aliases.map { $0 + "x" } + aliases.map { String($0.dropLast()) } + aliases.map { "x" + $0 }
    for text in texts {
      #expect(table.contains(text) == set.contains(ByteKey(text)), "\(text)")
      if let position = table.position(of: text) { #expect(aliases[position].equalsBytes(text)) }
    }
  }

  @Test func emptyDuplicatedAndCollidingTables() {
    #expect(!ExactAliasTable([]).contains(""))
    #expect(!ExactAliasTable([]).contains("得分"))
    #expect(ExactAliasTable([""]).contains(""))
    // A text given twice keeps its first position.
    let twice = ExactAliasTable(["得分", "分值", "得分"])
    #expect(twice.position(of: "得分") == 0)
    #expect(twice.position(of: "分值") == 1)
    // Many aliases: every one found at its own position, through collisions.
    let many = (0..<1_000).map { "指标\($0)" }
    let table = ExactAliasTable(many)
    for (position, alias) in many.enumerated() { #expect(table.position(of: alias) == position) }
    #expect(!table.contains("指标1000"))
    #expect(!table.contains("指标"))
  }
}
