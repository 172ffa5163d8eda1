import Testing
import XLSX

@testable import JixiaoKit

private let parser = TestMapping.parser

/// A quantitative or qualitative value as expected.
private func value(_ text: String, _ op: Value.Operator? = nil, _ number: Double? = nil, _ unit: String? = nil) -> Value {
  Value(text: text, op: op, number: number, unit: unit)
}

@Suite("Value parsing: targets and actuals")
struct ValueParserTests {
  /// Text cells with no unit or operator column: every sign, word, number form and unit.
  static let texts: [Value] = [
    // Signs glued on or spaced (research §4.6), every variant of the sign columns.
    value("≥90%", .atLeast, 90, "%"), value("≥ 90%", .atLeast, 90, "%"), value("≥50个", .atLeast, 50, "个"),
    value("≥100百分比", .atLeast, 100, "%"), value("≤90万元", .atMost, 90, "万元"), value("=100%", .equal, 100, "%"),
    value("<=6962人", .atMost, 6962, "人"), value(">=95%", .atLeast, 95, "%"), value("≧95%", .atLeast, 95, "%"),
    value("≦5%", .atMost, 5, "%"), value("＝100%", .equal, 100, "%"), value("═100%", .equal, 100, "%"),
    value("﹦100%", .equal, 100, "%"), value("＞80%", .greater, 80, "%"), value("＜5%", .less, 5, "%"),
    value("＞=90%", .atLeast, 90, "%"), value("＞＝90", .atLeast, 90), value("> 80", .greater, 80),
    value("< 3 次", .less, 3, "次"), value("= 0", .equal, 0), value("≥\n90%", .atLeast, 90, "%"),
    value("  ≥ 90 %  ", .atLeast, 90, "%"),
    // Sign words before and after.
    value("不低于90%", .atLeast, 90, "%"), value("不少于 200 人次", .atLeast, 200, "人次"),
    value("不超过15万元", .atMost, 15, "万元"), value("大于等于95%", .atLeast, 95, "%"), value("高于80%", .greater, 80, "%"),
    value("低于5%", .less, 5, "%"), value("95%以上", .atLeast, 95, "%"), value("90%及以上", .atLeast, 90, "%"),
    value("90% 以上", .atLeast, 90, "%"), value("5次以内", .atMost, 5, "次"), value("30天内", .atMost, 30, "天"),
    value("30个工作日内", .atMost, 30, "个工作日"), value("控制在90万元以内", .atMost, 90, "万元"),
    value("≥90%以上", .atLeast, 90, "%"), value("不低\n于90%", .atLeast, 90, "%"), value("90以上", .atLeast, 90),
    value("50人及以下", .atMost, 50, "人"),
    // Percentages.
    value("100%", nil, 100, "%"), value("100.00%", nil, 100, "%"), value("98%", nil, 98, "%"),
    value("95 %", nil, 95, "%"), value("95％", nil, 95, "%"), value("１００％", nil, 100, "%"),
    value("１００．５％", nil, 100.5, "%"), value("100百分比", nil, 100, "%"), value("-5%", nil, -5, "%"),
    // Plain numbers, thousands separators.
    value("100", nil, 100), value("0", nil, 0), value("89.974", nil, 89.974), value("387664.62", nil, 387_664.62),
    value("1,234.5", nil, 1234.5), value("1，234，567元", nil, 1_234_567, "元"), value("12,345人次", nil, 12345, "人次"),
    value("１２３", nil, 123), value(".5", nil, 0.5), value("90%。", nil, 90, "%"),
    // Counts with units glued on or spaced.
    value("200人次", nil, 200, "人次"), value("1次", nil, 1, "次"), value("30 次", nil, 30, "次"),
    value("375场", nil, 375, "场"), value("375 场", nil, 375, "场"), value("45场", nil, 45, "场"),
    value("2370人", nil, 2370, "人"), value("39件", nil, 39, "件"), value("3所", nil, 3, "所"),
    value("5万人次", nil, 5, "万人次"), value("3.5km", nil, 3.5, "km"), value("120m2", nil, 120, "m2"),
    value("20㎡", nil, 20, "㎡"), value("12月", nil, 12, "月"),
    // Money.
    value("50万", nil, 50, "万元"), value("24.5万", nil, 24.5, "万元"), value("15万元", nil, 15, "万元"),
    value("14.8万元", nil, 14.8, "万元"), value("72890元", nil, 72890, "元"),
    value("1000元/生.年", nil, 1000, "元/生.年"), value("780元/生/年", nil, 780, "元/生/年"),
    value("1000 元 / 生.年", nil, 1000, "元/生.年"),
    // Qualitative: number and unit nil, no op.
    value("2021.1-12"), value("共39件作品参加市级展评活动"), value("有效提升"), value("稳步提高"), value("提高教学质量"),
    value("有效"), value("效果明显"), value("效果显著"), value("按照财政资金 管理要求"), value("严格执行相关制度规定"),
    value("符合相关规定"), value("获奖"), value("是"), value("高"), value("好"), value("达成预期指标"), value("达成年度指标"),
    value("完成"), value("2020年内"), value("2020年度"), value("2021年"), value("2021年12月完成"),
    value("在项目计划完成时间内完成"), value("12月底前"), value("100%完成"), value("100%全覆盖"), value("1,23"),
    value("90%-100%"), value("90~100"), value("±5%"), value("10人全部参加培训"), value("2021.6.15"), value("95%左右"),
    value("良好以上"), value("三年以内"), value("3个月左右"),
    // A leading sign or word with a qualitative rest keeps its op.
    value("≥有效", .atLeast), value("不低于去年水平", .atLeast), value("≥", .atLeast), value("≤ 规定标准", .atMost),
    // Not applicable: text only.
    value("/"), value("／"), value("—"), value("-"), value("——"), value("--"), value("//"), value("不适用"), value("无"),
    value("……"), value("…"), value(" / "), value("N/A"), value("指标2："), value("指标 1:"),
  ]

