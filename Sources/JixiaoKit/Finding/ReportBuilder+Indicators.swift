import OrderedJSON
import XLSX

extension ReportBuilder {
  /// The rows under the header until the 总分 row, a footer row or the end of the sheet.
  /// 一级 and 二级 labels are carried down; a merged number counts once, on its first row.
  mutating func readIndicators() {
    let columns = header.columns
    // In the order of the fields' names (`inKeyOrder`: they are ASCII, so byte order is `String` order).
    for field in IndicatorColumn.inKeyOrder {
      guard let label = header.labels[field] else { continue }
      record("indicators.columns.\(field.rawValue)", label: label)
      use(label.0)
    }
    recordUnmappedHeaderLabels()
    var level1: (raw: String, canonical: String)?
    var level2: (raw: String, canonical: String)?
    var row = header.lastRow + 1
    while row <= text.lastRow {
      defer { row += 1 }
      if isEndRow(row) {
        endRow = row
        break
      }
      if let column = columns[.level1], let reference = Optional(CellReference(row: row, column: column)),
        let raw = trimmedText(at: reference)
      {
        if raw != level1?.raw {
          let split = IndicatorName.split(raw, prefixes: .empty)
          let canonical = canonicalLevel1(split.name)
          if let weight = split.weight, text.sourceReference(of: reference).row == row || level1?.raw != raw {
            groupWeights.append((canonical, weight, "\(text.sourceReference(of: reference))"))
          }
          level1 = (raw, canonical)
          level2 = nil
        }
      }
      if let column = columns[.level2], let raw = trimmedText(at: CellReference(row: row, column: column)),
        raw != level2?.raw
      {
        level2 = (raw, canonicalLevel2(IndicatorName.split(raw, prefixes: .empty).name, under: level1?.canonical))
      }
      guard let indicator = readIndicator(row: row, level1: level1?.canonical, level2: level2?.canonical) else {
        continue
      }
      report.indicators.append(indicator)
    }
    readBlockLabelWeight()
    fillWeightsFromGroupLabels()
  }

  /// A weight in the indicator block label (`绩效目标(80分)`, `绩效指标(90分)`), which the
  /// weights of all indicators should add up to; recorded as group "".
  private mutating func readBlockLabelWeight() {
    let lastColumn = header.columns.values.min() ?? 0
    for row in header.firstRow...(header.lastRow + 1) {
      for column in text.displayedColumns(inRow: row) where column <= lastColumn {
        let reference = CellReference(row: row, column: column)
        guard text.sourceReference(of: reference) == reference,
          finder.match(at: reference, in: mapping.indicators.blockLabels) != nil, let raw = text.text(at: reference),
          let weight = IndicatorName.split(raw, prefixes: .empty).weight
        else { continue }
        groupWeights.append(("", weight, "\(reference)"))
        use(reference)
        return
      }
    }
  }

  /// A footer row that explains deviations for the whole table (Hubei:
  /// `偏差大或目标未完成原因分析 | 无`): its text stands for every row's deviation.
  mutating func readDeviationFooter() {
    guard let start = endRow else { return }
    for row in start...text.lastRow {
      for cell in text.cells(inRow: row) {
        guard let (label, signature) = text.signedLabel(at: cell.reference),
          mapping.footerRows.match(label, signature: signature) != nil, label.containsBytes("原因")
        else { continue }
        if let (value, at) = valueRight(of: cell.reference) {
          report.deviationNote = value
          use(at)
        } else {
          report.deviationNote = ""
        }
        use(cell.reference)
        return
      }
    }
  }

  /// Whether `row` ends the indicator table: its first text is a 总分 / 合计 label or a
  /// footer label (填表人, 偏差大或目标未完成原因分析 …).
  private func isEndRow(_ row: Int) -> Bool {
    // The label that ends a table stands at its left: look at the first few texts only.
    for reference in text.references(inRow: row).prefix(3) {
      guard let (label, signature) = text.signedLabel(at: reference) else { continue }
      if mapping.indicators.blockLabels.match(label, signature: signature) != nil { continue }
      return mapping.totalRow.match(label, signature: signature) != nil
        || mapping.footerRows.match(label, signature: signature) != nil
        || (Self.hasColon(label, labelSignature: signature)
          && mapping.totalRow.match(label.split(separator: ":").first.map(String.init) ?? "") != nil)
    }
    // A row whose first cell merges down from a block label (绩效指标) and has nothing else
    // is not an end; only labels decide.
    return false
  }

