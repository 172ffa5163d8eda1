import Foundation
import Testing
import XLSX
import _XLSXTestSupport

@testable import JixiaoKit

/// The fast path on UTF-8 bytes (`ValueParser+Bytes.swift`) against the general path on
/// ``FoldedText``: the same results, bit for bit, for every text.
@Suite("Value parsing: the fast path")
struct ValueParserFastPathTests {
  static let defaultParser: ValueParser = {
    do { return ValueParser(mapping: try MappingLoader.loadDefault()) } catch { fatalError("\(error)") }
  }()

  // MARK: - Real values, each on the fast path

  /// (text, expected value): targets and actuals as units write them.
  static let values: [(String, Value)] = [
    ("≥90%", Value(text: "≥90%", op: .atLeast, number: 90, unit: "%")),
    ("200人次", Value(text: "200人次", number: 200, unit: "人次")),
    ("95%以上", Value(text: "95%以上", op: .atLeast, number: 95, unit: "%")),
    ("1,234.5万元", Value(text: "1,234.5万元", number: 1234.5, unit: "万元")),
    ("≤3个工作日", Value(text: "≤3个工作日", op: .atMost, number: 3, unit: "个工作日")),
    ("100%", Value(text: "100%", number: 100, unit: "%")),
    ("100.00%", Value(text: "100.00%", number: 100, unit: "%")),
    ("有效提升", Value(text: "有效提升")),
    ("不低于去年水平", Value(text: "不低于去年水平", op: .atLeast)),
    ("2021年", Value(text: "2021年")),
    ("——", Value(text: "——")),
    ("/", Value(text: "/")),
    ("无", Value(text: "无")),
    ("≧95％", Value(text: "≧95％", op: .atLeast, number: 95, unit: "%")),
    ("-5%", Value(text: "-5%", number: -5, unit: "%")),
  ]

  @Test(arguments: values)
  func readsRealValues(_ text: String, _ expected: Value) {
    #expect(TestMapping.parser.readFast(text) != nil, "not on the fast path")
    #expect(TestMapping.parser.value(.string(text)) == expected)
  }

  @Test func readsWeightsScoresAndRates() {
    let parser = TestMapping.parser
    #expect(parser.number(.string("10")) == 10)
    #expect(parser.number(.string("10分")) == 10)
    #expect(parser.number(.string("9.8")) == 9.8)
    #expect(parser.number(.string("1,234.5")) == 1234.5)
    #expect(parser.number(.string("10个")) == nil)
    #expect(parser.number(.string("—")) == nil)
    #expect(parser.rate(.string("49%")) == 0.49)
    #expect(parser.rate(.string("100.00%")) == 1)
    #expect(parser.rate(.string("150")) == 1.5)
    #expect(parser.rate(.string("1.2")) == 1.2)
    #expect(parser.rate(.string("49个")) == nil)
    #expect(parser.amount(.string("50万"))! == (50, "万元"))
    #expect(parser.amount(.string("￥72890元"))! == (72890, "元"))
    #expect(parser.amount(.string("387664.62"))! == (387664.62, nil))
    #expect(parser.amount(.string("50人")) == nil)
    #expect(parser.unit("百分比") == "%")
    #expect(parser.unit("万") == "万元")
    #expect(parser.unit("—") == nil)
    #expect(parser.columnOperator("≧") == .atLeast)
    #expect(parser.columnOperator("定量指标") == nil)
    #expect(parser.isNotApplicable("——"))
    #expect(parser.isNotApplicable("指标2："))
    #expect(!parser.isNotApplicable("指标完成率"))
    #expect(parser.isBlankOrNotApplicable(""))
  }

  @Test func numbersConvertAsTheGeneralPathDoes() {
    for text in ["0", "-0", "+7", "007", "999999999999999", "9999999999999999", "12345678901234567890", "0.1", ".5",
      "1,234,567.891", "3.141592653589793238", "1" + String(repeating: "0", count: 400), "-1,000"]
    {
      let folded = FoldedText(text)
      let general = folded.number(at: 0)
      let fast = ByteKey.withUTF8(text) { FoldedText.number(in: $0, at: 0) }
      #expect(fast?.value.bitPattern == general?.value.bitPattern && fast?.end == general?.end, "\(text)")
    }
  }

  // MARK: - Both paths on many texts

  @Test func bothPathsAgreeOnHandWrittenAndGeneratedTexts() {
    let texts = Self.handWritten + ValueParserTests.texts.map(\.text) + Self.generated()
    for parser in [TestMapping.parser, Self.defaultParser, ValueParser(mapping: Mapping(name: "empty"))] {
      #expect(Self.differences(parser, texts).isEmpty)
    }
  }

