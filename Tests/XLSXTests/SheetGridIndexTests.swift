import Testing
import XLSX

/// `SheetGrid` lookups by position (a dense table for form-sized sheets, hash tables for
/// sparse ones, a list for huge merged ranges), checked through the public API against a
/// brute-force reading of the same cells and ranges.
@Suite("Sheet grid: lookups by position")
struct SheetGridIndexTests {
  private static let info = SheetInfo(index: 0, name: "自评表")

  private static func cell(_ reference: String, _ text: String) -> Cell {
    Cell(reference: CellReference(reference)!, value: .string(text))
  }

  /// The answers a grid must give, computed the slow way: the last cell written at a
  /// position wins; ranges do not overlap in these tests, so at most one contains a position.
  private struct Reference {
    let cells: [CellReference: Cell]
    let ranges: [CellRange]

    init(cells: [Cell], ranges: [CellRange]) {
      var byPosition: [CellReference: Cell] = [:]
      for cell in cells { byPosition[cell.reference] = cell }
      self.cells = byPosition
      self.ranges = ranges
    }

    func range(containing reference: CellReference) -> CellRange? {
      let found = ranges.filter { range in
        range.first.row <= reference.row && reference.row <= range.last.row && range.first.column <= reference.column
          && reference.column <= range.last.column
      }
      precondition(found.count <= 1, "the test's ranges overlap")
      return found.first
    }

    func displayed(at reference: CellReference) -> Cell? {
      if let range = range(containing: reference) { return cells[range.first] }
      return cells[reference]
    }
  }

  /// Checks every lookup at `positions` and the grid's cell list against the reference.
  private func check(
    _ grid: SheetGrid, _ reference: Reference, at positions: some Sequence<CellReference>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    // The stored cells: one per position, in row-major order, the later write kept.
    #expect(grid.cells.count == reference.cells.count, sourceLocation: sourceLocation)
    #expect(
      zip(grid.cells, grid.cells.dropFirst()).allSatisfy { $0.reference < $1.reference },
      "cells are in row-major order without repeats", sourceLocation: sourceLocation)
    #expect(Set(grid.cells) == Set(reference.cells.values), sourceLocation: sourceLocation)
    #expect(grid.mergedRanges == reference.ranges.sorted(), sourceLocation: sourceLocation)

    var mismatches: [String] = []
    var checked = 0
    for position in positions {
      checked += 1
      let expected = reference.cells[position]
      if grid[position] != expected { mismatches.append("\(position): cell \(String(describing: grid[position]))") }
      if grid[position.row, position.column] != expected {
        mismatches.append("\(position): cell by row and column")
      }
      let index = grid.cellIndex(at: position)
      if index.map({ grid.cells[$0] }) != expected { mismatches.append("\(position): cellIndex \(String(describing: index))") }
      let range = grid.mergedRange(containing: position)
      if range != reference.range(containing: position) {
        mismatches.append("\(position): merged range \(String(describing: range))")
      }
      if grid.displayedCell(at: position) != reference.displayed(at: position) {
        mismatches.append("\(position): displayed cell")
      }
      if mismatches.count > 20 { break }
    }
    #expect(checked > 0, sourceLocation: sourceLocation)
    #expect(mismatches.isEmpty, "\(mismatches.prefix(20).joined(separator: "\n"))", sourceLocation: sourceLocation)

