@testable import XLSX

/// A workbook that uses every feature of the writer, with the values each cell must
/// read back as. Used by the round-trip, determinism, cross-check and LibreOffice tests.
enum FeatureWorkbook {
  static let summary = "汇总"
  static let details = "指标明细"
  static let empty = "空表"

  static let header = CellStyle(
    bold: true, fontColor: .white, fillColor: RGBColor(0x1F4E78), border: CellBorder(.thin), wrapText: true,
    horizontalAlignment: .center, verticalAlignment: .center)
  static let money = CellStyle(border: CellBorder(.thin), numberFormat: .twoDecimals)
  static let ratio = CellStyle(border: CellBorder(.thin), horizontalAlignment: .right, numberFormat: .percentOneDecimal)
  static let boxed = CellStyle(border: CellBorder(.thin))
  static let warning = CellStyle(fontColor: .red, fillColor: RGBColor(0xFFF2CC))
  static let note = CellStyle(wrapText: true, verticalAlignment: .top)

  static let units = ["财政局", "教育局", "卫生健康委员会", "交通运输局"]
  static let budgets = [1234.5, 980.25, 15_000, 0.75]
  static let spent = [1200.0, 1000.125, 14_999.99, 0]
  static let dates = [(2024, 1, 31), (2024, 2, 29), (2023, 12, 1), (1900, 3, 1)]

  /// 2024-03-01 08:30:00
  static let dateTime = ExcelDateTime(year: 2024, month: 3, day: 1, hour: 8, minute: 30)!

  static let texts = [
    "含 emoji ✅👍 与全角（括号）", "  前后空格  ", "第一行\n第二行", "Windows 换行\r\n结尾", "字面 _x0041_ 与 _x000D_",
    "a & b < c > d \"引号\"", "制表\t符",
  ]
  static let numbers: [Double] = [
    0.1 + 0.2, -0.0, 1e-7, 9_007_199_254_740_994, 4_611_686_018_427_387_904, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324,
    123_456_789.123, 42, -15,
  ]

  /// Writes the workbook.
  static func build(_ writer: WorkbookWriter) throws {
    let widths: [Double?] = [
      ColumnWidth.estimate(for: ["单位"] + units), 14, 12, 10, 12, 8,
    ]
    let sheet = try writer.addSheet(
      named: summary,
      layout: SheetLayout(columnWidths: widths, frozenRows: 1, frozenColumns: 1, autoFilter: CellRange("A1:F5")))
    try sheet.appendRow(
      ["单位", "预算数（万元）", "执行数", "执行率", "日期", "完成"].map { .string($0, style: header) }, height: 30)
    for index in units.indices {
      let (year, month, day) = dates[index]
      try sheet.appendRow([
        .string(units[index], style: boxed),
        .number(budgets[index], style: money),
        .number(spent[index], style: money),
        .number(spent[index] / budgets[index], style: ratio),
        .date(ExcelDateTime(year: year, month: month, day: day)!, style: boxed),
        WriterCell(.bool(spent[index] >= budgets[index]), style: index == 3 ? warning : nil),
      ])
    }
    try sheet.appendRow(
      [.string("备注：执行率 = 执行数 ÷ 预算数；金额单位为万元。本行合并 A6:F6，自动换行。", style: note)], height: 45)
    try sheet.merge(CellRange("A6:F6")!)
    try sheet.appendRow(["打开附件", "查看明细", "网站"])
    try sheet.addHyperlink(at: CellReference("A7")!, to: .file("附件/说明 1.xlsx"), tooltip: "打开附件")
    try sheet.addHyperlink(at: CellReference("B7")!, to: .cell(sheet: details, reference: CellReference("A2")!))
    try sheet.addHyperlink(at: CellReference("C7")!, to: .url("https://example.com/jixiao?a=1&b=2"))
    try sheet.addComment(at: CellReference("B1")!, text: "单位：万元", author: "jixiao")
    try sheet.addComment(at: CellReference("A3")!, text: "数据来源：2024 年决算报表\n第二行", author: "审核人")

    let detailSheet = try writer.addSheet(
      named: details, layout: SheetLayout(columnWidths: [28, 26], frozenRows: 1))
    try detailSheet.appendRow(["文本", "数值", "其他"].map { .string($0, style: header) })
    for index in 0..<max(texts.count, numbers.count) {
      var row: [WriterCell] = [
        index < texts.count ? .string(texts[index], style: note) : .empty,
        index < numbers.count ? .number(numbers[index]) : .empty,
      ]
      switch index {
      case 0: row.append(WriterCell(.error("#DIV/0!")))
      case 1: row.append(.date(dateTime))
      case 2: row.append(WriterCell(.empty, style: boxed))
      case 3: row.append(.number(1_234_567.891, style: CellStyle(numberFormat: "#,##0.00")))
      case 4: row.append(.number(-3.5, style: CellStyle(numberFormat: "[Red]0.00;[Blue]-0.00")))
      case 5: row.append(.date(ExcelDateTime(serial: 0.5, isDuration: true)))
      case 6: row.append(.date(ExcelDateTime(serial: 43_000, uses1904: true)))
      default: break
      }
      try detailSheet.appendRow(row)
    }
    try detailSheet.writeRow(at: 19, ["跳过的行之后", true, false], height: 20)
    try detailSheet.addComment(at: CellReference("C20")!, text: "_x0041_ 字面量与 <标记> & 符号", author: "jixiao")

    _ = try writer.addSheet(named: empty)
  }

  /// What each cell reads back as: sheet → A1 → value.
  static var expected: [String: [String: CellValue]] {
    var first: [String: CellValue] = [:]
    for (column, title) in ["单位", "预算数（万元）", "执行数", "执行率", "日期", "完成"].enumerated() {
      first[ref(0, column)] = .string(title)
    }
    for index in units.indices {
      let row = index + 1
      let (year, month, day) = dates[index]
      first[ref(row, 0)] = .string(units[index])
      first[ref(row, 1)] = .number(budgets[index])
      first[ref(row, 2)] = .number(spent[index])
      first[ref(row, 3)] = .number(spent[index] / budgets[index])
      first[ref(row, 4)] = .date(ExcelDateTime(year: year, month: month, day: day)!)
      first[ref(row, 5)] = .bool(spent[index] >= budgets[index])
    }
    first["A6"] = .string("备注：执行率 = 执行数 ÷ 预算数；金额单位为万元。本行合并 A6:F6，自动换行。")
    first["A7"] = .string("打开附件")
    first["B7"] = .string("查看明细")
    first["C7"] = .string("网站")

    var second: [String: CellValue] = ["A1": .string("文本"), "B1": .string("数值"), "C1": .string("其他")]
    for (index, text) in texts.enumerated() { second[ref(index + 1, 0)] = .string(text) }
    for (index, number) in numbers.enumerated() { second[ref(index + 1, 1)] = .number(number) }
    second["C2"] = .error("#DIV/0!")
    second["C3"] = .date(dateTime)
    second["C5"] = .number(1_234_567.891)
    second["C6"] = .number(-3.5)
    second["C7"] = .date(ExcelDateTime(serial: 0.5, isDuration: true))
    second["C8"] = .date(ExcelDateTime(serial: 43_000 + 1462))
    second["A20"] = .string("跳过的行之后")
    second["B20"] = .bool(true)
    second["C20"] = .bool(false)
    return [summary: first, details: second, empty: [:]]
  }

  static func ref(_ row: Int, _ column: Int) -> String { CellReference(row: row, column: column).description }
}
