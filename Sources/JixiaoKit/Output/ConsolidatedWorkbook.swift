import Foundation
import OrderedJSON
import XLSX

/// The workbook for people (`../shared/DOMAIN.md` §3): 汇总 (one row per report),
/// 指标明细 (one row per indicator), 资金 (funds rows), 校验问题 (issues) and 说明 (run
/// metadata), with Chinese headers, frozen header rows, filters, widths that fit the
/// text, 万元 with two decimals, rates as percentages and coloured errors and grades.
/// Every row names its file, sheet and cell; file names link to the source file.
public struct ConsolidatedWorkbook {
  public var files: [FileResult]
  public var mapping: Mapping
  /// Extra lines for 说明 (`--stamp` adds the run date).
  public var notes: [(String, String)] = []

  public init(files: [FileResult], mapping: Mapping, notes: [(String, String)] = []) {
    self.files = files
    self.mapping = mapping
    self.notes = notes
  }

  /// Writes the workbook atomically to `path`. Links to the source files are relative to
  /// the workbook's folder, so the folder can be moved with its submissions.
  public func write(to path: String) throws(XLSXError) {
    var copy = self
    let base = StandardPath.of(path).split(separator: "/").dropLast().joined(separator: "/")
    copy.links = files.map { file in file.path.map { RelativePath.from("/" + base, to: $0) } ?? file.file }
    try copy.writeSheets(to: path)
  }

  /// The link to each file's source, relative to the workbook's folder (made once per file).
  private var links: [String?] = []

  private func writeSheets(to path: String) throws(XLSXError) {
    // Level 2 rather than the writer's default 1: on these sheets (the same few styles and
    // strings row after row) it is as fast and makes the file about 10% smaller.
    let writer = try WorkbookWriter(
      path: path,
      options: WorkbookWriter.Options(
        compressionLevel: 2, properties: DocumentProperties(title: "绩效自评汇总", creator: "jixiao")))
    let styles = Styles(registeringWith: writer)
    try writeSummary(writer, styles)
    try writeIndicators(writer, styles)
    try writeFunds(writer, styles)
    try writeIssues(writer, styles)
    try writeNotes(writer, styles)
    try writer.close()
  }

  /// Rows whose text sets the column widths.
  static let rowsMeasuredForWidths = 2_000

  /// Hyperlinks written per sheet at most (Excel's limit is 65,530).
  static let maxLinksPerSheet = 65_000

  // MARK: - Styles

  private static let border = CellBorder(.thin, color: RGBColor(0xBFBFBF))
  static let header = CellStyle(
    bold: true, fillColor: RGBColor(0xDDEBF7), border: border, wrapText: true, horizontalAlignment: .center,
    verticalAlignment: .center)
  static let text = CellStyle(border: border, verticalAlignment: .top)
  static let wrapped = CellStyle(border: border, wrapText: true, verticalAlignment: .top)
  static let money = CellStyle(border: border, verticalAlignment: .top, numberFormat: .twoDecimals)
  static let score = CellStyle(border: border, verticalAlignment: .top, numberFormat: NumberFormat("0.##"))
  static let percent = CellStyle(border: border, verticalAlignment: .top, numberFormat: .percentTwoDecimals)
  static let link = CellStyle(fontColor: RGBColor(0x0563C1), border: border, verticalAlignment: .top)
  static let error = CellStyle(fontColor: RGBColor(0x9C0006), fillColor: RGBColor(0xFFC7CE), border: border, verticalAlignment: .top)
  static let warning = CellStyle(fontColor: RGBColor(0x9C5700), fillColor: RGBColor(0xFFEB9C), border: border, verticalAlignment: .top)
  static let good = CellStyle(fontColor: RGBColor(0x006100), fillColor: RGBColor(0xC6EFCE), border: border, verticalAlignment: .top)

  /// The styles above, registered with the writer once, so that cells carry a small id.
  private struct Styles {
    let header, text, wrapped, money, score, percent, link, error, warning, good: CellStyleID

