import XLSX

/// Finds a self-evaluation table in one sheet, label-anchored (`../shared/DOMAIN.md` §2):
/// every label comes from the mapping, and values are taken relative to the labels —
/// the cell right of 项目名称, the rows under the indicator header until 总分 — never
/// from fixed positions. A class, so that the report builder's many uses of it are not copies.
final class TableFinder {
  /// What one sheet holds.
  enum Outcome {
    /// A self-evaluation table.
    case table(Report, Trace, [ValidationIssue])
    /// A table that is not a self-evaluation (a target declaration), with the reason.
    case notSelfEvaluation(String)
    /// Nothing that looks like a table (a cover text, an empty sheet).
    case noTable
  }

  let text: SheetText
  let mapping: Mapping
  let values: ValueParser
  let file: String
  let sheet: String
  /// The alias sets tried, in order (``Mapping/finderTables``).
  let tables: FinderTables
  /// Whether the ``Trace`` is recorded (an empty trace otherwise).
  let tracing: Bool
  /// ``Mapping/knownLabels``, fetched once (the mapping hands it out under a lock).
  let knownLabels: AliasSet

  init(grid: SheetGrid, formatKinds: [NumberFormatKind] = [], mapping: Mapping, file: String, tracing: Bool = true) {
    self.tracing = tracing
    text = SheetText(grid: grid, formatKinds: formatKinds)
    self.mapping = mapping
    values = mapping.valueParser
    self.file = file
    sheet = grid.sheet.name
    tables = mapping.finderTables
    knownLabels = mapping.knownLabels
  }

  func find() -> Outcome {
    guard let header = findIndicatorHeader() else {
      if let reason = declarationReason() { return .notSelfEvaluation(reason) }
      return .noTable
    }
    guard header.columns[.actual] != nil || header.columns[.score] != nil else {
      return .notSelfEvaluation("指标表没有「实际完成值」或「得分」列，是绩效目标申报表一类的表格，不是自评表")
    }
    var builder = ReportBuilder(finder: self, header: header)
    builder.build()
    return .table(builder.report, builder.trace, builder.issues)
  }

  /// Why a sheet without an indicator table is not a self-evaluation, if its title says so.
  private func declarationReason() -> String? {
    for row in text.rows.prefix(12) {
      for cell in text.cells(inRow: row) {
        guard let label = text.label(at: cell.reference) else { continue }
        if mapping.nonSelfEvaluationTitles.match(label) != nil {
          return "标题「\(SheetText.text(of: cell.value))」表明这是绩效目标申报表一类的表格，不是自评表"
        }
      }
    }
    return nil
  }

  // MARK: - Labels

  /// Whether `label` names a funds row (`其中：当年财政拨款` counts, without its prefix).
  func isFundsItem(_ label: String) -> Bool {
    fundsItem(strippingSubRowPrefix(label)) != nil
  }

  /// The funds item (`orderedFundsRows` first) that a label without its sub-row prefix names.
  func fundsItem(_ stripped: String) -> String? {
    (match(stripped, in: tables.orderedFundsRows) ?? match(stripped, in: tables.otherFundsRows))?.0
  }

