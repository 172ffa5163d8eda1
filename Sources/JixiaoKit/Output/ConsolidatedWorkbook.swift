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
    let writer = try WorkbookWriter(
      path: path,
      options: WorkbookWriter.Options(properties: DocumentProperties(title: "绩效自评汇总", creator: "jixiao")))
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

  /// Rows produced on demand: the generator is run twice (once over the first rows to fit
  /// the column widths, once to write), so a merge of thousands of files never holds a
  /// sheet in memory. `emit` answers whether it wants more rows; when it does not, the
  /// generator returns.
  typealias RowSource = (_ emit: ([WriterCell], _ link: String?) throws(XLSXError) -> Bool) throws(XLSXError) -> Void

  /// Adds a sheet with a frozen, filtered header row, widths fitted to its rows, and a
  /// hyperlink to the source file on the first cell of every row that names one.
  private func addTable(
    _ writer: WorkbookWriter, _ styles: Styles, name: String, headers: [String], rowCount count: Int,
    maxWidth: Double = 50,
    rows: RowSource
  ) throws(XLSXError) {
    let width = { (units: Int) in min(max(Double(units) + 2, 6), maxWidth) }
    var widest = headers.map { ColumnWidth.displayUnits(of: $0) }
    // The text last measured in each column: texts repeat down a column (a file's name, its
    // sheet, unit and project), and measuring one again cannot widen the column.
    var lastMeasured = [String?](repeating: nil, count: headers.count)
    var measured = 0
    try rows { cells, _ in
      // Widths from the first rows are enough.
      measured += 1
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
        case .number(let number): widest[column] = Self.displayUnits(of: number, atLeast: widest[column])
        default: continue
        }
      }
      return measured < Self.rowsMeasuredForWidths
    }
    let widths: [Double?] = widest.map(width)
    let lastColumn = max(headers.count - 1, 0)
    let sheet = try writer.addSheet(
      named: name,
      layout: SheetLayout(
        columnWidths: widths, frozenRows: 1,
        autoFilter: CellRange(
          first: CellReference(row: 0, column: 0), last: CellReference(row: max(count, 1), column: lastColumn))))
    try sheet.appendRow(headers.map { .string($0, style: styles.header) }, height: 30)
    var row = 0
    var links = 0
    var previousLink: String?
    let linkEveryRow = name == "汇总"
    try rows { cells, link throws(XLSXError) in
      row += 1
      try sheet.appendRow(cells)
      // Excel allows 65,530 hyperlinks per sheet: a file's link goes on its first row of a
      // run (every row in 汇总, where each row is a report), up to the limit. (Links are
      // compared as bytes: a String comparison normalises non-ASCII text first.)
      if let link, linkEveryRow || previousLink.map({ ByteKey($0) != ByteKey(link) }) ?? true,
        links < Self.maxLinksPerSheet
      {
        try sheet.addHyperlink(at: CellReference(row: row, column: 0), to: .file(link))
        links += 1
      }
      previousLink = link
      return true
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
          guard try emit(cells, fileLink) else { return }
          continue
        }
        for report in file.reports {
          guard try emit(summaryRow(file, report, styles), fileLink) else { return }
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
            guard
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
            else { return }
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
            guard
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
            else { return }
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
          guard
            try emit(
              [
                .string(issue.file, style: styles.link), styles.optional(issue.sheet), styles.optional(issue.cell),
                .string(issue.code, style: styles.text), .string(issue.severity.chineseName, style: style),
                styles.optional(issue.field), .string(issue.message, style: styles.wrapped),
                styles.optional(issue.found.map(Self.render)),
                styles.optional(issue.expected.map(Self.render)),
              ], fileLink)
          else { return }
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
      for row in rows { guard try emit(row, nil) else { return } }
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