    init(registeringWith writer: WorkbookWriter) {
      header = writer.register(ConsolidatedWorkbook.header)
      text = writer.register(ConsolidatedWorkbook.text)
      wrapped = writer.register(ConsolidatedWorkbook.wrapped)
      money = writer.register(ConsolidatedWorkbook.money)
      score = writer.register(ConsolidatedWorkbook.score)
      percent = writer.register(ConsolidatedWorkbook.percent)
      link = writer.register(ConsolidatedWorkbook.link)
      error = writer.register(ConsolidatedWorkbook.error)
      warning = writer.register(ConsolidatedWorkbook.warning)
      good = writer.register(ConsolidatedWorkbook.good)
    }

    func optional(_ text: String?) -> WriterCell { optional(text, style: self.text) }

    func optional(_ text: String?, style: CellStyleID) -> WriterCell {
      text.map { .string($0, style: style) } ?? WriterCell(.empty, style: style)
    }

    /// A number cell; a value a workbook cannot hold (infinite, NaN) is written as text.
    func number(_ value: Double?, _ style: CellStyleID) -> WriterCell {
      guard let value else { return WriterCell(.empty, style: style) }
      return value.isFinite ? .number(value, style: style) : .string(NumberText.shortest(value), style: text)
    }

    func count(_ value: Int, _ style: CellStyleID) -> WriterCell {
      .number(Double(value), style: value > 0 ? style : text)
    }

    func grade(_ grade: String?) -> WriterCell {
      guard let grade else { return WriterCell(.empty, style: text) }
      let style = grade == "优" || grade == "良" ? good : grade == "差" ? error : warning
      return .string(grade, style: style)
    }

    func status(_ status: FileStatus) -> WriterCell {
      let style =
        switch status {
        case .ok: good
        case .warnings: warning
        case .errors, .unreadable: error
        case .skipped: text
        }
      return .string(status.chineseName, style: style)
    }
  }

  // MARK: - Sheets

  /// Rows produced on demand, in one pass: the first rows wait in memory until they have
  /// set the column widths (which the sheet's XML states before its rows), the others are
  /// written as they come, so a merge of thousands of files never holds a sheet in memory
  /// and no row is made twice.
  typealias RowSource = (_ emit: ([WriterCell], _ link: String?) throws(XLSXError) -> Void) throws(XLSXError) -> Void

  /// Adds a sheet with a frozen, filtered header row, widths fitted to its first rows, and
  /// a hyperlink to the source file on the first cell of every row that names one.
  private func addTable(
    _ writer: WorkbookWriter, _ styles: Styles, name: String, headers: [String], rowCount count: Int,
    maxWidth: Double = 50,
    rows: RowSource
  ) throws(XLSXError) {
    let lastColumn = max(headers.count - 1, 0)
    let layout = SheetLayout(
      columnWidths: [], frozenRows: 1,
      autoFilter: CellRange(
        first: CellReference(row: 0, column: 0), last: CellReference(row: max(count, 1), column: lastColumn)))
    var table = TableBuilder(
      writer: writer, name: name, layout: layout, headers: headers.map { .string($0, style: styles.header) },
      widths: WidthFitter(headers: headers, maxWidth: maxWidth), expectedRows: count)
    try rows { cells, link throws(XLSXError) in try table.add(cells, link: link) }
    try table.finish()
  }

  /// A table's sheet in the making: rows wait until the first ones have set the column
  /// widths, then the sheet is added and every row is written as it comes.
  private struct TableBuilder {
    let writer: WorkbookWriter
    let name: String
    /// The sheet's layout, but for the column widths.
    let layout: SheetLayout
    let headers: [WriterCell]
    var widths: WidthFitter
    /// The rows measured and not yet written.
    var waiting: [(cells: [WriterCell], link: String?)] = []
    /// The sheet, once added.
    var rows: TableRows?

    init(
      writer: WorkbookWriter, name: String, layout: SheetLayout, headers: [WriterCell], widths: WidthFitter,
      expectedRows: Int
    ) {
      self.writer = writer
      self.name = name
      self.layout = layout
      self.headers = headers
      self.widths = widths
      waiting.reserveCapacity(min(expectedRows, ConsolidatedWorkbook.rowsMeasuredForWidths))
    }

    mutating func add(_ cells: [WriterCell], link: String?) throws(XLSXError) {
      if rows != nil { return try rows!.append(cells, link: link) }
      widths.measure(cells)
      waiting.append((cells, link))
      if waiting.count == ConsolidatedWorkbook.rowsMeasuredForWidths { try start() }
    }