  @Test func bothPathsAgreeOnTheSamples() throws {
    let root = SampleGoldenTests.root.appendingPathComponent("Samples")
    let texts = try SampleGoldenTests.samples.flatMap { try Self.strings(in: root.appendingPathComponent($0).path) }
    #expect(texts.count > 500)
    #expect(Self.differences(Self.defaultParser, texts).isEmpty)
  }

  /// The corpus's texts (conformance workbooks, mostly not 绩效 tables: other shapes of text).
  @Test func bothPathsAgreeOnTheCorpus() throws {
    let environment = ProcessInfo.processInfo.environment
    guard let directory = environment["JIXIAO_CORPUS"] else {
      #expect(environment["JIXIAO_REQUIRE_CORPUS"] != "1", "JIXIAO_REQUIRE_CORPUS=1 but JIXIAO_CORPUS is not set")
      return
    }
    let folder = URL(fileURLWithPath: directory).appendingPathComponent("xlsx")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xlsx") }
    let texts = names.sorted().flatMap { (try? Self.strings(in: folder.appendingPathComponent($0).path)) ?? [] }
    #expect(!texts.isEmpty)
    #expect(Self.differences(Self.defaultParser, texts).isEmpty)
  }

  /// Every string of a workbook: shared strings and string cells, at most 200 characters.
  static func strings(in path: String) throws -> [String] {
    let workbook = try Workbook(path: path)
    var texts = workbook.sharedStrings
    for sheet in workbook.sheets {
      try? workbook.forEachRow(in: sheet) { row in
        for cell in row.cells { if case .string(let text) = cell.value { texts.append(text) } }
      }
    }
    return Array(Set(texts.filter { $0.unicodeScalars.count <= 200 })).sorted()
  }

  /// Descriptions of the texts on which the two paths disagree (the first 20 are recorded).
  static func differences(_ parser: ValueParser, _ texts: [String]) -> [String] {
    let unitColumns: [String?] = [nil, "%", " 人次 ", "万", "—", "/", "", "百分比", "个工作日", "指标1："]
    let operatorColumns: [String?] = [nil, "≥", "不低于", "定量指标", " ＞ ", "—", "", "定性", "=="]
    var found: [String] = []
    func check(_ same: Bool, _ what: @autoclosure () -> String) {
      guard !same else { return }
      if found.count < 20 { Issue.record("the paths differ: \(what())") }
      found.append(what())
    }
    for (index, text) in texts.enumerated() {
      let cell = CellValue.string(text)
      let unitColumn = unitColumns[index % unitColumns.count]
      let operatorColumn = operatorColumns[index % operatorColumns.count]
      for (unit, op) in [(nil, nil), (unitColumn, operatorColumn), (text, text)] as [(String?, String?)] {
        let fast = parser.value(cell, unitColumn: unit, operatorColumn: op, fastPath: true)
        let general = parser.value(cell, unitColumn: unit, operatorColumn: op, fastPath: false)
        check(
          same(fast, general),
          "value(\(text.debugDescription), \(unit ?? "nil"), \(op ?? "nil")): "
            + "\(describe(fast)) vs \(describe(general))")
      }
      check(
        same(parser.number(cell, fastPath: true), parser.number(cell, fastPath: false)),
        "number(\(text.debugDescription))")
      check(
        same(parser.rate(cell, fastPath: true), parser.rate(cell, fastPath: false)), "rate(\(text.debugDescription))")
      let fastAmount = parser.amount(cell, fastPath: true)
      let generalAmount = parser.amount(cell, fastPath: false)
      check(
        same(fastAmount?.value, generalAmount?.value) && same(fastAmount?.unit, generalAmount?.unit),
        "amount(\(text.debugDescription))")
      check(
        same(parser.columnUnit(text, fastPath: true), parser.columnUnit(text, fastPath: false)),
        "unit(\(text.debugDescription))")
      check(
        parser.columnOperator(text, fastPath: true) == parser.columnOperator(text, fastPath: false),
        "columnOperator(\(text.debugDescription))")
      check(
        parser.isNotApplicable(text, fastPath: true) == parser.isNotApplicable(text, fastPath: false),
        "isNotApplicable(\(text.debugDescription))")
      check(
        parser.isBlankOrNotApplicable(text, fastPath: true) == parser.isBlankOrNotApplicable(text, fastPath: false),
        "isBlankOrNotApplicable(\(text.debugDescription))")
    }
    return found
  }