  @Test(arguments: texts)
  func parsesText(_ expected: Value) {
    #expect(parser.value(.string(expected.text)) == expected)
  }

  /// (cell, unit column, operator column, expected).
  static let cells: [(CellValue?, String?, String?, Value?)] = [
    // Blank.
    (nil, nil, nil, nil), (.empty, "%", "≥", nil), (.string(""), nil, nil, nil), (.string("  \n　"), "%", nil, nil),
    // Number cells: shortest text, unit from the unit column.
    (.number(95), nil, nil, value("95", nil, 95)), (.number(0.95), nil, nil, value("0.95", nil, 0.95)),
    (.number(-3), nil, nil, value("-3", nil, -3)), (.number(2.5e20), nil, nil, value("2.5e+20", nil, 2.5e20)),
    (.number(0.1 + 0.2), nil, nil, value("0.3", nil, 0.1 + 0.2)), (.number(1e-5), nil, nil, value("1e-05", nil, 1e-5)),
    (.number(387_664.62), nil, nil, value("387664.62", nil, 387_664.62)),
    (.number(735), "人次", nil, value("735", nil, 735, "人次")), (.number(100), "百分比", nil, value("100", nil, 100, "%")),
    (.number(100), "％", nil, value("100", nil, 100, "%")), (.number(72890), "元", nil, value("72890", nil, 72890, "元")),
    (.number(50), "万", nil, value("50", nil, 50, "万元")), (.number(3), " 所 ", nil, value("3", nil, 3, "所")),
    (.number(3), "/", nil, value("3", nil, 3)), (.number(3), "", nil, value("3", nil, 3)),
    // Text numbers: the unit column fills in only a missing unit, and only for numbers.
    (.string("100"), "%", nil, value("100", nil, 100, "%")), (.string("95%"), "个", nil, value("95%", nil, 95, "%")),
    (.string("有效"), "%", nil, value("有效")), (.string("100"), "—", nil, value("100", nil, 100)),
    (.string("50万"), "元", nil, value("50万", nil, 50, "万元")),
    // Operator columns (指标性质 / 计算符号).
    (.number(90), "%", "≥", value("90", .atLeast, 90, "%")), (.string("90"), nil, "═", value("90", .equal, 90)),
    (.string("90"), nil, "≧", value("90", .atLeast, 90)), (.string("90"), nil, "﹦", value("90", .equal, 90)),
    (.string("90"), nil, "＞", value("90", .greater, 90)), (.string("5"), nil, "＜", value("5", .less, 5)),
    (.string("5"), nil, " ≤ ", value("5", .atMost, 5)), (.string("90"), nil, "不低于", value("90", .atLeast, 90)),
    (.string("90"), nil, "定量指标", value("90", nil, 90)), (.string("达成"), nil, "定性指标", value("达成")),
    (.string("90"), nil, "定量（其他）", value("90", nil, 90)), (.string("90"), nil, "/", value("90", nil, 90)),
    (.string("≤5"), nil, "≥", value("≤5", .atMost, 5)), (.string("达成"), nil, "=", value("达成", .equal)),
    (.string("/"), "%", "≥", value("/")), (.string("不适用"), nil, "=", value("不适用")),
    // Other cell types.
    (.date(ExcelDateTime(serial: 44362)), nil, nil, value("2021-06-15")),
    (.date(ExcelDateTime(serial: 44362.5)), nil, nil, value("2021-06-15T12:00:00")),
    (.bool(true), nil, nil, value("TRUE")), (.error("#DIV/0!"), "%", nil, value("#DIV/0!")),
  ]