  private mutating func readIndicator(row: Int, level1: String?, level2: String?) -> Indicator? {
    let columns = header.columns
    func reference(_ field: IndicatorColumn) -> CellReference? {
      columns[field].map { CellReference(row: row, column: $0) }
    }
    /// A value cell of this row: its own cell, or the first row of a merged block.
    func ownValue(_ field: IndicatorColumn) -> CellReference? {
      guard let reference = reference(field) else { return nil }
      return text.sourceReference(of: reference).row == row ? reference : nil
    }
    let rawName = reference(.name).flatMap { trimmedText(at: $0) }
    let unitText = reference(.unit).flatMap { trimmedText(at: $0) }
    let operatorText = reference(.operator).flatMap { trimmedText(at: $0) }
    let target = reference(.target).flatMap { finder.values.value(text.value(at: $0), unitColumn: unitText, operatorColumn: operatorText) }
    let actual = reference(.actual).flatMap { finder.values.value(text.value(at: $0), unitColumn: unitText, operatorColumn: nil) }
    let weightCell = ownValue(.weight)
    let scoreCell = ownValue(.score)
    // (Not `weightCell.map(showsText(at:))`: a method reference copies the builder.)
    let hasWeightText = weightCell.map { showsText(at: $0) } ?? false
    let hasScoreText = scoreCell.map { showsText(at: $0) } ?? false

    let split = rawName.map { IndicatorName.split($0, prefixes: mapping.indicators.namePrefixes) }
    let name = split?.name ?? ""
    // A placeholder row (`指标1：`, `……`) with nothing else in it is left out. (Tested
    // in this order because most rows have a target or a score.)
    var isPlaceholder: Bool {
      name.isEmpty || finder.values.isNotApplicable(name)
        || mapping.indicators.placeholders.match(LabelText.normalize(name)) != nil
        || mapping.indicators.placeholders.match(LabelText.normalize(rawName ?? "")) != nil
    }
    var targetIsEmpty: Bool { target.map { finder.values.isNotApplicable($0.text) } ?? true }
    var actualIsEmpty: Bool { actual.map { finder.values.isNotApplicable($0.text) } ?? true }
    if !hasWeightText && !hasScoreText && targetIsEmpty && actualIsEmpty && isPlaceholder { return nil }
    if rawName == nil && target == nil && actual == nil && !hasWeightText && !hasScoreText { return nil }

    var indicator = Indicator(name: name, row: row + 1)
    indicator.level1 = level1
    indicator.level2 = level2
    indicator.target = target
    indicator.actual = actual
    indicator.weight = weightCell.flatMap { number(at: $0, field: "weight") } ?? split?.weight
    indicator.score = scoreCell.flatMap { number(at: $0, field: "score") }
    indicator.deviation = reference(.deviation).flatMap { trimmedText(at: $0) }
    // A weight written in the name ("(5 分)") is traced to the name's cell.
    let weightInName = weightCell == nil && split?.weight != nil ? reference(.name) : nil
    indicator.cells = withUnsafeTemporaryAllocation(
      of: (key: StaticString, reference: CellReference).self, capacity: IndicatorColumn.allCases.count
    ) { cells in
      var count = 0
      for field in IndicatorColumn.inKeyOrder {
        let cell = reference(field)
        // The cell's merged block, looked up once: it is used, and its top-left is traced.
        let block = cell.map { text.block(at: $0) }
        if let block { use(block) }
        let traced: CellReference?
        switch field {
        case .operator, .unit: traced = nil
        // A weight or score merged down from the row above belongs to that row.
        case .weight where weightCell == nil: traced = weightInName
        case .score where scoreCell == nil: traced = nil
        default: traced = cell
        }
        guard let traced else { continue }
        let source = traced == cell ? block?.first ?? traced : text.sourceReference(of: traced)
        cells.initializeElement(at: count, to: (field.key, source))
        count += 1
      }
      return CellMap(sortedEntries: UnsafeBufferPointer(rebasing: cells[..<count]))
    }
    return indicator
  }

  /// A 一级 group whose label carries a weight and one indicator without a weight of its
  /// own (seed 004: `满意度 指标(10 分)` over a satisfaction row with no `(10分)`): that
  /// indicator weighs what the group has left.
  private mutating func fillWeightsFromGroupLabels() {
    for group in groupWeights {
      let members = report.indicators.indices.filter { report.indicators[$0].level1?.equalsBytes(group.group) == true }
      let missing = members.filter { report.indicators[$0].weight == nil }
      guard missing.count == 1 else { continue }
      let known = members.compactMap { report.indicators[$0].weight }.reduce(0, +)
      guard group.weight - known >= 0 else { continue }
      report.indicators[missing[0]].weight = group.weight - known
      report.indicators[missing[0]].cells["weight"] = group.cell
    }
  }

  private func canonicalLevel1(_ raw: String) -> String {
    let label = LabelText.normalize(raw)
    return mapping.categories.first { $0.name.equalsBytes(label) || $0.synonyms.match(label) != nil }?.name ?? raw
  }