  /// Equal numbers bit for bit (`-0` is not `0`), strings byte for byte.
  static func same(_ left: Double?, _ right: Double?) -> Bool { left?.bitPattern == right?.bitPattern }
  static func same(_ left: String?, _ right: String?) -> Bool {
    left.map { Array($0.utf8) } == right.map { Array($0.utf8) }
  }
  static func same(_ left: Value?, _ right: Value?) -> Bool {
    guard let left, let right else { return left == nil && right == nil }
    return same(left.text, right.text) && left.op == right.op && same(left.number, right.number)
      && same(left.unit, right.unit)
  }
  static func describe(_ value: Value?) -> String {
    value.map { "(\($0.op?.rawValue ?? "nil"), \($0.number.map { "\($0)" } ?? "nil"), \($0.unit ?? "nil"))" } ?? "nil"
  }

  // MARK: - Texts

  /// Targets, actuals, weights, scores and rates as units write them (`../shared/DOMAIN.md`,
  /// the seeds), and the odd ones.
  static let handWritten: [String] = [
    "≥90%", "≥ 90%", "≧95%", "≦5%", "≤3个工作日", "≤ 3 个工作日", "＞80%", "＜5%", "=100%", "＝100%", "==100%", ">=95%",
    "=>95%", "<=6962人", "=<5", "⩾90%", "⩽10", "≥90%以上", "≥", "≤", "≥有效", "≤规定标准", "不低于90%", "不低于 90%",
    "不低\n于90%", "不少于200人次", "不超过15万元", "控制在90万元以内", "大于等于95%", "大于或等于95%", "高于或等于80%",
    "至少3次", "最多2次", "大于80%", "高于80%", "超过5次", "多于3人", "小于5%", "低于5%", "少于3次", "等于100%",
    "95%以上", "90%及以上", "90%或以上", "5次以内", "5次之内", "10%以下", "10%及以下", "30天内", "30个工作日内",
    "90以上", "以上", "90%以上以上", "200人次", "1次", "30 次", "375场", "2370人", "39件", "3所", "5万人次", "3.5km", "120m2",
    "20㎡", "12月", "12月底", "12月底前", "3个月左右", "95%左右", "100余人", "200多人", "50万", "24.5万", "15万元", "14.8万元",
    "72890元", "1,234.5万元", "1,234,567元", "1，234，567元", "12,345人次", "1000元/生.年", "780元/生/年", "1000 元 / 生.年",
    "¥50万", "￥72890元", "¥ 100", "￥", "¥", "100%", "100.00%", "98%", "95 %", "95％", "１００％", "１００．５％", "100百分比",
    "-5%", "+5%", "−5%", "－5%", "—5%", "100", "0", "-0", "+0", "00", "007", "0.0", "89.974", "387664.62", "1,234.5",
    "1,23", "1,2345", "12,34,567", "1234,567", ".5", "5.", "5..", "0.5.", "1.2.3", "1e5", "1E5", "1.5e3", "0x10", "∞",
    "NaN", "nan",
    "inf", "1" + String(repeating: "0", count: 320), "1" + String(repeating: "0", count: 15), "9007199254740993",
    "0.1000000000000000055511151231257827", "123456789012345", "1234567890123456", "90%。", "90%.", "90%;", "90%,",
    "90%；", "90%，", "90%．", "90%。。", "90% 。", "。", ".", ",", ";", "2021年", "2020年度", "2020年内", "1900年", "2100年",
    "2101年", "1899年", "2020.5年", "2021.1-12", "2021.6.15", "2021-06-15", "90%-100%", "90~100", "±5%", "100%完成",
    "100%全覆盖", "10人全部参加培训", "共39件作品参加市级展评活动", "有效提升", "稳步提高", "提高教学质量", "有效", "效果明显",
    "按照财政资金 管理要求", "符合相关规定", "是", "否", "高", "好", "优", "良好", "达成预期指标", "完成", "按时完成",
    "良好以上", "三年以内", "/", "／", "//", "///", "/ /", "—", "——", "———", "―", "–", "-", "--", "－", "－－", "-—", "……",
    "…", "...", "N/A", "n/a", "不适用", "不涉及", "无", "无此项", "无 ", " 无", "无无", "指标1：", "指标2:", "指标 1:",
    "指标十：", "指标三", "指标", "指标完成率", "指标1：学生满意度", "10", "10分", "10 分", "10分。", "５", "9.8", " 20 ",
    "20\u{A0}", "\u{A0}20", "20\u{3000}分", "20\u{FEFF}", "\u{FEFF}20", "20\u{200B}", "20\u{2028}分", "10分分", "满分10分",
    "49%", "49％", "49 %", "150", "1.5", "1.51", "0.49", "49", "49百分比", "49‰", "49个", "", " ", "\n", "\t", "\u{3000}",
    "【10分】", "（5分）", "(5分)", "5分)", "≥\u{A0}90%", "≥\t90%", "≥\r\n90%", "9 0%", "1, 234", "1 ,234", "1,234 .5",
    "9\u{0}0", "90\u{7F}", "90\u{1F}%", "90\u{85}%", "90\u{FFFD}", "90😀", "😀", "90%\u{301}", "é90", "90é", "90e\u{301}",
    "90℃", "90°", "36.5℃", "90·", "90・", "5人·次", "5人・次", "100m²", "100m³", "5 m2", "m2", "5km/h", "5/人", "5人/",
    "5元//年", "5abcde", "5abcd", "5a1", "51a", "5(次)", "5（次）", "5人次/年/校", "5个工作日以内", "5个工作日内以内",
  ]

