import Testing

@testable import JixiaoKit

@Suite("CellMap")
struct CellMapTests {
  @Test func storesReplacesAndRemovesInKeyOrder() {
    var cells: CellMap = ["weight": "G13", "actual": "F13"]
    cells["score"] = "H13"
    cells["actual"] = "F14"
    #expect(cells["actual"] == "F14")
    #expect(cells["missing"] == nil)
    #expect(cells.map(\.key) == ["actual", "score", "weight"])
    #expect(cells.map(\.value) == ["F14", "H13", "G13"])
    #expect(cells.count == 3)
    cells["score"] = nil
    #expect(cells.count == 2)
    #expect(cells == ["weight": "G13", "actual": "F14"])
    cells["weight"] = nil
    cells["actual"] = nil
    #expect(cells.isEmpty)
    #expect(cells == CellMap())
  }

  @Test func anEmptyValueIsKeptApartFromAMissingOne() {
    var cells = CellMap()
    cells["item"] = ""
    #expect(cells["item"] == "")
    #expect(cells.count == 1)
  }
}
