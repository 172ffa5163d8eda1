import OrderedJSON
import XLSX

/// Reads one table into a ``Report``, given its indicator header: the indicator rows
/// below the header, the 总分 row, and above the header the header block, the funds
/// block and the goals. Records a ``Trace`` of every match for `jixiao inspect`.
struct ReportBuilder {
  let finder: TableFinder
  let header: IndicatorHeader
  var report: Report
  var trace = Trace()
  var issues: [ValidationIssue] = []
  /// Rows and columns the table was read from, for `source.range`.
  var usedRows: ClosedRange<Int>
  var usedColumns: ClosedRange<Int>
  /// Weights written in 一级 labels (`产出指标(50分)`), by canonical group, with their cell.
  var groupWeights: [(group: String, weight: Double, cell: String)] = []
  /// The row that ended the indicator table (总分 or a footer), if any.
  var endRow: Int?

  let text: SheetText
  let mapping: Mapping

  init(finder: TableFinder, header: IndicatorHeader) {
    self.finder = finder
    text = finder.text
    mapping = finder.mapping
    self.header = header
    report = Report(source: Source(file: finder.file, sheet: finder.sheet, range: ""), kind: .project)
    usedRows = header.firstRow...header.lastRow
    usedColumns = header.firstColumn...header.lastColumn
  }

  mutating func build() {
    readIndicators()
    readTotalRow()
    readDeviationFooter()
    readHeaderBlock()
    readFunds()
    readGoals()
    decideKindAndYear()
    report.source.range =
      "\(CellReference(row: usedRows.lowerBound, column: usedColumns.lowerBound)):\(CellReference(row: usedRows.upperBound, column: usedColumns.upperBound))"
    report.groupWeights = groupWeights.map { GroupWeight(group: $0.group, weight: $0.weight, cell: $0.cell) }
  }

  // MARK: - Helpers

  /// Widens the report's range (``Report/source``) to the merged block at `reference`.
  mutating func use(_ reference: CellReference) {
    use(text.block(at: reference))
  }

  /// ``use(_:)`` for a block already looked up.
  mutating func use(_ block: CellRange) {
    usedRows = min(usedRows.lowerBound, block.first.row)...max(usedRows.upperBound, block.last.row)
    usedColumns = min(usedColumns.lowerBound, block.first.column)...max(usedColumns.upperBound, block.last.column)
  }

  /// Records a match in the trace. The field name and the shown text are only worked
  /// out when tracing (`jixiao inspect`); a merge does not trace.
  mutating func record(
    _ field: @autoclosure () -> String, label: (CellReference, String, String)? = nil, value: CellReference? = nil,
    text shown: @autoclosure () -> String? = nil
  ) {
    guard finder.tracing else { return }
    trace.matches.append(
      Trace.Match(
        field: field(), labelCell: label.map { "\(text.sourceReference(of: $0.0))" }, label: label?.1, alias: label?.2,
        valueCell: value.map { "\(text.sourceReference(of: $0))" },
        value: shown().map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }))
  }

  mutating func issue(_ code: String, _ message: String, cell: CellReference? = nil, field: String? = nil, found: JSONValue? = nil) {
    guard let severity = mapping.severity(of: code) else { return }
    issues.append(
      ValidationIssue(
        code: code, severity: severity, message: message, file: finder.file, sheet: finder.sheet,
        cell: cell.map { "\(text.sourceReference(of: $0))" }, field: field, found: found))
  }

  /// The text of a cell, trimmed, nil when blank.
  func trimmedText(at reference: CellReference) -> String? {
    guard let raw = text.text(at: reference) else { return nil }
    let trimmed = raw.trimmingWhitespace
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Whether something is seen at `reference`: what `trimmedText(at:) != nil` says,
  /// without writing a number out as text.
  func showsText(at reference: CellReference) -> Bool {
    switch text.value(at: reference) {
    case nil: false
    case .string(let raw)?, .error(let raw)?: raw.unicodeScalars.contains { !FoldedText.isSpace($0) }
    default: true  // a number, a truth value or a date always has a text
    }
  }

  /// A number read from a cell (weights, scores), with an `unparsed-value` issue when the
  /// cell holds text that is not a number.
  mutating func number(at reference: CellReference, field: String) -> Double? {
    let value = text.value(at: reference)
    if let number = finder.values.number(value) { return number }
    if case .string(let raw)? = value, !finder.values.isBlankOrNotApplicable(raw) {
      issue(
        "unparsed-value", "\(fieldName(field))「\(raw)」不是数字", cell: reference, field: field, found: .string(raw))
    }
    if let cell = text.grid.displayedCell(at: reference), cell.isFormulaWithoutValue {
      issue(
        "formula-without-value", "\(fieldName(field))是公式「=\(cell.formula ?? "")」，但文件中没有保存计算结果（请在 Excel/WPS 中打开并保存后再提交）",
        cell: reference, field: field)
    }
    return nil
  }

  func fieldName(_ field: String) -> String {
    FieldNames.chinese[field] ?? field
  }
}

