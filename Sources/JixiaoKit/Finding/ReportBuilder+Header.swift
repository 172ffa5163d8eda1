import XLSX

extension ReportBuilder {
  /// Header-block fields (项目名称, 主管部门, 实施单位 / 单位名称) above the indicator
  /// header, and the sign-off fields (填表人, 填报日期, 电话) anywhere: the value is the
  /// text after the label's colon in the same cell, or the next cell to the right.
  mutating func readHeaderBlock() {
    let signOff: Set<HeaderField> = [.filledBy, .filledOn, .phone]
    // Above the indicator table, and after it; not among its rows.
    let tableRows = (header.firstRow)..<(endRow ?? header.firstRow)
    for row in text.rows where !tableRows.contains(row) {
      for cell in text.cells(inRow: row) where text.isAnchor(cell.reference) {
        guard case .string(let raw) = cell.value else { continue }
        let above = row < header.firstRow
        for (field, value, labelText, alias, valueCell) in labelledValues(in: raw, at: cell.reference) {
          guard above || signOff.contains(field) else { continue }
          guard valueOf(field) == nil else { continue }
          set(field, value, cell: valueCell)
          record("header.\(field.rawValue)", label: (cell.reference, labelText, alias), value: valueCell, text: value)
          use(cell.reference)
          use(valueCell)
        }
      }
    }
    for (field, name) in [(HeaderField.unit, "实施单位（或单位名称）")] where valueOf(field) == nil {
      issue("missing-field", "没有找到\(name)", field: field.rawValue)
    }
    recordUnmappedHeaderBlockLabels()
  }

  private func valueOf(_ field: HeaderField) -> String? {
    switch field {
    case .project: report.project
    case .supervisor: report.supervisor
    case .unit: report.unit
    case .filledBy: report.filledBy
    case .filledOn: report.filledOn
    case .phone: report.phone
    }
  }

  private mutating func set(_ field: HeaderField, _ value: String, cell: CellReference) {
    report.cells.set(field.rawValue, text.sourceReference(of: cell))
    switch field {
    case .project: report.project = value
    case .supervisor: report.supervisor = value
    case .unit: report.unit = value
    case .filledBy: report.filledBy = value
    case .filledOn:
      report.filledOn = FillDate.isoDate(text.value(at: cell).flatMap { cellValue in
        if case .date = cellValue { return cellValue }
        return .string(value)
      })
      if report.filledOn == nil { report.cells[field.rawValue] = nil }
    case .phone: report.phone = value
    }
  }

  /// The header fields a cell labels, with their values: `项目名称` (value to the right),
  /// `单位名称：某某学校` (value after the colon), or a sign-off line holding several
  /// `label：value` pairs (`填表人：张三 填报日期：2021年6月15日 电话：…`).
  private func labelledValues(in raw: String, at reference: CellReference)
    -> [(HeaderField, String, String, String, CellReference)]
  {
    let candidates = finder.tables.headerCandidates
    let whole = text.signedLabel(at: reference) ?? Self.signed(LabelText.normalize(raw))
    if let (field, alias) = finder.match(whole.label, signature: whole.signature, in: candidates) {
      guard let (value, cell) = valueRight(of: reference) else { return [] }
      return [(field, value, raw.trimmingWhitespace, alias, cell)]
    }
    // `label：value` segments inside the cell.
    guard Self.hasColon(raw, labelSignature: whole.signature) else { return [] }
    let segments = Self.colonSegments(raw)
    guard !segments.isEmpty else { return [] }
    var result: [(HeaderField, String, String, String, CellReference)] = []
    for (index, segment) in segments.enumerated() {
      guard let (field, alias) = finder.match(LabelText.normalize(segment.label), in: candidates) else { continue }
      var value = segment.value.trimmingWhitespace
      if value.isEmpty, index == segments.count - 1, let (right, _) = valueRight(of: reference) { value = right }
      guard !value.isEmpty, !finder.values.isBlankOrNotApplicable(value) else { continue }
      result.append((field, value, segment.label.trimmingWhitespace, alias, reference))
    }
    return result
  }

  private static func signed(_ label: String) -> (label: String, signature: TextSignature) {
    (label, TextSignature(label))
  }

