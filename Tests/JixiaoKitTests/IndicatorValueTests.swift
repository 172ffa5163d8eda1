import Testing

@testable import JixiaoKit

/// `Indicator` keeps its fields in one object shared between copies until one is written:
/// it must still behave as a value, field by field, and compare by its fields.
@Suite("Indicator as a value")
struct IndicatorValueTests {
  static func sample() -> Indicator {
    var indicator = Indicator(name: "培训人次", row: 14)
    indicator.level1 = "产出指标"
    indicator.level2 = "数量指标"
    indicator.target = Value(text: "≥200人次", op: .atLeast, number: 200, unit: "人次")
    indicator.actual = Value(text: "215人次", number: 215, unit: "人次")
    indicator.weight = 5
    indicator.score = 5
    indicator.deviation = "无"
    indicator.cells = ["name": "D14", "score": "H14"]
    return indicator
  }

  @Test("writing a copy leaves the original as it was, for every field")
  func copiesAreIndependent() {
    let original = Self.sample()
    let writes: [(inout Indicator) -> Void] = [
      { $0.level1 = "效益指标" }, { $0.level2 = nil }, { $0.name = "另一个" }, { $0.target?.number = 300 },
      { $0.actual = nil }, { $0.weight = 6 }, { $0.score = 4.5 }, { $0.deviation = nil }, { $0.row = 15 },
      { $0.cells["weight"] = "G14" }, { $0.cells["name"] = nil },
    ]
    for write in writes {
      var copy = original
      #expect(copy == original)
      write(&copy)
      #expect(copy != original)
      #expect(original == Self.sample())
    }
  }

  @Test("a copy written in place keeps the writes, field after field")
  func writesAccumulate() {
    var indicator = Self.sample()
    let before = indicator
    indicator.cells["weight"] = "G14"
    indicator.weight = 7
    indicator.name += "（修订）"
    #expect(indicator.cells["weight"] == "G14")
    #expect(indicator.cells["score"] == "H14")
    #expect(indicator.weight == 7)
    #expect(indicator.name == "培训人次（修订）")
    #expect(before.cells["weight"] == nil)
    #expect(before.weight == 5)
    #expect(before.name == "培训人次")
  }

  @Test("equal fields compare equal, whether shared or not")
  func equality() {
    #expect(Self.sample() == Self.sample())
    var other = Self.sample()
    other.score = 4
    #expect(other != Self.sample())
    other.score = 5
    #expect(other == Self.sample())
  }
}