    /// Adds the sheet if no row did.
    mutating func finish() throws(XLSXError) {
      if rows == nil { try start() }
    }

    /// Adds the sheet with the widths measured, and writes the rows that waited for them.
    private mutating func start() throws(XLSXError) {
      var layout = layout
      layout.columnWidths = widths.widths
      let sheet = try writer.addSheet(named: name, layout: layout)
      try sheet.appendRow(headers, height: 30)
      var rows = TableRows(sheet: sheet, linkEveryRow: name == "汇总")
      for row in waiting { try rows.append(row.cells, link: row.link) }
      waiting = []
      self.rows = rows
    }
  }

  /// The widest text of each column over the rows measured (header included), in display
  /// units.
  private struct WidthFitter {
    let maxWidth: Double
    var widest: [Int]
    /// The text last measured in each column: texts repeat down a column (a file's name,
    /// its sheet, unit and project), and measuring one again cannot widen the column.
    var lastMeasured: [String?]

    init(headers: [String], maxWidth: Double) {
      self.maxWidth = maxWidth
      widest = headers.map { ColumnWidth.displayUnits(of: $0) }
      lastMeasured = [String?](repeating: nil, count: headers.count)
    }

    /// The width of a column whose widest text is `units` wide.
    func width(_ units: Int) -> Double { min(max(Double(units) + 2, 6), maxWidth) }

    var widths: [Double?] { widest.map(width) }

    mutating func measure(_ cells: [WriterCell]) {
      // (Cells are read in place: copying one would retain its text.)
      for column in 0..<min(cells.count, widest.count) {
        // A column at its widest cannot grow.
        guard width(widest[column]) < maxWidth else { continue }
        switch cells[column].value {
        case .string(let text):
          // (A text is never wider than its UTF-8 byte count.)
          guard text.utf8.count > widest[column] else { continue }
          if let last = lastMeasured[column], last.equalsBytes(text) { continue }
          widest[column] = ColumnWidth.displayUnits(of: text, atLeast: widest[column])
          lastMeasured[column] = text
        case .number(let number): widest[column] = ConsolidatedWorkbook.displayUnits(of: number, atLeast: widest[column])
        default: continue
        }
      }
    }
  }

  /// Writes a table's rows after its header, with the links to the source files.
  private struct TableRows {
    let sheet: SheetWriter
    /// Whether every row gets its link (汇总, where each row is a report), rather than
    /// the first row of each run of rows from one file.
    let linkEveryRow: Bool
    var row = 0
    var links = 0
    var previousLink: String?

    init(sheet: SheetWriter, linkEveryRow: Bool) {
      self.sheet = sheet
      self.linkEveryRow = linkEveryRow
    }

    mutating func append(_ cells: [WriterCell], link: String?) throws(XLSXError) {
      row += 1
      try sheet.appendRow(cells)
      // Excel allows 65,530 hyperlinks per sheet: a file's link goes on its first row of a
      // run (every row in 汇总, where each row is a report), up to the limit. (Links are
      // compared as bytes: a String comparison normalises non-ASCII text first.)
      if let link, linkEveryRow || previousLink.map({ ByteKey($0) != ByteKey(link) }) ?? true,
        links < ConsolidatedWorkbook.maxLinksPerSheet
      {
        try sheet.addHyperlink(at: CellReference(row: row, column: 0), to: .file(link))
        links += 1
      }
      previousLink = link
    }
  }

  /// The width of a number cell's text (rounded to two places), or `units` when that is
  /// more. The text of a finite number below 10^13 has at most a sign, the digits of its
  /// integer part and three more (`-12.35`; rounding up to the next power of ten drops the
  /// decimals), so it is made only when that could be wider than `units`.
  static func displayUnits(of number: Double, atLeast units: Int) -> Int {
    if number.isFinite, number.magnitude < 1e13 {
      var integerDigits = 1
      var integer = Int(number.magnitude)
      while integer >= 10 {
        integer /= 10
        integerDigits += 1
      }
      if (number < 0 ? 1 : 0) + integerDigits + 3 <= units { return units }
    }
    return ColumnWidth.displayUnits(of: NumberText.rounded(number, places: 2), atLeast: units)
  }

