import XLSX

/// A sheet seen the way a person reads a form: every cell's displayed value (inside a
/// merged range, the value of its top-left cell) and its text in ``LabelText`` normal
/// form, for label matching. A number in a percentage format is seen as the text a
/// person sees (`0.95` → `95%`). A class: table finding passes it around constantly, and
/// a reference costs one count where a struct of arrays costs one per array.
final class SheetText {
  let grid: SheetGrid
  private let formatKinds: [NumberFormatKind]
  /// Normalised text of the stored cells with a value, with its signature, by position
  /// in `grid.cells`, made on first use (most cells are never asked for). The signature
  /// is kept because the same cell's label is matched by several readers (the header
  /// search, the header block, the funds, the goals); in one array with the text, so
  /// that a lookup is one access. Memory of its own, used through a pointer: a stored
  /// array of a class is checked for exclusive access at every use, which cost more than
  /// the lookup itself.
  private let normalized: UnsafeMutableBufferPointer<SignedLabel?>
  /// A struct, not a tuple: an array of optional tuples goes through the runtime's
  /// generic tuple functions to test and destroy its elements.
  private struct SignedLabel {
    let label: String
    let signature: TextSignature
  }
  /// Row indices that hold at least one cell, ascending.
  let rows: [Int]
  /// The last row and column with a value.
  let lastRow: Int
  let lastColumn: Int
  /// Row → anchor columns of the merged ranges that cover the row from above (only
  /// ranges whose anchor holds a cell), for the rows up to one past the last; nil when
  /// the ranges cover too many rows to index, or lie too far apart, and they are searched
  /// in turn instead.
  private let anchorsFromAbove: AnchorsFromAbove?
  private static let anchorIndexBudget = 1_000_000

  init(grid: SheetGrid, formatKinds: [NumberFormatKind] = []) {
    self.grid = grid
    self.formatKinds = formatKinds
    var rows: [Int] = []
    var lastColumn = 0
    // By index, the cells read in place (a `for cell in` loop copies each one out).
    for index in grid.cells.indices where !grid.cells[index].value.isBlank {
      let reference = grid.cells[index].reference
      if rows.last != reference.row { rows.append(reference.row) }
      lastColumn = max(lastColumn, reference.column)
    }
    normalized = .allocate(capacity: grid.cells.count)
    normalized.initialize(repeating: nil)
    self.rows = rows
    lastRow = rows.last ?? 0
    self.lastColumn = lastColumn
    anchorsFromAbove = Self.indexAnchorsFromAbove(grid, through: lastRow + 1)
  }

  deinit {
    normalized.deinitialize()
    normalized.deallocate()
  }

  private static func indexAnchorsFromAbove(_ grid: SheetGrid, through lastRow: Int) -> AnchorsFromAbove? {
    // The rows each range covers from above, counted first: then one flat array holds
    // every row's columns (one allocation, where a dictionary of arrays took one a row).
    var covered: [ClosedRange<Int>] = []
    var entries = 0
    var firstRow = Int.max
    var lastCovered = -1
    for range in grid.mergedRanges where range.first.row < min(range.last.row, lastRow) && grid.cellIndex(at: range.first) != nil {
      let rows = (range.first.row + 1)...min(range.last.row, lastRow)
      entries += rows.count
      guard entries <= anchorIndexBudget else { return nil }
      covered.append(rows)
      firstRow = min(firstRow, rows.lowerBound)
      lastCovered = max(lastCovered, rows.upperBound)
    }
    guard !covered.isEmpty else { return AnchorsFromAbove(firstRow: 0, starts: [0], columns: []) }
    // Ranges far apart in a sparse sheet: searched in turn rather than indexed row by row.
    guard lastCovered - firstRow < 4 * entries + 4_096 else { return nil }
    var starts = [Int](repeating: 0, count: lastCovered - firstRow + 2)
    for rows in covered {
      for row in rows { starts[row - firstRow + 1] += 1 }
    }
    for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
    var next = starts
    var columns = [Int](repeating: 0, count: entries)
    var number = 0
    for range in grid.mergedRanges where range.first.row < min(range.last.row, lastRow) && grid.cellIndex(at: range.first) != nil {
      for row in covered[number] {
        columns[next[row - firstRow]] = range.first.column
        next[row - firstRow] += 1
      }
      number += 1
    }
    return AnchorsFromAbove(firstRow: firstRow, starts: starts, columns: columns)
  }

  /// The anchor columns of the merged ranges covering each row from above, row by row in
  /// one array: those of row `firstRow + i` are `columns[starts[i]..<starts[i + 1]]`.
  private struct AnchorsFromAbove {
    let firstRow: Int
    let starts: [Int]
    let columns: [Int]

    subscript(row: Int) -> ArraySlice<Int> {
      let index = row - firstRow
      guard index >= 0, index + 1 < starts.count else { return [] }
      return columns[starts[index]..<starts[index + 1]]
    }
  }

