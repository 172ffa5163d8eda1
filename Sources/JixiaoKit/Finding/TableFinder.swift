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
        if match(at: cell.reference, in: mapping.nonSelfEvaluationTitles) != nil {
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
    match(label, signature: TextSignature(label), in: candidates)
  }

  /// ``match(_:in:)`` for a label whose signature is known (``SheetText/signedLabel(at:)``).
  func match<Key>(_ label: String, signature: TextSignature, in candidates: AliasCandidates<Key>) -> (Key, String)? {
    candidates.match(label, signature: signature).map { ($0.key, $0.alias) }
  }

  /// The label seen at `reference` and the first alias set among `candidates` it matches,
  /// with the alias.
  func match<Key>(at reference: CellReference, in candidates: AliasCandidates<Key>) -> (Key, String)? {
    guard let (label, signature) = text.signedLabel(at: reference) else { return nil }
    return match(label, signature: signature, in: candidates)
  }

  /// The alias of `set` that the label seen at `reference` matches, or nil (also for a
  /// blank cell).
  func match(at reference: CellReference, in set: AliasSet) -> String? {
    guard let (label, signature) = text.signedLabel(at: reference) else { return nil }
    return set.match(label, signature: signature)
  }

  /// Whether `label` is any label the mapping knows (so it is never taken as a value).
  func isKnownLabel(_ label: String) -> Bool {
    knownLabels.match(label) != nil
  }

  /// Whether the label seen at `reference` is any label the mapping knows; false for a blank cell.
  func isKnownLabel(at reference: CellReference) -> Bool {
    guard let (label, signature) = text.signedLabel(at: reference) else { return false }
    return knownLabels.match(label, signature: signature) != nil
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
  var labels: IndicatorLabels
  /// The columns the header spans.
  var firstColumn: Int
  var lastColumn: Int
}

extension TableFinder {
  /// A cell of a header row whose label names an indicator field.
  private struct HeaderLabel {
    var field: IndicatorColumn
    var row: Int
    var column: Int
    var alias: String
  }

  /// The first row that names at least three indicator columns, one of them a name or
  /// level column (read as displayed, so a label merged down from the row above
  /// counts); with the row under it when that row's own cells refine the header
  /// (two-row headers: 年度指标值 over 指标性质 / 指标值 / 度量单位).
  func findIndicatorHeader() -> IndicatorHeader? {
    let nameOrLevel = IndicatorColumns.bit(of: .name) | IndicatorColumns.bit(of: .level1) | IndicatorColumns.bit(of: .level2)
    for row in text.rows {
      let first = headerLabels(inRow: row, ownCellsOnly: false)
      guard first.fields.nonzeroBitCount >= 3, first.fields & nameOrLevel != 0 else { continue }
      let second = headerLabels(inRow: row + 1, ownCellsOnly: true)
      let refines = second.fields.nonzeroBitCount >= 2
      return header(startingAt: row, first: first.labels, second: refines ? second.labels : nil)
    }
    return nil
  }

  /// The cells of `row` whose labels name indicator fields, left to right, and the
  /// distinct fields as bits (``IndicatorColumns/bit(of:)``). Only what tells whether the
  /// row is a header is worked out here: most rows tried are not.
  private func headerLabels(inRow row: Int, ownCellsOnly: Bool) -> (labels: [HeaderLabel], fields: UInt16) {
    let candidates = tables.indicatorColumns
    var labels: [HeaderLabel] = []
    var fields: UInt16 = 0
    for column in text.displayedColumns(inRow: row) {
      let reference = CellReference(row: row, column: column)
      if ownCellsOnly && text.sourceReference(of: reference).row != row { continue }
      guard let (field, alias) = match(at: reference, in: candidates) else { continue }
      labels.append(HeaderLabel(field: field, row: row, column: column, alias: alias))
      fields |= IndicatorColumns.bit(of: field)
    }
    return (labels, fields)
  }

  /// The header made of the labels of `row` and, when given, those of the row under it
  /// (which win where both have a column).
  private func header(startingAt row: Int, first: [HeaderLabel], second: [HeaderLabel]?) -> IndicatorHeader {
    var lastRow = row
    var found = first
    if let second {
      lastRow = row + 1
      found.removeAll { label in second.contains { $0.column == label.column } }
      found += second
      found.sort { $0.column < $1.column }  // columns are distinct
    }
    var columns = IndicatorColumns()
    var labels = IndicatorLabels()
    var firstRow = Int.max
    for label in found {
      let reference = CellReference(row: label.row, column: label.column)
      let cell = text.sourceReference(of: reference)
      firstRow = min(firstRow, cell.row)
      if columns[label.field] == nil {
        columns[label.field] = label.column
        // (`text(at:)` is nil only for a blank cell, which has no label either.)
        labels[label.field] = (cell, text.text(at: reference) ?? text.label(at: reference) ?? "", label.alias)
      }
    }
    return IndicatorHeader(
      firstRow: firstRow == .max ? row : firstRow, lastRow: lastRow, columns: columns, labels: labels,
      firstColumn: found.first?.column ?? 0, lastColumn: found.last?.column ?? 0)
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

  static func position(of field: IndicatorColumn) -> Int {
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

/// For tracing: each field's header label (label cell, label, alias), in a fixed array
/// like ``IndicatorColumns`` (a dictionary cost a hashing and its growth for every table).
struct IndicatorLabels {
  private var labels = [(CellReference, String, String)?](repeating: nil, count: IndicatorColumn.allCases.count)

  subscript(field: IndicatorColumn) -> (CellReference, String, String)? {
    get { labels[IndicatorColumns.position(of: field)] }
    set { labels[IndicatorColumns.position(of: field)] = newValue }
  }
}