  /// Whether `raw` has a colon, `:` or `：` (EF BC 9A), looked for on bytes (most cells
  /// have none, and `String.contains` costs far more).
  static func hasColon(_ raw: String) -> Bool {
    ByteKey.withUTF8(raw) { bytes in
      for index in bytes.indices {
        if bytes[index] == 0x3A { return true }
        if bytes[index] == 0x9A, index >= 2, bytes[index - 1] == 0xBC, bytes[index - 2] == 0xEF { return true }
      }
      return false
    }
  }

  /// ``hasColon(_:)`` for a text whose label (``LabelText`` normal form, where `：` is
  /// `:`) has `signature`: a label without the colon's bit (most) has no colon, and its
  /// bytes are not read.
  static func hasColon(_ raw: String, labelSignature signature: TextSignature) -> Bool {
    signature.covers(colonSignature) && hasColon(raw)
  }

  private static let colonSignature = TextSignature(":")

  /// Splits `填表人：张三  填报日期：2021年6月15日` into (label, value) pairs at colons; the
  /// label of each pair is the text after the previous value's last run of whitespace.
  /// (On scalar indices: both colons and the whitespace are single scalars, and the
  /// pieces are copied out of `raw` without decoding it into an array.)
  static func colonSegments(_ raw: String) -> [(label: String, value: String)] {
    let scalars = raw.unicodeScalars
    var colons: [String.Index] = []
    var index = scalars.startIndex
    while index < scalars.endIndex {
      if scalars[index] == ":" || scalars[index] == "：" { colons.append(index) }
      scalars.formIndex(after: &index)
    }
    guard !colons.isEmpty else { return [] }
    var pairs: [(String, String)] = []
    var labelStart = scalars.startIndex
    for (position, colon) in colons.enumerated() {
      let label = String(scalars[labelStart..<colon])
      let afterColon = scalars.index(after: colon)
      let valueEnd: String.Index
      if position + 1 < colons.count {
        // The next label starts after the last whitespace before the next colon.
        let next = colons[position + 1]
        var split = next
        while split > afterColon, !isWhitespace(scalars[scalars.index(before: split)]) { scalars.formIndex(before: &split) }
        valueEnd = split > afterColon ? split : next
        labelStart = valueEnd
      } else {
        valueEnd = scalars.endIndex
      }
      pairs.append((label, String(scalars[afterColon..<max(afterColon, valueEnd)])))
    }
    return pairs
  }

