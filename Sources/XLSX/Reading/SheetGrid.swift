/// A whole sheet in memory, addressed by position: what form-shaped tables need
/// (label in one cell, value to its right, merged blocks spanning rows).
///
/// Storage is sparse, so a sheet with one cell at A1 and one at XFD1048576 costs two cells.
public struct SheetGrid: Sendable {
  public let sheet: SheetInfo
  /// Every cell with a value (or a formula), in row-major order.
  public let cells: [Cell]
  /// Merged ranges, sorted by their top-left cell.
  public let mergedRanges: [CellRange]
  private let index: [CellReference: Int]
  /// Every cell of the (small) merged ranges, pointing at its range.
  private let mergeAnchor: [CellReference: CellRange]
  /// Ranges too large to index cell by cell (or past the index budget), searched in turn.
  private let largeMerges: [CellRange]

  /// Cells of one range indexed at most, and in all: a hostile file cannot make the
  /// index explode (a form's merges cover a few hundred cells).
  static let maxIndexedRangeArea = 10_000
  static let maxIndexedCells = 1_000_000

  public init(sheet: SheetInfo, cells: [Cell], mergedRanges: [CellRange]) {
    self.sheet = sheet
    var ordered = cells.sorted { $0.reference < $1.reference }
    // A cell written twice: the later one wins, as in Excel.
    var index: [CellReference: Int] = [:]
    var unique: [Cell] = []
    unique.reserveCapacity(ordered.count)
    for cell in ordered {
      if let existing = index[cell.reference] {
        unique[existing] = cell
      } else {
        index[cell.reference] = unique.count
        unique.append(cell)
      }
    }
    ordered = unique
    self.cells = ordered
    self.index = index
    self.mergedRanges = mergedRanges.sorted()
    var anchors: [CellReference: CellRange] = [:]
    var large: [CellRange] = []
    for range in mergedRanges {
      let area = range.rowCount * range.columnCount
      guard area <= Self.maxIndexedRangeArea, anchors.count + area <= Self.maxIndexedCells else {
        large.append(range)
        continue
      }
      for row in range.first.row...range.last.row {
        for column in range.first.column...range.last.column {
          anchors[CellReference(row: row, column: column)] = range
        }
      }
    }
    mergeAnchor = anchors
    largeMerges = large
  }

  /// The cell stored at `reference`, if any.
  public subscript(reference: CellReference) -> Cell? {
    index[reference].map { cells[$0] }
  }

  /// The cell stored at 0-based `row`, `column`, if any.
  public subscript(row: Int, column: Int) -> Cell? {
    self[CellReference(row: row, column: column)]
  }

  /// The merged range covering `reference`, if any.
  public func mergedRange(containing reference: CellReference) -> CellRange? {
    if let range = mergeAnchor[reference] { return range }
    return largeMerges.first { $0.contains(reference) }
  }

  /// What a person sees at `reference`: inside a merged range, the value of its top-left cell.
  public func displayedCell(at reference: CellReference) -> Cell? {
    if let range = mergedRange(containing: reference) { return self[range.first] }
    return self[reference]
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