    // Rows: exactly the cells of the row, for every row that has cells and the ones around.
    let rows = Set(reference.cells.keys.flatMap { [$0.row - 1, $0.row, $0.row + 1] }).union([0, 5, 1_048_575])
    for row in rows.sorted() {
      let indices = grid.cellIndices(inRow: row)
      let expected = reference.cells.values.filter { $0.reference.row == row }.sorted { $0.reference < $1.reference }
      #expect(Array(grid.cells[indices]) == expected, "row \(row)", sourceLocation: sourceLocation)
    }
  }

  /// Every position of the box `rows` × `columns`.
  private func box(rows: ClosedRange<Int>, columns: ClosedRange<Int>) -> [CellReference] {
    rows.flatMap { row in columns.map { CellReference(row: row, column: $0) } }
  }

  @Test func emptySheet() {
    let grid = SheetGrid(sheet: Self.info, cells: [], mergedRanges: [])
    #expect(grid.cells.isEmpty)
    #expect(grid.usedRange == nil)
    for position in box(rows: 0...20, columns: 0...20) + [CellReference(row: 1_048_575, column: 16_383)] {
      #expect(grid[position] == nil)
      #expect(grid.cellIndex(at: position) == nil)
      #expect(grid.mergedRange(containing: position) == nil)
      #expect(grid.displayedCell(at: position) == nil)
    }
    #expect(grid.cellIndices(inRow: 0).isEmpty)
    #expect(grid.cellIndices(inRow: 1_048_575).isEmpty)

    // Merged ranges but no cells: lookups of ranges still work, cells are all nil.
    let ranges = ["B2:D3", "F5:F9"].map { CellRange($0)! }
    let merged = SheetGrid(sheet: Self.info, cells: [], mergedRanges: ranges)
    check(merged, Reference(cells: [], ranges: ranges), at: box(rows: 0...12, columns: 0...8))
    #expect(merged.mergedRange(containing: CellReference("C3")!) == CellRange("B2:D3"))
  }

  /// A 自评表: a title merged across the top, label/value pairs, a block of indicators
  /// with first-level names merged down several rows.
  @Test func compactFormSheet() {
    var cells: [Cell] = [
      Self.cell("A1", "项目支出绩效自评表"), Self.cell("A2", "（2023年度）"), Self.cell("A3", "项目名称"),
      Self.cell("C3", "农村义务教育营养改善计划"), Self.cell("A4", "主管部门"), Self.cell("C4", "省教育厅"),
      Self.cell("F4", "实施单位"), Self.cell("H4", "某县教育局"), Self.cell("A6", "一级指标"), Self.cell("B6", "二级指标"),
      Self.cell("C6", "三级指标"),
    ]
    var ranges = ["A1:J1", "A2:J2", "A3:B3", "C3:J3", "A4:B4", "C4:E4", "F4:G4", "H4:J4"].map { CellRange($0)! }
    for block in 0..<4 {
      let top = 7 + block * 5
      cells.append(Self.cell("A\(top)", ["产出指标", "效益指标", "满意度指标", "成本指标"][block]))
      ranges.append(CellRange("A\(top):A\(top + 4)")!)
      for row in top...(top + 4) {
        cells.append(Self.cell("C\(row)", "指标\(row)"))
        cells.append(Cell(reference: CellReference("I\(row)")!, value: .number(Double(row))))
      }
      cells.append(Self.cell("B\(top)", "数量指标"))
      ranges.append(CellRange("B\(top):B\(top + 2)")!)
    }
    cells.append(Self.cell("A28", "总分"))
    cells.append(Cell(reference: CellReference("I28")!, value: .number(92.5), formula: "SUM(I7:I26)"))
    ranges.append(CellRange("A28:H28")!)
    let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges)
    let reference = Reference(cells: cells, ranges: ranges)
    check(grid, reference, at: box(rows: 0...35, columns: 0...15))

    #expect(grid.displayedCell(at: CellReference("E1")!)?.value == .string("项目支出绩效自评表"))
    #expect(grid.displayedCell(at: CellReference("A11")!)?.value == .string("产出指标"))
    #expect(grid.displayedCell(at: CellReference("A12")!)?.value == .string("效益指标"))
    #expect(grid.displayedCell(at: CellReference("B9")!)?.value == .string("数量指标"))
    #expect(grid.displayedCell(at: CellReference("B10")!) == nil)
    #expect(grid.mergedRange(containing: CellReference("J3")!) == CellRange("C3:J3"))
    #expect(grid.mergedRange(containing: CellReference("K3")!) == nil)
    #expect(grid[CellReference("I28")!]?.formula == "SUM(I7:I26)")
    #expect(grid.usedRange == CellRange("A1:I28"))

    // The same form placed away from A1 (at D10): the table starts at its first row and column.
    func shifted(_ reference: CellReference) -> CellReference {
      CellReference(row: reference.row + 9, column: reference.column + 3)
    }
    let movedCells = cells.map { Cell(reference: shifted($0.reference), value: $0.value, formula: $0.formula) }
    let movedRanges = ranges.map { CellRange(first: shifted($0.first), last: shifted($0.last)) }
    let moved = SheetGrid(sheet: Self.info, cells: movedCells, mergedRanges: movedRanges)
    check(moved, Reference(cells: movedCells, ranges: movedRanges), at: box(rows: 0...45, columns: 0...20))
    #expect(moved.displayedCell(at: CellReference("D20")!)?.value == .string("产出指标"))
    #expect(moved[CellReference("A1")!] == nil)
    #expect(moved.usedRange == CellRange("D10:L37"))
  }

  /// Cells at both corners of the grid: far too sparse for a table.
  @Test func sparseSheet() {
    let cells = [
      Self.cell("A1", "左上"), Self.cell("B1", "旁边"), Self.cell("ZZ500", "中间"), Self.cell("XFD1", "右上"),
      Self.cell("A1048576", "左下"), Self.cell("XFC1048576", "倒数第二"), Self.cell("XFD1048576", "右下"),
      Self.cell("KAA700000", "远处合并"),
    ]
    let ranges = ["C3:D4", "KAA700000:KAC700002", "XFB1048570:XFD1048575"].map { CellRange($0)! }
    let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges)
    let reference = Reference(cells: cells, ranges: ranges)
    var positions = box(rows: 0...6, columns: 0...6)
    positions += box(rows: 1_048_565...1_048_575, columns: 16_375...16_383)
    positions += box(rows: 699_997...700_004, columns: farColumn()...farColumn() + 6)
    positions += box(rows: 0...2, columns: 16_380...16_383)
    positions += box(rows: 1_048_573...1_048_575, columns: 0...3)
    positions += box(rows: 497...501, columns: 699...705)
    positions += [CellReference(row: 524_288, column: 8_192)]
    check(grid, reference, at: positions)

    #expect(grid[CellReference("XFD1048576")!]?.value == .string("右下"))
    #expect(grid[1_048_575, 16_383]?.value == .string("右下"))
    #expect(grid.displayedCell(at: CellReference("KAC700002")!)?.value == .string("远处合并"))
    #expect(grid.mergedRange(containing: CellReference("XFD1048575")!) == CellRange("XFB1048570:XFD1048575"))
    #expect(grid.mergedRange(containing: CellReference("XFD1048576")!) == nil)
    #expect(grid.usedRange == CellRange("A1:XFD1048576"))
    // Outside Excel's grid: nothing, and no crash.
    #expect(grid[1_048_576, 0] == nil)
    #expect(grid[0, 16_384] == nil)
  }

  /// Column `KAA` (0-based), where the far merge of ``sparseSheet()`` starts, minus a margin.
  private func farColumn() -> Int { CellReference("KAA1")!.column - 2 }

  /// A range of more than 10,000 cells is not indexed cell by cell but still found, next to
  /// small indexed ranges, both in a compact sheet and in a sparse one.
  @Test func largeMergedRanges() {
    // 150 × 100 = 15,000 cells.
    let large = CellRange("B5:CW154")!
    #expect(large.rowCount * large.columnCount > 10_000)
    let cells = [
      Self.cell("A1", "标题"), Self.cell("B5", "大合并的值"), Self.cell("C6", "被合并遮住"), Self.cell("CX5", "右邻"),
      Self.cell("A155", "下邻"),
    ]
    let ranges = [large, CellRange("A1:C2")!, CellRange("CX6:CY7")!, CellRange("A160:A170")!]
    let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges)
    let reference = Reference(cells: cells, ranges: ranges)
    check(grid, reference, at: box(rows: 0...175, columns: 0...105))
    #expect(grid.mergedRange(containing: CellReference("CW154")!) == large)
    #expect(grid.displayedCell(at: CellReference("C6")!)?.value == .string("大合并的值"))
    #expect(grid[CellReference("C6")!]?.value == .string("被合并遮住"))

    // The same with a cell at the far corner (hash tables) and a whole-column merge.
    let column = CellRange("ZZ1:ZZ1048576")!
    let sparseCells = cells + [Self.cell("XFD1048576", "角落")]
    let sparseRanges = ranges + [column]
    let sparse = SheetGrid(sheet: Self.info, cells: sparseCells, mergedRanges: sparseRanges)
    var positions = box(rows: 0...175, columns: 0...105)
    positions += box(rows: 1_048_570...1_048_575, columns: 16_378...16_383)
    positions += box(rows: 0...3, columns: 700...704) + box(rows: 1_048_573...1_048_575, columns: 700...704)
    check(sparse, Reference(cells: sparseCells, ranges: sparseRanges), at: positions)
    #expect(sparse.mergedRange(containing: CellReference("ZZ777777")!) == column)
  }

  /// Past the total budget of indexed merged cells, further ranges are still found.
  @Test func mergedCellBudget() {
    // 110 ranges of 100 × 100 = 10,000 cells each: 1,100,000 cells in all.
    var ranges: [CellRange] = []
    var cells: [Cell] = []
    for number in 0..<110 {
      let top = number * 100
      ranges.append(CellRange(first: CellReference(row: top, column: 0), last: CellReference(row: top + 99, column: 99)))
      cells.append(Cell(reference: CellReference(row: top, column: 0), value: .number(Double(number))))
    }
    let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges.reversed())
    let reference = Reference(cells: cells, ranges: ranges)
    var positions: [CellReference] = []
    for number in 0..<110 {
      let top = number * 100
      positions += [
        CellReference(row: top, column: 0), CellReference(row: top + 99, column: 99), CellReference(row: top + 50, column: 42),
        CellReference(row: top + 99, column: 100), CellReference(row: top, column: 100),
      ]
    }
    positions.append(CellReference(row: 11_000, column: 0))
    check(grid, reference, at: positions)
    #expect(grid.displayedCell(at: CellReference(row: 10_999, column: 99))?.value == .number(109))
  }

  /// Cells out of order and a position written twice: sorted, the later one kept.
  @Test func unsortedCellsAndRepeatedPositions() {
    let cells = [
      Self.cell("C3", "三"), Self.cell("A1", "一"), Self.cell("B2", "二（旧）"), Self.cell("A5", "五"),
      Self.cell("B2", "二（新）"), Self.cell("E1", "右上"), Self.cell("A1", "一（新）"), Self.cell("D4", "合并"),
      Self.cell("A1", "一（最新）"), Self.cell("B1", "乙"),
    ]
    let ranges = ["D4:E5", "A6:B6"].map { CellRange($0)! }
    let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges.reversed())
    check(grid, Reference(cells: cells, ranges: ranges), at: box(rows: 0...8, columns: 0...7))
    #expect(grid[CellReference("A1")!]?.value == .string("一（最新）"))
    #expect(grid[CellReference("B2")!]?.value == .string("二（新）"))
    #expect(grid.cells.map(\.reference.description) == ["A1", "B1", "E1", "B2", "C3", "D4", "A5"])
    #expect(grid.cellIndices(inRow: 0) == 0..<3)
    #expect(grid.cellIndices(inRow: 2) == 4..<5)
    #expect(grid.cellIndices(inRow: 5).isEmpty)
    #expect(grid.displayedCell(at: CellReference("E5")!)?.value == .string("合并"))

    // The same cells written twice in order (no sort needed), and sparse.
    let ordered = [
      Self.cell("A1", "旧"), Self.cell("A1", "新"), Self.cell("B1", "乙"), Self.cell("XFD1048576", "旧角"),
      Self.cell("XFD1048576", "新角"),
    ]
    let sparse = SheetGrid(sheet: Self.info, cells: ordered, mergedRanges: [])
    check(
      sparse, Reference(cells: ordered, ranges: []),
      at: box(rows: 0...2, columns: 0...2) + box(rows: 1_048_574...1_048_575, columns: 16_382...16_383))
    #expect(sparse.cells.map(\.value) == [.string("新"), .string("乙"), .string("新角")])
  }

  /// Random sheets, compact and sparse, against the reference.
  @Test func randomSheets() {
    var state: UInt64 = 0x5EED
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for round in 0..<40 {
      let height = [10, 60, 400, 1_048_576][round % 4]
      let width = [8, 30, 200, 16_384][(round / 4) % 4]
      var cells: [Cell] = []
      for number in 0..<(5 + next(80)) {
        cells.append(
          Cell(reference: CellReference(row: next(height), column: next(width)), value: .number(Double(number))))
      }
      // Non-overlapping ranges: each in its own band of rows.
      var ranges: [CellRange] = []
      let bands = 4
      for band in 0..<bands where next(3) > 0 {
        let bandHeight = height / bands
        guard bandHeight >= 1 else { continue }
        let top = band * bandHeight + next(bandHeight)
        let bottom = min(band * bandHeight + bandHeight - 1, top + next(6))
        let left = next(width)
        let right = min(width - 1, left + next(5))
        ranges.append(CellRange(first: CellReference(row: top, column: left), last: CellReference(row: bottom, column: right)))
      }
      let grid = SheetGrid(sheet: Self.info, cells: cells, mergedRanges: ranges)
      let reference = Reference(cells: cells, ranges: ranges)
      var positions = Set<CellReference>()
      for cell in cells {
        for dr in -1...1 { for dc in -1...1 { positions.insert(CellReference(row: cell.reference.row + dr, column: cell.reference.column + dc)) } }
      }
      for range in ranges {
        for row in (range.first.row - 1)...(range.last.row + 1) {
          for column in (range.first.column - 1)...(range.last.column + 1) {
            positions.insert(CellReference(row: row, column: column))
          }
        }
      }
      for _ in 0..<500 { positions.insert(CellReference(row: next(height), column: next(width))) }
      if height * width <= 20_000 { positions.formUnion(box(rows: 0...(height - 1), columns: 0...(width - 1))) }
      positions = positions.filter { $0.row >= 0 && $0.column >= 0 }
      check(grid, reference, at: positions)
    }
  }
}