  /// What a person sees at `reference` (the anchor's value inside a merged range).
  func value(at reference: CellReference) -> CellValue? {
    guard let index = grid.displayedCellIndex(at: reference) else { return nil }
    return shownValue(ofCellAt: index)
  }

  /// The value of `grid.cells[index]` as shown, nil when blank. Reads the cell's fields in
  /// place: copying the whole cell would count a reference to its formula too.
  private func shownValue(ofCellAt index: Int) -> CellValue? {
    let value = grid.cells[index].value
    if value.isBlank { return nil }
    guard case .number(let number) = value else { return value }
    let style = grid.cells[index].styleIndex
    guard style < formatKinds.count, formatKinds[style] == .percent else { return value }
    return .string(NumberText.shortest(Scoring.rounded(number * 100)) + "%")
  }

  /// The cell whose value is seen at `reference` (the anchor inside a merged range).
  func sourceReference(of reference: CellReference) -> CellReference {
    grid.mergedRange(containing: reference)?.first ?? reference
  }

  /// Normalised text seen at `reference`, nil when blank.
  func label(at reference: CellReference) -> String? {
    signedLabel(at: reference)?.label
  }

  /// ``label(at:)`` with its ``TextSignature``, for matching against alias sets.
  func signedLabel(at reference: CellReference) -> (label: String, signature: TextSignature)? {
    guard let index = grid.displayedCellIndex(at: reference) else { return nil }
    if let known = normalized[index] { return (known.label, known.signature) }
    guard let value = shownValue(ofCellAt: index) else { return nil }
    let label = LabelText.normalize(Self.text(of: value))
    let signature = TextSignature(label)
    normalized[index] = SignedLabel(label: label, signature: signature)
    return (label, signature)
  }

  /// Text seen at `reference`, as typed (numbers in their shortest form), nil when blank.
  func text(at reference: CellReference) -> String? {
    value(at: reference).map(Self.text(of:))
  }

  /// The merged range at `reference`, or the single cell.
  func block(at reference: CellReference) -> CellRange {
    grid.mergedRange(containing: reference) ?? CellRange(first: reference, last: reference)
  }

  /// Whether `reference` is the top-left of its merged range (or not merged).
  func isAnchor(_ reference: CellReference) -> Bool {
    sourceReference(of: reference) == reference
  }

  /// Cells with a value on `row`, left to right (anchors only).
  func cells(inRow row: Int) -> ArraySlice<Cell> {
    grid.cells[grid.cellIndices(inRow: row)]
  }

  /// The references of the cells with a value on `row`, left to right: what a loop over
  /// ``cells(inRow:)`` that needs no values sees, without copying each cell (which
  /// counts references to its texts).
  func references(inRow row: Int) -> LazyMapSequence<Range<Int>, CellReference> {
    grid.cellIndices(inRow: row).lazy.map { self.grid.cells[$0].reference }
  }

  /// The value of the cell stored at `reference` (not the merged range's), as read.
  func storedValue(at reference: CellReference) -> CellValue? {
    grid.cellIndex(at: reference).map { grid.cells[$0].value }
  }

  /// The text of the cell stored at `reference`, as typed ("" when there is none).
  func storedText(at reference: CellReference) -> String {
    storedValue(at: reference).map(Self.text(of:)) ?? ""
  }

  /// The columns where something is seen on `row`: its own cells, and the first column
  /// of each merged range that covers the row from above. Bounded by the cells there
  /// are, whatever the sheet's width.
  func displayedColumns(inRow row: Int) -> [Int] {
    var fromAbove: ArraySlice<Int> = []
    if let anchorsFromAbove, row <= lastRow + 1 {
      fromAbove = anchorsFromAbove[row]
    } else {
      for range in grid.mergedRanges where range.first.row < row && range.last.row >= row {
        if grid.cellIndex(at: range.first) != nil { fromAbove.append(range.first.column) }
      }
    }
    // One array of the final size, the cells' columns (ascending) read in place.
    let indices = grid.cellIndices(inRow: row)
    var columns: [Int] = []
    columns.reserveCapacity(indices.count + fromAbove.count)
    for index in indices { columns.append(grid.cells[index].reference.column) }
    guard !fromAbove.isEmpty else { return columns }
    columns += fromAbove
    columns.sort()
    // Repeats dropped in place.
    var kept = 0
    for index in columns.indices where kept == 0 || columns[kept - 1] != columns[index] {
      columns[kept] = columns[index]
      kept += 1
    }
    columns.removeLast(columns.count - kept)
    return columns
  }

  /// A cell value as text: strings as written, numbers without a needless `.0`, dates ISO.
  static func text(of value: CellValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let number): NumberText.shortest(number)
    case .bool(let flag): flag ? "TRUE" : "FALSE"
    case .error(let code): code
    case .date(let date): date.isoString.hasSuffix("T00:00:00") ? String(date.isoString.prefix(10)) : date.isoString
    case .empty: ""
    }
  }
}
