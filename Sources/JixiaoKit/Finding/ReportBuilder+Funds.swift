import XLSX

extension ReportBuilder {
  /// The funds block above the indicator table: its column header row (年初预算数 /
  /// 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, in any order), the rows under it (item
  /// label left of the amounts), and `label | amount` pairs such as `基本支出总额 | 519.76`.
  /// Amounts in a table marked 元 are converted to 万元.
  mutating func readFunds() {
    let candidates = finder.tables.fundsColumns
    var headerRow: Int?
    var columns = FundsColumns()
    var headerTexts: [String] = []
    var explanationColumn: Int?
    for row in text.rows where row < header.firstRow {
      var found = FundsColumns()
      var labels: [(field: FundsColumn, cell: CellReference, alias: String)] = []
      for reference in text.references(inRow: row) {
        guard let (field, alias) = finder.match(at: reference, in: candidates), found[field] == nil
        else { continue }
        found[field] = reference.column
        labels.append((field, reference, alias))
      }
      guard found.count >= 2, found[.budget] != nil || found[.executed] != nil || found[.initialBudget] != nil else {
        continue
      }
      headerRow = row
      columns = found
      for found in labels.sorted(by: { $0.field.rawValue < $1.field.rawValue }) {
        let label = (found.cell, text.storedText(at: found.cell), found.alias)
        record("funds.columns.\(found.field.rawValue)", label: label)
        use(label.0)
        headerTexts.append(label.1)
      }
      for cell in text.cells(inRow: row) {
        guard let label = text.label(at: cell.reference), !finder.isKnownLabel(at: cell.reference) else { continue }
        if explanationColumn == nil, label.containsBytes("原因") || label.hasSuffix("说明") {
          explanationColumn = cell.reference.column
          continue
        }
        if finder.tracing {
          trace.unmapped.append(Trace.Unmapped(cell: "\(cell.reference)", text: SheetText.text(of: cell.value), area: "funds-header"))
        }
      }
      break
    }
    var blockLabel: String?
    if let headerRow {
      blockLabel = fundsBlockLabel(near: headerRow)
      let inYuan = ([blockLabel].compactMap { $0 } + headerTexts).contains { Self.saysYuan($0) }
      var row = headerRow + 1
      while row < header.firstRow {
        guard var fundsRow = readFundsRow(row, columns: columns, inYuan: inYuan) else { break }
        if let column = explanationColumn {
          fundsRow.explanation = trimmedText(at: CellReference(row: row, column: column))
        }
        report.funds.append(fundsRow)
        row += 1
      }
      if let first = report.funds.indices.first, report.funds[first].weight == nil {
        let weightTexts = [blockLabel] + headerTexts.map(Optional.some)
        if let weight = weightTexts.compactMap({ $0.flatMap(IndicatorName.weight(inLabel:)) }).first {
          report.funds[first].weight = weight
        }
      }
    }
    readFundsPairs(skippingRows: headerRow.map { $0...($0 + report.funds.count) })
  }

  private func fundsBlockLabel(near row: Int) -> String? {
    for candidate in [row, row - 1, row + 1] where candidate >= 0 {
      for cell in text.cells(inRow: candidate) {
        if finder.match(at: cell.reference, in: mapping.funds.blockLabels) != nil {
          return SheetText.text(of: cell.value)
        }
      }
      // The block label may be merged down over the block from a row above.
      for column in 0...min(2, text.lastColumn) {
        let reference = CellReference(row: candidate, column: column)
        if finder.match(at: reference, in: mapping.funds.blockLabels) != nil {
          return text.text(at: reference)
        }
      }
    }
    return nil
  }

  /// Whether a label says its amounts are in 元 (`项目资金（元）`, `单位：元`), not 万元.
  static func saysYuan(_ label: String) -> Bool {
    let normalized = LabelText.normalize(label)
    return !normalized.containsBytes("万元") && (normalized.containsBytes("(元)") || normalized.containsBytes("单位:元"))
  }