  @Test(arguments: cells)
  func parsesCell(_ cell: CellValue?, unitColumn: String?, operatorColumn: String?, expected: Value?) {
    #expect(parser.value(cell, unitColumn: unitColumn, operatorColumn: operatorColumn) == expected)
  }

  @Test(arguments: ["/", "／", "—", "-", "——", "――", "－", "不适用", "无", "……", "…", " 不 适 用 ", "指标3：", "指标三"])
  func recognisesNotApplicable(_ text: String) {
    #expect(parser.isNotApplicable(text))
    #expect(parser.isBlankOrNotApplicable(.string(text)))
    #expect(parser.isBlankOrNotApplicable(text))
  }

  @Test(arguments: ["0", "有效", "-5", "无效", "/5", "指标", "指标完成率", "", " "])
  func otherTextIsApplicable(_ text: String) {
    #expect(!parser.isNotApplicable(text))
  }

  @Test func hugeDateSerialsDoNotTrap() {
    // Not a parameterized case: describing such a date (its isoString) would trap.
    #expect(parser.value(.date(ExcelDateTime(serial: 1e300))) == value("1e+300"))
  }

  @Test func blankCells() {
    #expect(parser.isBlankOrNotApplicable(nil as CellValue?))
    #expect(parser.isBlankOrNotApplicable(.empty))
    #expect(parser.isBlankOrNotApplicable(.string(" \n")))
    #expect(!parser.isBlankOrNotApplicable(.number(0)))
    #expect(!parser.isBlankOrNotApplicable(.string("0")))
  }

  @Test func mappingFormsAreNormalised() {
    // Signs, units and markers written in any form in the mapping match their folded text.
    var mapping = Mapping(name: "raw", signs: [.atLeast: ["＞＝"]], notApplicable: ["　／　"], units: ["%": ["％"]])
    mapping.indicators.nonOperatorNatures = ["定 性"]
    let parser = ValueParser(mapping: mapping)
    #expect(parser.value(.string(">=90%")) == value(">=90%", .atLeast, 90, "%"))
    #expect(parser.isNotApplicable("/"))
    #expect(parser.columnOperator("定性") == nil)
    #expect(parser.unit("％") == "%")
  }

  @Test func emptyMappingReadsNumbersOnly() {
    let parser = ValueParser(mapping: Mapping(name: "empty"))
    #expect(parser.value(.string("≥90%")) == value("≥90%"))
    #expect(parser.value(.string("90 %")) == value("90 %", nil, 90, "%"))
    #expect(parser.value(.string("50万")) == value("50万", nil, 50, "万"))
    #expect(parser.value(.string("/")) == value("/"))
  }
}

@Suite("Value parsing: weights, scores, amounts, rates")
struct NumberParsingTests {
  static let numbers: [(CellValue?, Double?)] = [
    (.number(10), 10), (.number(9.8), 9.8), (.string("10"), 10), (.string("10分"), 10), (.string("10 分"), 10),
    (.string("５"), 5), (.string("９．８"), 9.8), (.string("9.8"), 9.8), (.string("1,234.5"), 1234.5),
    (.string(" 20 "), 20), (.string("10.00"), 10), (.string("22.5"), 22.5), (.string("86.4"), 86.4), (.string("-2"), -2),
    (.string("0"), 0), (.string("\n7.6\n"), 7.6),
    (nil, nil), (.empty, nil), (.string(""), nil), (.string("  "), nil), (.string("/"), nil), (.string("—"), nil),
    (.string("-"), nil), (.string("不适用"), nil), (.string("无"), nil), (.string("十分"), nil), (.string("约10"), nil),
    (.string("10分（满分）"), nil), (.string("10%"), nil), (.string("1,23"), nil), (.string("优"), nil),
    (.date(ExcelDateTime(serial: 5)), nil), (.bool(true), nil), (.error("#REF!"), nil), (.number(.nan), nil),
  ]