  private func writeSummary(_ writer: WorkbookWriter, _ styles: Styles) throws(XLSXError) {
    let headers = [
      "文件", "工作表", "类型", "单位", "项目", "年度", "预算数（万元）", "执行数（万元）", "执行率", "资金得分", "填报总分", "计算总分",
      "等级", "填报等级", "错误", "警告", "状态", "说明",
    ]
    let rowCount = files.reduce(0) { $0 + max($1.reports.count, 1) }
    try addTable(writer, styles, name: "汇总", headers: headers, rowCount: rowCount) { emit throws(XLSXError) in
      for (file, fileLink) in zip(files, links) {
        if file.reports.isEmpty {
          let errors = file.issueCount(.error)
          let warnings = file.issueCount(.warning)
          let reason = file.skipReason ?? file.issues.first { $0.severity == .error }?.message
          var cells: [WriterCell] = [.string(file.file, style: styles.link)]
          cells += Array(repeating: WriterCell(.empty, style: styles.text), count: 13)
          cells += [
            styles.count(errors, styles.error), styles.count(warnings, styles.warning), styles.status(file.status),
            styles.optional(reason, style: styles.wrapped),
          ]
          try emit(cells, fileLink)
          continue
        }
        for report in file.reports {
          try emit(summaryRow(file, report, styles), fileLink)
        }
      }
    }
  }

  private func summaryRow(_ file: FileResult, _ report: Report, _ styles: Styles) -> [WriterCell] {
    let total = Scoring.scoredFundsRow(of: report, mapping: mapping) ?? report.funds.first
    var errors = 0
    var warnings = 0
    for issue in file.issues where issue.sheet == nil || issue.sheet == report.source.sheet {
      switch issue.severity {
      case .error: errors += 1
      case .warning: warnings += 1
      case .info: break
      }
    }
    let totalsDiffer = report.statedTotal.map { abs($0 - (report.computedTotal ?? $0)) > 0.01 } == true
    var cells: [WriterCell] = [
      .string(file.file, style: styles.link), .string(report.source.sheet, style: styles.text),
      .string(report.kind == .project ? "项目" : "部门整体", style: styles.text), styles.optional(report.unit),
      styles.optional(report.project),
      report.year.map { .number(Double($0), style: styles.text) } ?? WriterCell(.empty, style: styles.text),
    ]
    cells += [
      styles.number(total?.budget, styles.money), styles.number(total?.executed, styles.money),
      styles.number(total?.rate, styles.percent),
      styles.number(total?.score, styles.score), styles.number(report.statedTotal, styles.score),
      styles.number(report.computedTotal, totalsDiffer ? styles.error : styles.score),
    ]
    cells += [
      styles.grade(report.grade), styles.optional(report.statedGrade), styles.count(errors, styles.error),
      styles.count(warnings, styles.warning),
      styles.status(file.status), WriterCell(.empty, style: styles.text),
    ]
    return cells
  }

  private func writeIndicators(_ writer: WorkbookWriter, _ styles: Styles) throws(XLSXError) {
    let headers = [
      "文件", "工作表", "行", "单位", "项目", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
      "得分单元格",
    ]
    let rowCount = files.reduce(0) { $0 + $1.reports.reduce(0) { $0 + $1.indicators.count } }
    try addTable(writer, styles, name: "指标明细", headers: headers, rowCount: rowCount, maxWidth: 40) { emit throws(XLSXError) in
      for (file, fileLink) in zip(files, links) {
        for report in file.reports {
          for indicator in report.indicators {
            try emit(
              [
                .string(file.file, style: styles.link), .string(report.source.sheet, style: styles.text),
                .number(Double(indicator.row), style: styles.text), styles.optional(report.unit),
                styles.optional(report.project),
                styles.optional(indicator.level1), styles.optional(indicator.level2),
                .string(indicator.name, style: styles.wrapped),
                styles.optional(indicator.target?.text), styles.optional(indicator.actual?.text),
                styles.number(indicator.weight, styles.score),
                styles.number(indicator.score, styles.score),
                styles.optional(indicator.deviation, style: styles.wrapped),
                styles.optional(indicator.cells["score"]),
              ], fileLink)
          }
        }
      }
    }
  }