  private mutating func readFundsRow(_ row: Int, columns: FundsColumns, inYuan: Bool) -> FundsRow? {
    let firstColumn = columns.leftmost ?? 0
    // The item label: the nearest text left of the first funds column that is not the block label.
    var item: String?
    var itemCell: CellReference?
    for column in stride(from: firstColumn - 1, through: 0, by: -1) {
      let reference = CellReference(row: row, column: column)
      guard text.label(at: reference) != nil else { continue }
      if finder.match(at: reference, in: mapping.funds.blockLabels) != nil { break }
      item = trimmedText(at: reference)
      itemCell = reference
      break
    }
    var canonical: String?
    if let item {
      canonical = finder.fundsItem(finder.strippingSubRowPrefix(LabelText.normalize(item)))
      if canonical == nil, finder.isKnownLabel(LabelText.normalize(item)) { return nil }
    }
    var fundsRow = FundsRow(item: canonical ?? item ?? defaultFundsItem())
    // The row's cells, made into its map in one go at the end (set one by one, the map's
    // bytes grew with each).
    var cells: [(key: StaticString, reference: CellReference)] = []
    cells.reserveCapacity(FundsColumn.allCases.count + 1)
    var hasValue = false
    for field in FundsColumn.allCases {
      guard let column = columns[field] else { continue }
      let reference = CellReference(row: row, column: column)
      // A merged cell spanning several rows counts once, on its first row.
      guard text.sourceReference(of: reference).row == row else { continue }
      let cell = text.value(at: reference)
      switch field {
      case .initialBudget, .budget, .executed:
        guard let (amount, unit) = finder.values.amount(cell) else {
          if case .string(let raw)? = cell, !finder.values.isBlankOrNotApplicable(raw) {
            issue("unparsed-value", "\(fieldName(field.rawValue))「\(raw)」不是金额", cell: reference, field: "funds.\(field.rawValue)", found: .string(raw))
          }
          continue
        }
        let yuan = unit == "元" || (unit == nil && inYuan)
        let value = yuan ? amount / 10_000 : amount
        if yuan { fundsRow.sourceUnit = "元" }
        switch field {
        case .initialBudget: fundsRow.initialBudget = value
        case .budget: fundsRow.budget = value
        default: fundsRow.executed = value
        }
      case .rate:
        guard let rate = finder.values.rate(cell) else { continue }
        fundsRow.rate = rate
      case .weight:
        guard let weight = number(at: reference, field: "funds.weight") else { continue }
        fundsRow.weight = weight
      case .score:
        guard let score = number(at: reference, field: "funds.score") else { continue }
        fundsRow.score = score
      }
      hasValue = true
      cells.append((field.key, text.sourceReference(of: reference)))
      use(reference)
    }
    guard hasValue || canonical != nil else { return nil }
    if let itemCell { cells.append(("item", text.sourceReference(of: itemCell))) }
    fundsRow.cells = cells.withUnsafeMutableBufferPointer { CellMap($0) }
    if let itemCell {
      use(itemCell)
      if finder.tracing {
        let amountCell = [FundsColumn.budget, .executed, .initialBudget].lazy.compactMap { columns[$0] }.first
          .map { CellReference(row: row, column: $0) }
        let shown = amountCell.flatMap { trimmedText(at: $0) }
        record(
          "funds.rows.\(fundsRow.item)", label: (itemCell, item ?? "", canonical ?? "（原文）"), value: amountCell,
          text: shown)
      }
    }
    return fundsRow
  }

  private func defaultFundsItem() -> String {
    report.funds.isEmpty ? (report.project == nil && report.unit != nil ? "部门整体支出总额" : "年度资金总额") : "其他"
  }

  /// `基本支出总额 | 519.76 | 项目支出总额 | 50.60`: funds items given as label–amount pairs.
  private mutating func readFundsPairs(skippingRows skipped: ClosedRange<Int>?) {
    for row in text.rows where row < header.firstRow && !(skipped?.contains(row) ?? false) {
      for reference in text.references(inRow: row) {
        guard let (item, _) = finder.match(at: reference, in: finder.tables.orderedFundsRows),
          !report.funds.contains(where: { $0.item == item })
        else { continue }
        let next = CellReference(row: row, column: text.block(at: reference).last.column + 1)
        guard let (amount, unit) = finder.values.amount(text.value(at: next)) else { continue }
        var fundsRow = FundsRow(item: item)
        fundsRow.budget = unit == "元" ? amount / 10_000 : amount
        if unit == "元" { fundsRow.sourceUnit = "元" }
        fundsRow.cells.set("item", reference)
        fundsRow.cells.set("budget", text.sourceReference(of: next))
        report.funds.append(fundsRow)
        record("funds.rows.\(item)", label: (reference, text.storedText(at: reference), item), value: next)
        use(reference)
        use(next)
      }
    }
  }
}

/// The column of each funds field, in a fixed array: the rows above the indicator table
/// are each tried as the funds header, and the funds rows look their columns up for
/// every field (a dictionary cost hashing and growth for each).
struct FundsColumns {
  /// By ``position(of:)``; empty (no allocation) until a column is set.
  private var columns: [Int?] = []

  subscript(field: FundsColumn) -> Int? {
    get { columns.isEmpty ? nil : columns[Self.position(of: field)] }
    set {
      if columns.isEmpty { columns = [Int?](repeating: nil, count: FundsColumn.allCases.count) }
      columns[Self.position(of: field)] = newValue
    }
  }

  /// How many fields have a column.
  var count: Int { columns.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

  /// The leftmost column of any field.
  var leftmost: Int? {
    var leftmost: Int?
    for case let column? in columns where column < leftmost ?? .max { leftmost = column }
    return leftmost
  }

  private static func position(of field: FundsColumn) -> Int {
    switch field {
    case .initialBudget: 0
    case .budget: 1
    case .executed: 2
    case .weight: 3
    case .rate: 4
    case .score: 5
    }
  }
}
