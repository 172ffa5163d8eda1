/// A whole sheet in memory, addressed by position: what form-shaped tables need
/// (label in one cell, value to its right, merged blocks spanning rows).
///
/// Storage is sparse, so a sheet with one cell at A1 and one at XFD1048576 costs two cells
/// (lookups by position use a table over the cells' box only when the cells fill it
/// densely enough, as a form's do; hash tables otherwise).
public struct SheetGrid: Sendable {
  public let sheet: SheetInfo
  /// Every cell with a value (or a formula), in row-major order.
  public let cells: [Cell]
  /// Merged ranges, sorted by their top-left cell.
  public let mergedRanges: [CellRange]
  /// Where cells and small merged ranges are, for lookups by position.
  private let positions: PositionIndex
  /// Ranges too large to index cell by cell (or past the index budget), searched in turn.
  private let largeMerges: [CellRange]

  /// Cells of one range indexed at most, and in all: a hostile file cannot make the
  /// index explode (a form's merges cover a few hundred cells).
  static let maxIndexedRangeArea = 10_000
  static let maxIndexedCells = 1_000_000

  public init(sheet: SheetInfo, cells: [Cell], mergedRanges: [CellRange]) {
    self.sheet = sheet
    var ordered = cells
    // Sheets store their cells in order, each once: one look suffices for most. Otherwise
    // they are sorted, and of a cell written twice the later one wins, as in Excel (the
    // sort is stable).
    if ordered.indices.dropFirst().contains(where: { !(ordered[$0 - 1].reference < ordered[$0].reference) }) {
      ordered.sort { $0.reference < $1.reference }
      var unique: [Cell] = []
      unique.reserveCapacity(ordered.count)
      for cell in ordered {
        if unique.last?.reference == cell.reference { unique[unique.count - 1] = cell } else { unique.append(cell) }
      }
      ordered = unique
    }
    self.cells = ordered
    self.mergedRanges = mergedRanges.sorted()
    var indexed: [Int] = []
    indexed.reserveCapacity(self.mergedRanges.count)
    var large: [CellRange] = []
    var indexedArea = 0
    for (number, range) in self.mergedRanges.enumerated() {
      let area = range.rowCount * range.columnCount
      guard area <= Self.maxIndexedRangeArea, indexedArea + area <= Self.maxIndexedCells else {
        large.append(range)
        continue
      }
      indexedArea += area
      indexed.append(number)
    }
    positions = PositionIndex(cells: ordered, merges: self.mergedRanges, indexed: indexed)
    largeMerges = large
  }

  /// The cell stored at `reference`, if any.
  public subscript(reference: CellReference) -> Cell? {
    positions.cellIndex(at: reference).map { cells[$0] }
  }

  /// The cell stored at 0-based `row`, `column`, if any.
  public subscript(row: Int, column: Int) -> Cell? {
    self[CellReference(row: row, column: column)]
  }

  /// The position in ``cells`` of the cell stored at `reference`, if any.
  public func cellIndex(at reference: CellReference) -> Int? {
    positions.cellIndex(at: reference)
  }

  /// The positions in ``cells`` of the cells of one row (cells are in row-major order).
  public func cellIndices(inRow row: Int) -> Range<Int> {
    var low = 0
    var high = cells.count
    while low < high {
      let middle = (low + high) / 2
      if cells[middle].reference.row < row { low = middle + 1 } else { high = middle }
    }
    var end = low
    while end < cells.count, cells[end].reference.row == row { end += 1 }
    return low..<end
  }

  /// The merged range covering `reference`, if any.
  public func mergedRange(containing reference: CellReference) -> CellRange? {
    if let number = positions.mergeIndex(at: reference) { return mergedRanges[number] }
    if largeMerges.isEmpty { return nil }
    return largeMerges.first { $0.contains(reference) }
  }

  /// What a person sees at `reference`: inside a merged range, the value of its top-left cell.
  public func displayedCell(at reference: CellReference) -> Cell? {
    displayedCellIndex(at: reference).map { cells[$0] }
  }

  /// The position in ``cells`` of the cell seen at `reference` (inside a merged range, its
  /// top-left cell's), if any: one lookup in a form's table.
  public func displayedCellIndex(at reference: CellReference) -> Int? {
    if largeMerges.isEmpty, let answer = positions.displayedCellIndex(at: reference) { return answer }
    if let range = mergedRange(containing: reference) { return positions.cellIndex(at: range.first) }
    return positions.cellIndex(at: reference)
  }

  /// The bounding box of the stored cells, nil for an empty sheet.
  public var usedRange: CellRange? {
    guard let first = cells.first else { return nil }
    var minColumn = first.reference.column
    var maxColumn = first.reference.column
    for cell in cells {
      minColumn = min(minColumn, cell.reference.column)
      maxColumn = max(maxColumn, cell.reference.column)
    }
    return CellRange(
      first: CellReference(row: first.reference.row, column: minColumn),
      last: CellReference(row: cells[cells.count - 1].reference.row, column: maxColumn))
  }
}

