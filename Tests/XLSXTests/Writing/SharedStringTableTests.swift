import Testing

@testable import XLSX

@Suite("Writer: shared string table")
struct SharedStringTableTests {
  private func texts(_ table: SharedStringTable) -> [String] {
    var texts: [String] = []
    table.forEachText { texts.append(String(decoding: $0, as: UTF8.self)) }
    return texts
  }

  @Test("Indices in order of first use; the same bytes get the same index")
  func indicesInOrderOfFirstUse() {
    let table = SharedStringTable()
    #expect(table.index(of: "单位") == 0)
    #expect(table.index(of: "项目") == 1)
    #expect(table.index(of: "单位") == 0)
    #expect(table.index(of: "") == 2)
    #expect(table.index(of: "e\u{301}") == 3)
    #expect(table.index(of: "é") == 4, "canonically equivalent, other bytes")
    #expect(table.index(of: String(repeating: "绩效", count: 20)) == 5)
    #expect(table.uniqueCount == 6)
    #expect(table.totalCount == 7)
    #expect(texts(table) == ["单位", "项目", "", "e\u{301}", "é", String(repeating: "绩效", count: 20)])
  }

  @Test("A likely index is taken only when its text has the same bytes")
  func likelyIndex() {
    let table = SharedStringTable()
    #expect(table.index(of: "e\u{301}") == 0)
    #expect(table.index(of: "项目名称") == 1)
    #expect(table.index(of: "项目名称", likely: 1) == 1)
    #expect(table.index(of: "项目名称", likely: 0) == 1, "a wrong guess is looked up")
    #expect(table.index(of: "项目名", likely: 1) == 2, "a prefix is another text")
    #expect(table.index(of: "é", likely: 0) == 3, "canonically equivalent, other bytes")
    #expect(table.index(of: "项目名称", likely: 99) == 1, "an index not yet given")
    #expect(table.index(of: "", likely: 1) == 4)
    #expect(table.index(of: "", likely: 4) == 4)
    #expect(table.uniqueCount == 5)
    #expect(table.totalCount == 9)
  }

  /// Many texts, some of eight bytes or more (hashed with an overlapping last word): each
  /// keeps its index as the table grows.
  @Test func manyTextsKeepTheirIndices() {
    let table = SharedStringTable()
    let all = (0..<5_000).map { "第\($0)行" + String(repeating: "x", count: $0 % 11) }
    for (index, text) in all.enumerated() { #expect(table.index(of: text) == index) }
    for (index, text) in all.enumerated().reversed() { #expect(table.index(of: text) == index) }
    #expect(table.uniqueCount == all.count)
    #expect(texts(table) == all)
  }
}