  /// Unicode White_Space (what `Character.isWhitespace` says of a single scalar), tested
  /// without the property tables: ``FoldedText/isSpace(_:)`` also counts U+FEFF.
  private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value != 0xFEFF && FoldedText.isSpace(scalar)
  }

  /// The first non-blank cell right of `reference`'s block on the same row, unless a
  /// known label comes first.
  func valueRight(of reference: CellReference) -> (String, CellReference)? {
    let start = text.block(at: reference).last.column + 1
    for column in text.displayedColumns(inRow: reference.row) where column >= start {
      let next = CellReference(row: reference.row, column: column)
      guard text.label(at: next) != nil else { continue }
      if finder.isKnownLabel(at: next) { return nil }
      if let value = trimmedText(at: next), !finder.values.isBlankOrNotApplicable(value) { return (value, next) }
    }
    return nil
  }

  /// Short text cells above the indicator table that look like labels (a value follows
  /// them on the right) but matched nothing: candidates for a province's own wording.
  private mutating func recordUnmappedHeaderBlockLabels() {
    guard finder.tracing else { return }
    let consumed = Set(trace.matches.flatMap { [$0.labelCell, $0.valueCell] }.compactMap { $0 })
    for row in text.rows where row < header.firstRow {
      let cells = text.cells(inRow: row)
      for (index, cell) in cells.enumerated() where index + 1 < cells.count {
        guard case .string(let raw) = cell.value, !consumed.contains("\(cell.reference)") else { continue }
        let label = LabelText.normalize(raw)
        guard !label.isEmpty, label.count <= 12, !finder.isKnownLabel(label), !finder.isFundsItem(label),
          !finder.values.isBlankOrNotApplicable(raw),
          !label.contains(where: \.isNumber), mapping.titles.values.allSatisfy({ $0.match(label) == nil })
        else { continue }
        trace.unmapped.append(Trace.Unmapped(cell: "\(cell.reference)", text: raw, area: "header-block"))
      }
    }
  }

  /// 年度总体目标: 预期目标 / 实际完成情况, each value below its label (national form) or
  /// to its right (Hubei `年度目标 | …`).
  mutating func readGoals() {
    let goals = mapping.goals
    for row in text.rows where row < header.firstRow {
      // Nothing below can change either goal once both are found.
      if report.goals.expected != nil && report.goals.actual != nil { return }
      for reference in text.references(inRow: row) where text.isAnchor(reference) {
        guard let (label, signature) = text.signedLabel(at: reference) else { continue }
        guard finder.tables.goalLabels.match(label, signature: signature) != nil else { continue }
        if report.goals.expected == nil, let alias = goals.expected.match(label, signature: signature) {
          if let (value, at) = goalValue(for: reference) {
            report.goals.expected = value
            report.goals.cells.set("expected", at)
            record("goals.expected", label: (reference, text.storedText(at: reference), alias), value: at, text: value)
            use(at)
          }
        } else if report.goals.actual == nil, let alias = goals.actual.match(label, signature: signature) {
          if let (value, at) = goalValue(for: reference) {
            report.goals.actual = value
            report.goals.cells.set("actual", at)
            record("goals.actual", label: (reference, text.storedText(at: reference), alias), value: at, text: value)
            use(at)
          }
        } else if report.goals.expected == nil, goals.blockLabels.match(label, signature: signature) != nil,
          let (value, at) = valueRight(of: reference), !isGoalLabel(at)
        {
          report.goals.expected = value
          report.goals.cells.set("expected", at)
          record("goals.expected", label: (reference, text.storedText(at: reference), "block"), value: at, text: value)
          use(at)
        }
      }
    }
  }

  private func isGoalLabel(_ reference: CellReference) -> Bool {
    finder.match(at: reference, in: mapping.goals.expected) != nil || finder.match(at: reference, in: mapping.goals.actual) != nil
  }

  /// The text right of a goal label (`项目年度目标 | …`), else the text below it (the
  /// national form puts 预期目标 and 实际完成情况 side by side over their texts).
  private func goalValue(for reference: CellReference) -> (String, CellReference)? {
    if let right = valueRight(of: reference) { return right }
    let below = CellReference(row: text.block(at: reference).last.row + 1, column: reference.column)
    if below.row < header.firstRow, text.label(at: below) != nil, !finder.isKnownLabel(at: below),
      let value = trimmedText(at: below)
    {
      return (value, text.sourceReference(of: below))
    }
    return nil
  }

  /// The kind from the title (or, failing that, from the header fields) and the year from
  /// the title, else 填报日期, else the file name.
  mutating func decideKindAndYear() {
    var kind: Report.Kind?
    var year: Int?
    for row in text.rows where row < header.firstRow {
      for reference in text.references(inRow: row) {
        guard let (label, signature) = text.signedLabel(at: reference) else { continue }
        if kind == nil {
          for candidate in Report.Kind.allCases where mapping.titles[candidate]?.match(label, signature: signature) != nil {
            kind = candidate
            record(
              "kind",
              label: (reference, text.storedText(at: reference), mapping.titles[candidate]?.match(label, signature: signature) ?? ""))
            use(reference)
            break
          }
        }
        if year == nil, case .string(let raw)? = text.storedValue(at: reference), let found = FillDate.year(in: raw),
          raw.containsBytes("年度") || kind != nil
        {
          year = found
          report.cells.set("year", reference)
        }
      }
    }
    report.kind = kind ?? (report.project == nil && report.cells["unit"] != nil ? .department : .project)
    if report.kind == .department, report.project != nil, kind == nil { report.kind = .project }
    if year == nil, let filledOn = report.filledOn { year = Int(filledOn.prefix(4)) }
    if year == nil { year = FillDate.year(in: finder.file.split(separator: "/").last.map(String.init) ?? finder.file) }
    report.year = year
  }
}

