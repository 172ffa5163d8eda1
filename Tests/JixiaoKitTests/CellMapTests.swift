import OrderedJSON
import Testing
import XLSX
import _XLSXTestSupport

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

  /// Built in one go from entries in any order, it equals the map built by `set`; of a
  /// key given twice the last reference wins.
  @Test func buildingFromEntriesEqualsSettingThemOneByOne() {
    let entries: [(key: StaticString, reference: CellReference)] = [
      ("weight", CellReference(row: 1_048_575, column: 16_383)), ("actual", CellReference(row: 0, column: 0)),
      ("score", CellReference(row: 12, column: 7)), ("level1", CellReference(row: 3, column: 1)),
      ("score", CellReference(row: 13, column: 27)),
    ]
    var oneByOne = CellMap()
    for entry in entries { oneByOne.set("\(entry.key)", entry.reference) }
    #expect(built(entries) == oneByOne)
    #expect(built(entries) == ["actual": "A1", "level1": "B4", "score": "AB14", "weight": "XFD1048576"])
    #expect(built(entries.reversed())["score"] == "H13")
    #expect(built([]) == CellMap())
    // Already in key order, as an indicator's cells come.
    let ordered = IndicatorColumn.inKeyOrder.enumerated().map { ($0.element, CellReference(row: 9, column: $0.offset)) }
    var expected = CellMap()
    for entry in ordered { expected.set(entry.0.rawValue, entry.1) }
    #expect(built(ordered.map { (key: $0.0.key, reference: $0.1) }) == expected)
    #expect(IndicatorColumn.inKeyOrder.map(\.rawValue) == IndicatorColumn.allCases.map(\.rawValue).sorted())
    // Keys that are prefixes of others, given in reverse order.
    #expect(built([("ab", CellReference(row: 0, column: 1)), ("a", CellReference(row: 0, column: 0))]).map(\.key) == ["a", "ab"])
  }

  /// An indicator or funds column's static key is its raw value.
  @Test func columnKeysAreTheirRawValues() {
    for column in IndicatorColumn.allCases { #expect("\(column.key)" == column.rawValue) }
    for column in FundsColumn.allCases { #expect("\(column.key)" == column.rawValue) }
  }

  /// A funds row's cells, built in one go in the reader's order (its fields, then the
  /// item), equal those set one by one.
  @Test func fundsRowCellsBuiltInOneGo() {
    let entries = (FundsColumn.allCases.map(\.key) + ["item"]).enumerated().map {
      (key: $0.element, reference: CellReference(row: 4, column: $0.offset))
    }
    var oneByOne = CellMap()
    for entry in entries { oneByOne.set("\(entry.key)", entry.reference) }
    #expect(built(entries) == oneByOne)
    #expect(built(entries).map(\.key) == ["budget", "executed", "initialBudget", "item", "rate", "score", "weight"])
  }

  private func built(_ entries: [(key: StaticString, reference: CellReference)]) -> CellMap {
    var entries = entries
    return entries.withUnsafeMutableBufferPointer { CellMap($0) }
  }

  /// Keys that are prefixes of others, set in every order, keep bytewise key order and
  /// are each found.
  @Test func keysThatArePrefixesOfOthers() {
    let keys = ["a", "ab", "abc", "abd", "b", "score", "scores", "s"]
    var random = SeededGenerator(seed: 7)
    for _ in 0..<50 {
      var cells = CellMap()
      for (number, key) in keys.shuffled(using: &random).enumerated() { cells[key] = "A\(number + 1)" }
      #expect(cells.map(\.key) == keys.sorted())
      for key in keys { #expect(cells[key] != nil, "\(key)") }
      for missing in ["", "aa", "abcd", "c", "sc", "scored", "abb"] { #expect(cells[missing] == nil, "\(missing)") }
      cells["ab"] = nil
      #expect(cells.map(\.key) == keys.sorted().filter { $0 != "ab" })
      #expect(cells["abc"] != nil && cells["a"] != nil)
    }
  }

  @Test func anEmptyValueIsKeptApartFromAMissingOne() {
    var cells = CellMap()
    cells["item"] = ""
    #expect(cells["item"] == "")
    #expect(cells.count == 1)
  }

  @Test func setStoresAReferenceInA1Form() {
    var cells = CellMap()
    cells.set("score", CellReference(row: 12, column: 7))
    cells.set("actual", CellReference(row: 0, column: 0))
    cells.set("weight", CellReference(row: 1_048_575, column: 16_383))
    cells.set("score", CellReference(row: 13, column: 27))
    #expect(cells == ["actual": "A1", "score": "AB14", "weight": "XFD1048576"])
    #expect(cells.map(\.key) == ["actual", "score", "weight"])
  }

  @Test func a1BytesMatchTheDescription() {
    for (row, column) in [(0, 0), (9, 25), (99, 26), (12_345, 701), (12_345, 702), (1_048_575, 16_383)] {
      let reference = CellReference(row: row, column: column)
      var bytes: [UInt8] = []
      reference.withA1Bytes { bytes = Array($0) }
      #expect(String(decoding: bytes, as: UTF8.self) == reference.description)
      #expect(CellReference(reference.description) == reference)
    }
    #expect(CellReference(row: 12_345, column: 702).description == "AAA12346")
  }

  /// Written as JSON straight from its bytes, a map gives what writing each entry as a
  /// member gives: plain entries copied, others (quotes, controls, CJK, U+2028, DEL, empty
  /// texts) escaped as any text is; at several depths.
  @Test func jsonFromTheBytesEqualsMemberByMember() {
    var mixed: CellMap = ["weight": "G13", "actual": "F13", "score": "XFD1048576", "~tilde": "A1"]
    mixed["名称"] = "B2"
    mixed["a\"b"] = "C3"
    mixed["x\\y"] = "D\t4"
    mixed["sep\u{2028}"] = "E5\u{1}"
    mixed["del\u{7F}"] = ""
    mixed[""] = "Z9"
    for cells in [CellMap(), ["score": "H14"], mixed] {
      for level in [0, 1, 3, 9] {
        var fromBytes = JSONStreamWriter(level: level)
        CanonicalJSON.write(cells: cells, to: &fromBytes)
        #expect(
          fromBytes.bytes == objectWrittenMemberByMember(cells.map { ($0.key, $0.value) }, level: level),
          "\(String(decoding: fromBytes.bytes, as: UTF8.self))")
      }
    }
    // Entries without their ends (no map makes them) are written with what they have,
    // and nothing past the buffer is read.
    let unended: [([UInt8], String)] = [
      (Array("A1".utf8), "{\n \"A1\": \"\"\n}"), (Array("k\u{1F}B2".utf8), "{\n \"k\": \"B2\"\n}"),
      (Array("k\u{1F}B2\u{1E}名".utf8), "{\n \"k\": \"B2\",\n \"名\": \"\"\n}"),
      (Array("\u{1F}".utf8), "{\n \"\": \"\"\n}"),
    ]
    for (bytes, expected) in unended {
      var written = JSONStreamWriter()
      bytes.withUnsafeBufferPointer { written.object(entries: $0, keyEnd: 0x1F, entryEnd: 0x1E) }
      #expect(String(decoding: written.bytes, as: UTF8.self) == expected)
    }
    var json = JSONStreamWriter()
    CanonicalJSON.write(cells: ["score": "H14", "a\"b": "\u{1}"], to: &json)
    #expect(String(decoding: json.bytes, as: UTF8.self) == "{\n \"a\\\"b\": \"\\u0001\",\n \"score\": \"H14\"\n}")
  }
}