  /// The canonical 二级 name: a child of the row's 一级 category first, then of any other.
  private func canonicalLevel2(_ raw: String, under level1: String?) -> String {
    let label = LabelText.normalize(raw)
    func child(in category: Category) -> String? {
      category.children.first(where: { $0.name.equalsBytes(label) || $0.synonyms.match(label) != nil })?.name
    }
    let categories = mapping.categories
    for category in categories where level1.map(category.name.equalsBytes) == true {
      if let name = child(in: category) { return name }
    }
    for category in categories where level1.map(category.name.equalsBytes) != true {
      if let name = child(in: category) { return name }
    }
    return raw
  }

  private mutating func recordUnmappedHeaderLabels() {
    guard finder.tracing else { return }
    for row in header.firstRow...header.lastRow {
      for cell in text.cells(inRow: row) {
        guard text.label(at: cell.reference) != nil, !finder.isKnownLabel(at: cell.reference) else { continue }
        trace.unmapped.append(
          Trace.Unmapped(cell: "\(cell.reference)", text: SheetText.text(of: cell.value), area: "indicator-header"))
      }
    }
  }

  /// The 总分 row: the stated total (score column, else the last number in the row) and
  /// a grade cell if there is one; also `自评总分` style labels elsewhere.
  mutating func readTotalRow() {
    guard let row = endRowIfTotal() else {
      readTotalFromLabel()
      return
    }
    var total: (Double, CellReference)?
    if let column = header.columns[.score] {
      let reference = CellReference(row: row, column: column)
      if let number = number(at: reference, field: "statedTotal") { total = (number, reference) }
    }
    var labelCell: (CellReference, String, String)?
    for cell in text.cells(inRow: row) {
      let reference = cell.reference
      if let alias = finder.match(at: reference, in: mapping.totalRow) {
        labelCell = (reference, SheetText.text(of: cell.value), alias)
        continue
      }
      if case .string(let raw) = cell.value, let grade = GradeText.canonical(raw, grades: mapping.grades), !raw.isEmpty {
        _ = grade
        report.statedGrade = raw.trimmingWhitespace
        report.cells.set("statedGrade", reference)
      }
    }
    if total == nil {
      // No score column: the last number in the row that is not the weight column.
      for cell in text.cells(inRow: row).reversed() where header.columns[.weight] != cell.reference.column {
        if let number = finder.values.number(cell.value) {
          total = (number, cell.reference)
          break
        }
      }
    }
    if let (value, reference) = total {
      report.statedTotal = value
      report.cells.set("statedTotal", text.sourceReference(of: reference))
      record("statedTotal", label: labelCell, value: reference, text: NumberText.shortest(value))
      use(reference)
    }
    if let labelCell { use(labelCell.0) }
    // The 分值 cell of the 总分 row (usually 100): where the weights' sum is stated.
    if let column = header.columns[.weight] {
      let reference = CellReference(row: row, column: column)
      if finder.values.number(text.value(at: reference)) != nil {
        report.cells.set("totalWeight", text.sourceReference(of: reference))
      }
    }
    // A grade written in the row under the total (自评等级 | 优秀).
    if report.statedGrade == nil, row + 1 <= text.lastRow {
      for cell in text.cells(inRow: row + 1) {
        if case .string(let raw) = cell.value, GradeText.canonical(raw, grades: mapping.grades) != nil,
          raw.trimmingWhitespace.count <= 3
        {
          report.statedGrade = raw.trimmingWhitespace
          report.cells.set("statedGrade", cell.reference)
          use(cell.reference)
        }
      }
    }
  }

  private func endRowIfTotal() -> Int? {
    guard let row = endRow else { return nil }
    for cell in text.cells(inRow: row) {
      if finder.match(at: cell.reference, in: mapping.totalRow) != nil { return row }
    }
    return nil
  }

  /// A stated total given by a label elsewhere (`自评总分(分) | 97.6` in the header block).
  private mutating func readTotalFromLabel() {
    for row in text.rows {
      for cell in text.cells(inRow: row) {
        guard let alias = finder.match(at: cell.reference, in: mapping.totalRow) else { continue }
        let start = text.block(at: cell.reference).last.column + 1
        for column in text.displayedColumns(inRow: row) where column >= start {
          let reference = CellReference(row: row, column: column)
          if let number = finder.values.number(text.value(at: reference)) {
            report.statedTotal = number
            report.cells.set("statedTotal", text.sourceReference(of: reference))
            record("statedTotal", label: (cell.reference, SheetText.text(of: cell.value), alias), value: reference)
            use(reference)
            return
          }
          if text.label(at: reference) != nil { break }
        }
      }
    }
  }
}