  private func writeFunds(_ writer: WorkbookWriter, _ styles: Styles) throws(XLSXError) {
    let headers = [
      "文件", "工作表", "单位", "项目", "资金项目", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率", "分值", "得分", "原表单位",
      "单元格",
    ]
    let rowCount = files.reduce(0) { $0 + $1.reports.reduce(0) { $0 + $1.funds.count } }
    try addTable(writer, styles, name: "资金", headers: headers, rowCount: rowCount) { emit throws(XLSXError) in
      for (file, fileLink) in zip(files, links) {
        for report in file.reports {
          for funds in report.funds {
            try emit(
              [
                .string(file.file, style: styles.link), .string(report.source.sheet, style: styles.text),
                styles.optional(report.unit),
                styles.optional(report.project), .string(funds.item, style: styles.text),
                styles.number(funds.initialBudget, styles.money),
                styles.number(funds.budget, styles.money), styles.number(funds.executed, styles.money),
                styles.number(funds.rate, styles.percent),
                styles.number(funds.weight, styles.score), styles.number(funds.score, styles.score),
                .string(funds.sourceUnit ?? "万元", style: styles.text),
                styles.optional(funds.cells["budget"] ?? funds.cells["item"]),
              ], fileLink)
          }
        }
      }
    }
  }

  private func writeIssues(_ writer: WorkbookWriter, _ styles: Styles) throws(XLSXError) {
    let headers = ["文件", "工作表", "单元格", "代码", "级别", "字段", "说明", "发现值", "期望值"]
    let rowCount = files.reduce(0) { $0 + $1.issues.count }
    try addTable(writer, styles, name: "校验问题", headers: headers, rowCount: rowCount, maxWidth: 60) { emit throws(XLSXError) in
      for (file, fileLink) in zip(files, links) {
        for issue in file.issues {
          let style =
            issue.severity == .error ? styles.error : issue.severity == .warning ? styles.warning : styles.text
          try emit(
            [
              .string(issue.file, style: styles.link), styles.optional(issue.sheet), styles.optional(issue.cell),
              .string(issue.code, style: styles.text), .string(issue.severity.chineseName, style: style),
              styles.optional(issue.field), .string(issue.message, style: styles.wrapped),
              styles.optional(issue.found.map(Self.render)),
              styles.optional(issue.expected.map(Self.render)),
            ], fileLink)
        }
      }
    }
  }

  private func writeNotes(_ writer: WorkbookWriter, _ styles: Styles) throws(XLSXError) {
    var rows: [[WriterCell]] = [
      [.string("工具", style: styles.text), .string("jixiao \(Jixiao.version)", style: styles.text)],
      [.string("映射", style: styles.text), .string(mapping.name, style: styles.text)],
      [.string("映射 SHA-256", style: styles.text), .string(mapping.sha256, style: styles.text)],
      [.string("文件数", style: styles.text), .number(Double(files.count), style: styles.text)],
    ]
    let counts = ResultCounts(files)
    for status in FileStatus.allCases {
      rows.append([
        .string("状态：\(status.chineseName)（\(status.rawValue)）", style: styles.text),
        .number(Double(counts.files(status)), style: styles.text),
      ])
    }
    rows.append([.string("报表数", style: styles.text), .number(Double(counts.reports), style: styles.text)])
    for severity in Severity.allCases {
      rows.append([
        .string("问题：\(severity.chineseName)", style: styles.text),
        .number(Double(counts.issues(severity)), style: styles.text),
      ])
    }
    for (key, value) in notes { rows.append([.string(key, style: styles.text), .string(value, style: styles.text)]) }
    for file in files {
      let status = file.status
      guard status == .skipped || status == .unreadable else { continue }
      let reason = file.skipReason ?? file.issues.first { $0.code == "file-unreadable" }?.message ?? ""
      rows.append([
        .string("\(status.chineseName)：\(file.file)", style: styles.text), .string(reason, style: styles.wrapped),
      ])
    }
    try addTable(writer, styles, name: "说明", headers: ["项目", "内容"], rowCount: rows.count, maxWidth: 80) { emit throws(XLSXError) in
      for row in rows { try emit(row, nil) }
    }
  }

  static func render(_ value: OrderedJSON.JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): NumberText.shortest(number)
    case .integer(let integer): String(integer)
    default: value.serialized(indent: 0)
    }
  }
}
