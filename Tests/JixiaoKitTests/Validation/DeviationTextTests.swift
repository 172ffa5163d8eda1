import Testing

@testable import JixiaoKit

/// `DeviationText.isEmpty`: a deviation cell that says nothing (无, /, 不适用 …) counts as
/// no explanation; any real text counts as one, however it is spaced or folded.
@Suite("Deviation text")
struct DeviationTextTests {
  @Test(arguments: [
    nil, "", " ", "无", " 无 ", "\n无\n", "无偏差", "无 偏 差", "不适用", "暂无", "没有", "0", "０", "/", "／", "-", "--", "——",
    "\u{3000}不适用\u{3000}",
  ])
  func saysNothing(_ text: String?) {
    #expect(DeviationText.isEmpty(text))
  }

  @Test(arguments: [
    "无偏差。", "不适用于本项目", "暂无偏差说明", "---", "资金到位较晚", "部分学校 未完成培训，下年度提前安排",
    "无 偏 差 原 因", "A", "00",
  ])
  func saysSomething(_ text: String) {
    #expect(!DeviationText.isEmpty(text))
  }
}