/// Position → cell and position → merged range. A table over the box the cells and
/// indexed ranges cover when that box is small next to them (a form: a few hundred
/// cells), else hash tables (a sparse sheet with cells at A1 and XFD1048576).
private struct PositionIndex: Sendable {
  private enum Storage: Sendable {
    /// Row-major over `rows` × `columns`: 1 + the index, 0 for none. `displayed` holds
    /// the cell seen at each position: inside an indexed merged range, its anchor's.
    case table(rows: Range<Int>, columns: Range<Int>, cells: [Int32], merges: [Int32], displayed: [Int32])
    case hashed(cells: [CellReference: Int], merges: [CellReference: Int])
  }

  private let storage: Storage
  /// Table entries allowed per indexed item (cells and merged cells), beyond a small floor:
  /// a form fills its box; a sparse sheet gets hash tables rather than a mostly empty table
  /// (at this slack at most 32 bytes of table per item).
  private static let tableSlack = 4
  private static let tableFloor = 4_096

  /// An index of `cells` (in row-major order, as ``SheetGrid`` keeps them) and of the
  /// ranges of `merges` whose positions are in `indexed`.
  init(cells: [Cell], merges: [CellRange], indexed: [Int]) {
    var rowRange: Range<Int>?
    var columnRange: Range<Int>?
    func cover(_ first: CellReference, _ last: CellReference) {
      rowRange = min(rowRange?.lowerBound ?? first.row, first.row)..<max(rowRange?.upperBound ?? 0, last.row + 1)
      columnRange =
        min(columnRange?.lowerBound ?? first.column, first.column)..<max(columnRange?.upperBound ?? 0, last.column + 1)
    }
    var items = cells.count
    if let first = cells.first, let last = cells.last {
      // The cells are in row-major order: their rows run from the first's to the last's.
      var lowest = first.reference.column
      var highest = lowest
      for cell in cells {
        lowest = min(lowest, cell.reference.column)
        highest = max(highest, cell.reference.column)
      }
      cover(CellReference(row: first.reference.row, column: lowest), CellReference(row: last.reference.row, column: highest))
    }
    for number in indexed {
      cover(merges[number].first, merges[number].last)
      items += merges[number].rowCount * merges[number].columnCount
    }
    let rows = rowRange ?? 0..<0
    let columns = columnRange ?? 0..<0
    let area = rows.count * columns.count
    if area <= Self.tableFloor + Self.tableSlack * items, area <= Int(Int32.max) {
      var cellTable = [Int32](repeating: 0, count: area)
      var mergeTable = [Int32](repeating: 0, count: indexed.isEmpty ? 0 : area)
      for (index, cell) in cells.enumerated() {
        cellTable[Self.slot(cell.reference, rows: rows, columns: columns)] = Int32(index + 1)
      }
      var displayedTable = cellTable
      for number in indexed {
        let range = merges[number]
        let anchor = cellTable[Self.slot(range.first, rows: rows, columns: columns)]
        for row in range.first.row...range.last.row {
          let start = (row - rows.lowerBound) * columns.count - columns.lowerBound
          for column in range.first.column...range.last.column {
            mergeTable[start + column] = Int32(number + 1)
            displayedTable[start + column] = anchor
          }
        }
      }
      storage = .table(rows: rows, columns: columns, cells: cellTable, merges: mergeTable, displayed: displayedTable)
    } else {
      var cellIndex: [CellReference: Int] = [:]
      for (index, cell) in cells.enumerated() { cellIndex[cell.reference] = index }
      var mergeIndex: [CellReference: Int] = [:]
      for number in indexed {
        let range = merges[number]
        for row in range.first.row...range.last.row {
          for column in range.first.column...range.last.column {
            mergeIndex[CellReference(row: row, column: column)] = number
          }
        }
      }
      storage = .hashed(cells: cellIndex, merges: mergeIndex)
    }
  }

  func cellIndex(at reference: CellReference) -> Int? {
    switch storage {
    case .table(let rows, let columns, let cells, _, _):
      return Self.entry(of: cells, at: reference, rows: rows, columns: columns)
    case .hashed(let cells, _):
      return cells[reference]
    }
  }

  /// The table's answer to which cell is seen at `reference` (inside an indexed merged
  /// range, its anchor's): `.some(nil)` for none; nil when there is no table to ask.
  func displayedCellIndex(at reference: CellReference) -> Int?? {
    guard case .table(let rows, let columns, _, _, let displayed) = storage else { return nil }
    return .some(Self.entry(of: displayed, at: reference, rows: rows, columns: columns))
  }

  func mergeIndex(at reference: CellReference) -> Int? {
    switch storage {
    case .table(let rows, let columns, _, let merges, _):
      return merges.isEmpty ? nil : Self.entry(of: merges, at: reference, rows: rows, columns: columns)
    case .hashed(_, let merges):
      return merges[reference]
    }
  }

  /// Row-major position of `reference` in a table over `rows` × `columns`.
  private static func slot(_ reference: CellReference, rows: Range<Int>, columns: Range<Int>) -> Int {
    (reference.row - rows.lowerBound) * columns.count + reference.column - columns.lowerBound
  }

  /// The index a table holds at `reference` (entries are 1 + the index, 0 for none).
  private static func entry(of table: [Int32], at reference: CellReference, rows: Range<Int>, columns: Range<Int>) -> Int? {
    guard rows.contains(reference.row), columns.contains(reference.column) else { return nil }
    let entry = table[slot(reference, rows: rows, columns: columns)]
    return entry == 0 ? nil : Int(entry) - 1
  }
}
