import OrderedJSON

/// Cells that ``CellBlanker`` read whole out of a chunk before libxml2 parsed it, and
/// blanked, so that libxml2 skips them as white space.
///
/// A cell read this way costs a few instructions a byte where libxml2 spends about 3,000
/// on its two or three elements. ``WorksheetHandler`` takes each one in at its place in
/// the part: at the first parser event past the cell's end, before handling that event,
/// and through the very steps the cell's own events would have taken; so rows, cells and
/// errors come out as if libxml2 had parsed it.
///
/// Only cells whose taking-in can neither fail (a shared-string index in range, texts
/// within the limit) nor end a row (see ``CellBlanker``) are read ahead, so taking one
/// in never stops the parser at another place, and other rows end at libxml2's events
/// only.
///
/// A row whose cells were all blanked may be read ahead too, around its cells (see
/// ``encloseRow(at:from:end:)``): the handler opens and ends it as its tags would, when
/// it takes the row in, at the first parser event past it or at a fault libxml2 reports
/// past it (``WorksheetHandler/malformed(_:)``), where libxml2 alone would have ended it
/// at its `</row>`, before the fault.
///
/// It also keeps the merged ranges ``CellBlanker`` read ahead (`<mergeCell ref="…"/>`):
/// those need no place, as the reader sorts a sheet's merged ranges and uses them only
/// once the whole part has parsed.
final class PrereadCells {
  /// Where a piece of a cell is in ``arena``: `count` bytes from `offset`; a count of -1
  /// for a piece the cell does not have.
  struct Piece {
    var offset: Int
    var count: Int
    static let absent = Piece(offset: 0, count: -1)
  }

  /// What a record stands for: a cell, or the start tag (with the 0-based index its `r`
  /// gives) or the end tag of a row read ahead.
  enum Kind {
    case cell
    case rowStart(index: Int)
    case rowEnd
  }

  /// One record, mostly a cell: its reference (read once, by the blanker), attribute
  /// values (each may be absent), formula and value text.
  struct Cell {
    /// Offset in the part just past the cell's `</c>`.
    var end: Int
    var kind = Kind.cell
    var reference: CellReference?
    var style: Piece
    var type: Piece
    /// The text of `<f>…</f>`.
    var formula: Piece
    /// The text of `<v>…</v>` or of `<is><t>…</t></is>`; absent for a formula alone.
    var value: Piece
    var isInlineString: Bool
  }

  /// The pieces of a cell as bytes (valid while ``takeCells(endingBy:_:)`` calls back).
  struct Bytes {
    var kind = Kind.cell
    var reference: CellReference?
    var style: UnsafeBufferPointer<UInt8>?
    var type: UnsafeBufferPointer<UInt8>?
    var formula: UnsafeBufferPointer<UInt8>?
    var value: UnsafeBufferPointer<UInt8>?
    var isInlineString: Bool
  }

  /// The shared strings of the workbook: an index past them is left to the parser, which
  /// reports it.
  let sharedStringCount: Int
  /// ``ReadLimits/maxTextLength``: a longer text is left to the parser, which reports it.
  let textLimit: Int

  /// The waiting cells (and those taken in before ``next``): ``cellCount`` of them in raw
  /// storage of ``cellCapacity``. A `Cell` is plain data, so it is stored, moved when the
  /// storage grows and dropped without any other work; an `Array` of them checked its
  /// uniqueness on every append and moved them one by one when it grew.
  private var cells: UnsafeMutablePointer<Cell>
  private var cellCapacity: Int
  private var cellCount = 0
  /// The bytes of the waiting cells, each cell's copied whole: ``arenaCount`` bytes in
  /// raw storage of ``arenaCapacity``, which costs a copy per cell where appending to an
  /// `Array` cost about 130 instructions more.
  private var arena: UnsafeMutablePointer<UInt8>
  private var arenaCapacity: Int
  private var arenaCount = 0
  /// The first cell not yet taken in.
  private var next = 0

  /// The most cells, and bytes of them, that wait at once: cells wait for the next parser
  /// event, so a row of a million empty cells (which libxml2 alone would read in constant
  /// memory) would otherwise make them all wait. Once full, cells are left to libxml2,
  /// whose events take the waiting ones in.
  static let maxWaitingCells = 16_384
  static let maxWaitingBytes = 4 << 20

  /// Whether no more cells may wait until some are taken in.
  @inline(__always)
  var isFull: Bool { cellCount - next >= Self.maxWaitingCells || arenaCount >= Self.maxWaitingBytes }

