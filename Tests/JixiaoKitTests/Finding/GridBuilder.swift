import XLSX

/// Builds a sheet for finder tests from rows of values: `String`, `Double`/`Int`, or nil
/// for an empty cell; `merged` lists ranges such as `A3:A8`.
func makeGrid(_ rows: [[Any?]], merged: [String] = [], name: String = "自评表") -> SheetGrid {
  var cells: [Cell] = []
  for (rowIndex, row) in rows.enumerated() {
    for (columnIndex, value) in row.enumerated() {
      let reference = CellReference(row: rowIndex, column: columnIndex)
      switch value {
      case let text as String where !text.isEmpty: cells.append(Cell(reference: reference, value: .string(text)))
      case let number as Double: cells.append(Cell(reference: reference, value: .number(number)))
      case let number as Int: cells.append(Cell(reference: reference, value: .number(Double(number))))
      default: break
      }
    }
  }
  return SheetGrid(
    sheet: SheetInfo(index: 0, name: name), cells: cells, mergedRanges: merged.compactMap { CellRange($0) })
}
