import Testing

@testable import JixiaoKit

/// The fixed array of funds columns answers what a dictionary of them answers.
@Suite("Funds columns")
struct FundsColumnsTests {
  @Test func agreesWithADictionary() {
    var columns = FundsColumns()
    var dictionary: [FundsColumn: Int] = [:]
    func check() {
      for field in FundsColumn.allCases { #expect(columns[field] == dictionary[field], "\(field)") }
      #expect(columns.count == dictionary.count)
      #expect(columns.leftmost == dictionary.values.min())
    }
    check()
    for (field, column) in [(FundsColumn.score, 9), (.budget, 3), (.initialBudget, 5), (.budget, 2), (.rate, 0)] {
      columns[field] = column
      dictionary[field] = column
      check()
    }
    columns[.rate] = nil
    dictionary[.rate] = nil
    check()
  }
}