  init(sharedStringCount: Int, textLimit: Int) {
    self.sharedStringCount = sharedStringCount
    self.textLimit = textLimit
    // Room for the cells of a form's sheet, which is inflated in one chunk, so that they
    // are not regrown (moving them cost about 90 instructions a cell).
    arenaCapacity = 16 << 10
    arena = .allocate(capacity: arenaCapacity)
    cellCapacity = 512
    cells = .allocate(capacity: cellCapacity)
  }

  deinit {
    cells.deinitialize(count: cellCount)
    cells.deallocate()
    arena.deallocate()
  }

  /// Whether cells wait to be taken in.
  @inline(__always)
  var isWaiting: Bool { next < cellCount }

  /// Appends the cell whose bytes are `bytes` (from `<c` to `</c>`), `end` being its offset
  /// in the part just past `</c>`, with its pieces given as parts of `bytes`.
  @inline(__always)
  func append(end: Int, bytes: UnsafeBufferPointer<UInt8>, _ pieces: Bytes) {
    guard let start = bytes.baseAddress else { return }
    let base = arenaCount
    if base + bytes.count > arenaCapacity {
      ByteStorage.grow(&arena, count: arenaCount, capacity: &arenaCapacity, toHold: base + bytes.count)
    }
    (arena + base).update(from: start, count: bytes.count)
    arenaCount += bytes.count
    func piece(_ part: UnsafeBufferPointer<UInt8>?) -> Piece {
      guard let part else { return .absent }
      let offset = base + (part.baseAddress.map { $0 - start } ?? 0)
      return Piece(offset: offset, count: part.count)
    }
    if cellCount == cellCapacity { growCells() }
    (cells + cellCount).initialize(
      to: Cell(
        end: end, reference: pieces.reference, style: piece(pieces.style), type: piece(pieces.type),
        formula: piece(pieces.formula), value: piece(pieces.value), isInlineString: pieces.isInlineString))
    cellCount += 1
  }

  /// How many records were appended since the last were taken in (an index for
  /// ``encloseRow(at:from:end:)``).
  var recordCount: Int { cellCount }

  /// Makes the records from `first` on (the cells of a row read ahead) a row at 0-based
  /// `index`: a start before them, an end after them, and `end` as the end of each, the
  /// offset where the row, squeezed to one space, ends.
  func encloseRow(at index: Int, from first: Int, end: Int) {
    while cellCount + 2 > cellCapacity { growCells() }
    (cells + first + 1).moveInitialize(from: cells + first, count: cellCount - first)
    let absent = Piece.absent
    let mark = Cell(
      end: end, kind: .rowStart(index: index), reference: nil, style: absent, type: absent, formula: absent,
      value: absent, isInlineString: false)
    (cells + first).initialize(to: mark)
    cellCount += 1
    for record in first..<cellCount { cells[record].end = end }
    var close = mark
    close.kind = .rowEnd
    (cells + cellCount).initialize(to: close)
    cellCount += 1
  }

  /// Doubles the room for cells.
  private func growCells() {
    let grown = UnsafeMutablePointer<Cell>.allocate(capacity: cellCapacity * 2)
    grown.moveInitialize(from: cells, count: cellCount)
    cells.deallocate()
    cells = grown
    cellCapacity *= 2
  }

  /// Calls `body` with each waiting cell that ends at or before `position`, in part order.
  @inline(__always)
  func takeCells(endingBy position: Int, _ body: (Bytes) -> Void) {
    let arena = arena
    func bytes(_ piece: Piece) -> UnsafeBufferPointer<UInt8>? {
      guard piece.count >= 0 else { return nil }
      return UnsafeBufferPointer(start: arena + piece.offset, count: piece.count)
    }
    while next < cellCount, cells[next].end <= position {
      let cell = cells[next]
      next += 1
      body(
        Bytes(
          kind: cell.kind, reference: cell.reference, style: bytes(cell.style), type: bytes(cell.type),
          formula: bytes(cell.formula), value: bytes(cell.value), isInlineString: cell.isInlineString))
    }
    if next == cellCount {
      cells.deinitialize(count: cellCount)
      cellCount = 0
      arenaCount = 0
      next = 0
    }
  }

  /// The merged ranges read ahead, in the order read.
  private(set) var mergedRanges: [CellRange] = []

  /// Adds a merged range read ahead; the first makes room for a form's (a few dozen), so
  /// that the list does not regrow.
  func appendMergedRange(_ range: CellRange) {
    if mergedRanges.isEmpty { mergedRanges.reserveCapacity(64) }
    mergedRanges.append(range)
  }
}