/// A weight written in a 一级 label (`产出指标(50分)`), kept for the group-weight check.
public struct GroupWeight: Sendable, Equatable {
  public var group: String
  public var weight: Double
  public var cell: String
}

/// Chinese names of canonical fields, for messages.
enum FieldNames {
  static let chinese: [String: String] = [
    "weight": "分值", "score": "得分", "target": "年度指标值", "actual": "实际完成值",
    "initialBudget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "rate": "执行率",
    "statedTotal": "总分", "project": "项目名称", "unit": "实施单位", "supervisor": "主管部门",
    "funds.weight": "资金分值", "funds.score": "资金得分",
  ]
}

extension String {
  /// The string without leading and trailing whitespace (including U+3000).
  var trimmingWhitespace: String {
    // Most texts have no space at either end: the lead bytes of their first and last
    // scalars tell, without decoding them.
    if utf8.withContiguousStorageIfAvailable(Self.endsMayBeSpace) == false { return self }
    let scalars = unicodeScalars
    guard let head = scalars.first, let tail = lastScalar else { return self }
    if !FoldedText.isSpace(head) && !FoldedText.isSpace(tail) { return self }
    guard let first = scalars.firstIndex(where: { !FoldedText.isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !FoldedText.isSpace($0) })!
    if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
    return String(scalars[first...last])
  }

  /// Whether the first or the last scalar of `bytes` (valid UTF-8) may be whitespace
  /// (``FoldedText/isSpace(_:)``), judged by its lead byte; false for no bytes.
  private static func endsMayBeSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard var last = bytes.indices.last else { return false }
    while last > 0, bytes[last] & 0xC0 == 0x80 { last -= 1 }  // continuation bytes
    return leadMayBeSpace(bytes[0]) || leadMayBeSpace(bytes[last])
  }

  /// Whether a scalar starting with the byte `lead` may be whitespace: ASCII 09–0D and
  /// 20, and the lead bytes of the others (C2: U+0085, U+00A0; E1: U+1680; E2:
  /// U+2000–U+205F; E3: U+3000; EF: U+FEFF).
  private static func leadMayBeSpace(_ lead: UInt8) -> Bool {
    switch lead {
    case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF: true
    default: false
    }
  }

  /// The last Unicode scalar, decoded from the last bytes (`unicodeScalars.last` steps
  /// back through the generic index, several times the cost).
  var lastScalar: Unicode.Scalar? {
    if let answer = utf8.withContiguousStorageIfAvailable(Self.lastScalar(of:)) { return answer }
    return unicodeScalars.last
  }

  private static func lastScalar(of bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    guard var start = bytes.indices.last else { return nil }
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }  // continuation bytes
    var iterator = UnsafeBufferPointer(rebasing: bytes[start...]).makeIterator()
    var decoder = UTF8()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
    return scalar
  }
}