  /// A normalised label without its sub-row prefix (`其中:当年财政拨款` → `当年财政拨款`).
  func strippingSubRowPrefix(_ label: String) -> String {
    for prefix in tables.fundsSubRowPrefixes where label.hasPrefixBytes(prefix) {
      return String(decoding: label.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }
    return label
  }

  /// The first alias set among `candidates` that `label` matches, with the alias. (Asking
  /// ``knownLabels`` first, to skip value cells, was measured slower: that union holds
  /// every pattern of the mapping; ``AliasCandidates`` holds only the union of its sets.)
  func match<Key>(_ label: String, in candidates: AliasCandidates<Key>) -> (Key, String)? {
    candidates.match(label, signature: TextSignature(label)).map { ($0.key, $0.alias) }
  }

  /// Whether `label` is any label the mapping knows (so it is never taken as a value).
  func isKnownLabel(_ label: String) -> Bool {
    knownLabels.match(label) != nil
  }
}

/// The indicator table's header: its rows and the column of each canonical field.
struct IndicatorHeader {
  /// 0-based first and last header row.
  var firstRow: Int
  var lastRow: Int
  /// Column of each field (the leftmost when several match).
  var columns: IndicatorColumns
  /// For tracing: field → (label cell, label, alias).
  var labels: [IndicatorColumn: (CellReference, String, String)]
  /// The columns the header spans.
  var firstColumn: Int
  var lastColumn: Int
}

extension TableFinder {
  /// The first row that names at least three indicator columns, one of them a name or
  /// level column (read as displayed, so a label merged down from the row above
  /// counts); with the row under it when that row's own cells refine the header
  /// (two-row headers: 年度指标值 over 指标性质 / 指标值 / 度量单位).
  func findIndicatorHeader() -> IndicatorHeader? {
    let candidates = tables.indicatorColumns
    typealias Found = (field: IndicatorColumn, column: Int, cell: CellReference, label: String, alias: String)
    func fields(inRow row: Int, ownCellsOnly: Bool) -> [Found] {
      var found: [Found] = []
      for column in text.displayedColumns(inRow: row) {
        let reference = CellReference(row: row, column: column)
        if ownCellsOnly && text.sourceReference(of: reference).row != row { continue }
        guard let label = text.label(at: reference), let (field, alias) = match(label, in: candidates) else { continue }
        found.append((field, column, text.sourceReference(of: reference), text.text(at: reference) ?? label, alias))
      }
      return found
    }
    /// The distinct fields of `found`, one bit each (no set made for every row).
    func fieldBits(_ found: [Found]) -> UInt16 {
      found.reduce(0) { $0 | IndicatorColumns.bit(of: $1.field) }
    }
    let nameOrLevel = IndicatorColumns.bit(of: .name) | IndicatorColumns.bit(of: .level1) | IndicatorColumns.bit(of: .level2)
    for row in text.rows {
      let first = fields(inRow: row, ownCellsOnly: false)
      let distinct = fieldBits(first)
      guard distinct.nonzeroBitCount >= 3, distinct & nameOrLevel != 0 else { continue }
      var byColumn: [Int: Found] = [:]
      for found in first { byColumn[found.column] = found }
      var lastRow = row
      let second = fields(inRow: row + 1, ownCellsOnly: true)
      if fieldBits(second).nonzeroBitCount >= 2 {
        lastRow = row + 1
        for found in second { byColumn[found.column] = found }
      }
      var columns = IndicatorColumns()
      var labels: [IndicatorColumn: (CellReference, String, String)] = [:]
      for column in byColumn.keys.sorted() {
        let found = byColumn[column]!
        if columns[found.field] == nil {
          columns[found.field] = column
          labels[found.field] = (found.cell, found.label, found.alias)
        }
      }
      let firstRow = byColumn.values.map(\.cell.row).min() ?? row
      return IndicatorHeader(
        firstRow: firstRow, lastRow: lastRow, columns: columns, labels: labels,
        firstColumn: byColumn.keys.min() ?? 0, lastColumn: byColumn.keys.max() ?? 0)
    }
    return nil
  }
}

/// The column of each indicator field, in a fixed array: the indicator rows look them up
/// for every row.
struct IndicatorColumns {
  private var columns = [Int?](repeating: nil, count: IndicatorColumn.allCases.count)

  subscript(field: IndicatorColumn) -> Int? {
    get { columns[Self.position(of: field)] }
    set { columns[Self.position(of: field)] = newValue }
  }

  /// The columns of the fields found.
  var values: [Int] { columns.compactMap { $0 } }

  /// One bit for `field`, for sets of fields.
  static func bit(of field: IndicatorColumn) -> UInt16 { 1 << position(of: field) }

  private static func position(of field: IndicatorColumn) -> Int {
    switch field {
    case .level1: 0
    case .level2: 1
    case .name: 2
    case .operator: 3
    case .target: 4
    case .unit: 5
    case .actual: 6
    case .weight: 7
    case .score: 8
    case .deviation: 9
    }
  }
}