  /// Sign words, signs, numbers, units, suffix words, spaces and punctuation in combination:
  /// every sign with every number form, every number with every unit and suffix, and
  /// random mixtures of all parts.
  static func generated() -> [String] {
    let signs = [
      "", "≥", "≧", "⩾", ">=", "＞＝", "=>", "≤", "≦", "<=", "=", "＝", "═", "﹦", "==", ">", "＞", "<", "＜", "不低于", "不少于",
      "大于或等于", "不超过", "控制在", "大于", "低于", "至少", "最多", "等于", "±", "约",
    ]
    let numbers = [
      "0", "5", "90", "100", "2020", "1900", "2100", "1234", "1,234", "1,234,567", "12,34", "1,2345", "0.5", ".5", "5.",
      "100.00", "1,234.5", "-5", "+5", "-0", "007", "3.14159265358979", "123456789012345", "1234567890123456",
      "12345678901234567890", "1e5", "１２３", "１２．５", "１，２３４", "0.1", "1899.5", "2020.0", "99.99", "0.001",
    ]
    let units = [
      "", "%", "％", "百分比", "万元", "万", "元", "人次", "次", "个工作日", "天", "日", "年", "年度", "年内", "km", "m2", "元/生.年",
      "个月左右", "月底", "分", "‰", "℃", "㎡", "abcde", "人/次", "/人", "个", "所", "项", "人·次",
    ]
    let suffixes = ["", "以上", "及以上", "或以上", "以内", "以下", "及以下", "之内", "以上以上", "左右"]
    let spaces = ["", " ", "  ", "\u{A0}", "\u{3000}", "\n", "\t", "\u{2009}"]
    let endings = ["", "。", ".", ",", ";", "；", "，", "．", "。。", "!"]
    var texts: [String] = []
    for sign in signs {
      for number in numbers { texts += [sign + number + "%", sign + number, sign + " " + number + "万元"] }
    }
    for number in numbers {
      for unit in units {
        for suffix in suffixes { texts.append(number + unit + suffix) }
      }
    }
    var random = SeededGenerator(seed: 20_260_611)
    for _ in 0..<12_000 {
      func space() -> String { Int.random(in: 0..<4, using: &random) == 0 ? spaces.randomElement(using: &random)! : "" }
      var text = signs.randomElement(using: &random)! + space()
      if Int.random(in: 0..<8, using: &random) == 0 { text += signs.randomElement(using: &random)! + space() }
      text += numbers.randomElement(using: &random)! + space() + units.randomElement(using: &random)! + space()
      text += suffixes.randomElement(using: &random)! + endings.randomElement(using: &random)!
      if Int.random(in: 0..<6, using: &random) == 0 { text = space() + text + space() }
      texts.append(text)
    }
    return texts
  }
}

@Suite("Value parsing: the fast path's helpers")
struct ValueParserFastPathHelperTests {
  /// ``ValueParser/isAlphabetic(_:)`` answers ASCII and CJK without the property lookup:
  /// the answers must be the property's (the CJK block is wholly alphabetic since Unicode 14).
  @Test func alphabeticShortcutsAgreeWithTheProperty() {
    for value in Array(0..<0x80) + Array(0x4E00...0x9FFF) + [0xB2, 0xB7, 0x2030, 0x3400, 0x4DC0, 0x3001, 0xFF21] {
      let scalar = Unicode.Scalar(UInt32(value))!
      #expect(ValueParser.isAlphabetic(scalar) == scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
    }
  }

  @Test func byteTableFindsEveryKeyAndNothingElse() {
    let keys = ["", "%", "万元", "个工作日", "a", "ab", "abc"] + (0..<300).map { "k\($0)" }
    let table = ValueParser.ByteTable(keys.enumerated().map { ($0.element, $0.offset) })
    for (index, key) in keys.enumerated() {
      #expect(ByteKey.withUTF8(key) { table[$0] } == index, "\(key)")
    }
    for absent in ["万", "个工作", "k300", "k-1", "abcd", " ", "%%"] {
      #expect(ByteKey.withUTF8(absent) { table[$0] } == nil, "\(absent)")
    }
  }
}