  @Test(arguments: numbers)
  func readsNumbers(_ cell: CellValue?, expected: Double?) {
    #expect(parser.number(cell) == expected)
  }

  static let amounts: [(CellValue?, Double?, String?)] = [
    (.string("50万"), 50, "万元"), (.string("24.5万元"), 24.5, "万元"), (.string("24.5万"), 24.5, "万元"),
    (.string("387664.62"), 387_664.62, nil), (.string("72890元"), 72890, "元"), (.string("50 万元"), 50, "万元"),
    (.string("５０万"), 50, "万元"), (.string("1,234.00"), 1234, nil), (.string("￥1,234.00"), 1234, nil),
    (.string("¥ 100元"), 100, "元"), (.string("0.00"), 0, nil), (.string(" 89.974 "), 89.974, nil),
    (.number(43.2), 43.2, nil), (.number(0), 0, nil),
    (nil, nil, nil), (.empty, nil, nil), (.string(""), nil, nil), (.string("/"), nil, nil), (.string("—"), nil, nil),
    (.string("10%"), nil, nil), (.string("约50万"), nil, nil), (.string("50人"), nil, nil), (.string("未执行"), nil, nil),
    (.date(ExcelDateTime(serial: 44362)), nil, nil), (.bool(false), nil, nil),
  ]

  @Test(arguments: amounts)
  func readsAmounts(_ cell: CellValue?, expected: Double?, unit: String?) {
    let amount = parser.amount(cell)
    #expect(amount?.value == expected)
    #expect(amount?.unit == unit)
  }

  static let rates: [(CellValue?, Double?)] = [
    (.string("49%"), 0.49), (.string("100.00%"), 1), (.string("86%"), 0.86), (.string("98.5%"), 0.985),
    (.string("49 %"), 0.49), (.string("１００％"), 1), (.string("100百分比"), 1), (.string("120%"), 1.2),
    (.string("0%"), 0), (.number(0.49), 0.49), (.number(1), 1), (.number(1.2), 1.2), (.number(49), 0.49),
    (.number(120), 1.2), (.number(0), 0), (.string("49"), 0.49), (.string("0.49"), 0.49), (.string("1"), 1),
    (.string("86.00"), 0.86),
    (nil, nil), (.empty, nil), (.string(""), nil), (.string("—"), nil), (.string("/"), nil), (.string("无"), nil),
    (.string("高"), nil), (.string("49%左右"), nil), (.string("49分"), nil), (.date(ExcelDateTime(serial: 44362)), nil),
  ]

  @Test(arguments: rates)
  func readsRates(_ cell: CellValue?, expected: Double?) {
    #expect(parser.rate(cell) == expected)
  }
}

@Suite("Value parsing: robustness")
struct ValueParserRobustnessTests {
  /// Deterministic random strings from the characters the parsers look at: none may crash,
  /// and a parsed number always comes with text that starts with a digit, sign or word.
  @Test func survivesArbitraryText() {
    let alphabet = Array(
      "0123456789０１２３４５６７８９.,，．-—+%％≥≤=＝><＞＜ \n　/／万元人次年月日分()（）[]【】:：指标1一十度内前以上下不低于…￥¥e".unicodeScalars)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    let dates = ExcelDateTime(serial: 44362)
    for _ in 0..<3000 {
      var text = String.UnicodeScalarView()
      for _ in 0..<(next() % 14) { text.append(alphabet[next() % alphabet.count]) }
      let string = String(text)
      _ = parser.value(.string(string), unitColumn: string, operatorColumn: string)
      _ = parser.number(.string(string))
      _ = parser.amount(.string(string))
      _ = parser.rate(.string(string))
      _ = FillDate.isoDate(.string(string))
      _ = FillDate.year(in: string)
      _ = IndicatorName.split(string, prefixes: TestMapping.mapping.indicators.namePrefixes)
      _ = IndicatorName.weight(inLabel: string)
      _ = GradeText.canonical(string, grades: TestMapping.mapping.grades)
    }
    _ = FillDate.isoDate(.date(dates))
    let long = String(repeating: "9", count: 5000)
    #expect(parser.number(.string(long)) == nil)
    #expect(parser.value(.string(long))?.number == nil)
    #expect(parser.value(.string(String(repeating: "≥", count: 1000)))?.op == .atLeast)
  }
}
