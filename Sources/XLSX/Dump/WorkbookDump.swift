import OrderedJSON

/// Renders what the reader sees in a workbook, for `jixiao dump` and for conformance
/// tests: the JSON has the shape of the corpus expectations (`sheets` with `name`,
/// `state`, `type` for non-worksheets, `dimension`, `merged` and `cells` as
/// `[ref, type, value(, serial)]`).
public enum WorkbookDump {
  /// The cell tuple of the corpus format: `["B1", "n", 15.0]`, `["A1", "d", "2021-01-01T00:00:00", 44197.0]`.
  /// Nil for a cell that shows nothing (empty string, formula without a cached value).
  public static func cellEntry(_ cell: Cell) -> JSONValue? {
    let reference = JSONValue.string(cell.reference.description)
    switch cell.value {
    case .string(let text): return text.isEmpty ? nil : .array([reference, .string("s"), .string(text)])
    case .number(let number): return .array([reference, .string("n"), .number(number)])
    case .bool(let flag): return .array([reference, .string("b"), .bool(flag)])
    case .error(let code): return .array([reference, .string("e"), .string(code)])
    case .date(let date):
      return .array([reference, .string("d"), .string(date.isoString), .number(date.serial)])
    case .empty: return nil
    }
  }

  /// One sheet: its listing, merged ranges, non-empty cells and formulas without values.
  public static func sheetJSON(_ sheet: SheetInfo, of workbook: Workbook) throws(XLSXError) -> JSONValue {
    var pairs: [(String, JSONValue)] = [("name", .string(sheet.name)), ("state", .string(sheet.state.rawValue))]
    if sheet.kind != .worksheet { pairs.append(("type", .string(sheet.kind.rawValue))) }
    var cells: [JSONValue] = []
    var formulas: [JSONValue] = []
    var bounds: (minRow: Int, maxRow: Int, minColumn: Int, maxColumn: Int)?
    let cursor = try workbook.rows(of: sheet)
    while let row = try cursor.next() {
      for cell in row.cells {
        if cell.isFormulaWithoutValue {
          formulas.append(.array([.string(cell.reference.description), .string(cell.formula ?? "")]))
        }
        guard let entry = cellEntry(cell) else { continue }
        cells.append(entry)
        let (r, c) = (cell.reference.row, cell.reference.column)
        bounds = bounds.map { (min($0.minRow, r), max($0.maxRow, r), min($0.minColumn, c), max($0.maxColumn, c)) }
          ?? (r, r, c, c)
      }
    }
    let dimension = bounds.map { bounds -> String in
      let first = CellReference(row: bounds.minRow, column: bounds.minColumn)
      let last = CellReference(row: bounds.maxRow, column: bounds.maxColumn)
      return first == last ? first.description : "\(first):\(last)"
    }
    pairs.append(("dimension", dimension.map(JSONValue.string) ?? .null))
    pairs.append(("merged", .array(cursor.mergedRanges.map { .string($0.description) })))
    pairs.append(("cells", .array(cells)))
    if !formulas.isEmpty { pairs.append(("formulasWithoutValue", .array(formulas))) }
    return .object(pairs)
  }

  /// The whole workbook (or the given sheets).
  public static func json(of workbook: Workbook, sheets: [SheetInfo]? = nil) throws(XLSXError) -> JSONValue {
    var sheetValues: [JSONValue] = []
    for sheet in sheets ?? workbook.sheets { sheetValues.append(try sheetJSON(sheet, of: workbook)) }
    return .object([
      ("file", .string(workbook.fileName)),
      ("date1904", .bool(workbook.uses1904DateSystem)),
      ("sheets", .array(sheetValues)),
    ])
  }

  /// Tab-separated lines `sheet, cell, type, value`, one per non-empty cell (dates add
  /// their serial in a fifth column, formulas without a value show as type `f`), then one
  /// `merged` line per merged range; tabs and line breaks inside values are escaped.
  public static func tsv(of workbook: Workbook, sheets: [SheetInfo]? = nil, write: (String) -> Void) throws(XLSXError) {
    write("sheet\tcell\ttype\tvalue\n")
    for sheet in sheets ?? workbook.sheets {
      let name = escape(sheet.name)
      let cursor = try workbook.rows(of: sheet)
      while let row = try cursor.next() {
        var lines = ""
        for cell in row.cells {
          let (type, value): (String, String)
          var extra = ""
          switch cell.value {
          case .string(let text): (type, value) = ("s", text)
          case .number(let number): (type, value) = ("n", JSONValue.format(number))
          case .bool(let flag): (type, value) = ("b", flag ? "TRUE" : "FALSE")
          case .error(let code): (type, value) = ("e", code)
          case .date(let date):
            (type, value) = ("d", date.isoString)
            extra = "\t\(JSONValue.format(date.serial))"
          case .empty: (type, value) = ("f", "=" + (cell.formula ?? ""))
          }
          if cell.value == .string("") { continue }
          lines += "\(name)\t\(cell.reference)\t\(type)\t\(escape(value))\(extra)\n"
        }
        write(lines)
      }
      for range in cursor.mergedRanges { write("\(name)\t\(range)\tmerged\t\n") }
    }
  }

  private static func escape(_ text: String) -> String {
    guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
    var result = ""
    for character in text {
      switch character {
      case "\t": result += "\\t"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\r\n": result += "\\r\\n"
      case "\\": result += "\\\\"
      default: result.append(character)
      }
    }
    return result
  }
}
