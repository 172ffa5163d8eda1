#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the SAX events of a worksheet part into rows of typed cells.
///
/// This is the hot path of reading: per cell it looks at attribute bytes, collects the
/// `<v>` text into a reused buffer, parses numbers from bytes and makes a `String` only
/// for text that is kept. Completed rows wait in ``pendingRows`` for the cursor.
final class WorksheetHandler: SAXHandler {
  /// How the `t` attribute says to read `<v>`.
  private enum CellType {
    case number, sharedString, inlineString, formulaString, boolean, error, isoDate
  }

  private let sharedStrings: [String]
  private let formatKinds: [NumberFormatKind]
  private let uses1904: Bool

  /// Rows completed and not yet taken by the cursor.
  var pendingRows: [Row] = []
  /// Merged ranges, complete once the part has been parsed (without error), in no
  /// particular order: those libxml2 parsed, then those read ahead.
  var mergedRanges: [CellRange] { parsedMergedRanges + preread.mergedRanges }
  private var parsedMergedRanges: [CellRange] = []
  /// The `<dimension>` the file claims (a hint only: it may be absent or wrong).
  private(set) var declaredDimension: CellRange?

  // Row state.
  private var rowIndex = 0
  private var nextRowIndex = 0
  /// The open row's cells, from ``rowStart`` on; before it, when collecting cells, those
  /// of the rows completed so far.
  private var rowCells: [Cell] = []
  private var rowStart = 0
  private var inRow = false
  /// Whether completed rows leave their cells in ``rowCells`` (``takeCells()``) rather
  /// than becoming ``pendingRows``: what a grid needs, with no array per row and no copy
  /// of each cell into the grid's.
  private let collectsCells: Bool

  // Cell state.
  private var cellReference = CellReference(row: 0, column: 0)
  private var nextColumn = 0
  private var cellType = CellType.number
  private var styleIndex = 0
  private var inCell = false
  private var hasValue = false
  private var formula: String?
  private var capture = Capture.none
  private var inInlineString = false
  private var phoneticDepth = 0
  private let text: TextBuffer
  private let formulaText: TextBuffer

  private enum Capture { case none, value, inlineText, formula }

  /// Cells read ahead of the parser, taken in at their place (see ``PrereadCells``).
  let preread: PrereadCells

  /// A handler for a worksheet; with `collectingCells`, for reading it whole into one list
  /// of cells (see ``takeCells()``).
  init(
    sharedStrings: [String], formatKinds: [NumberFormatKind], uses1904: Bool, limits: ReadLimits,
    collectingCells: Bool = false
  ) {
    self.sharedStrings = sharedStrings
    collectsCells = collectingCells
    self.formatKinds = formatKinds
    self.uses1904 = uses1904
    text = TextBuffer(limit: limits.maxTextLength)
    formulaText = TextBuffer(limit: limits.maxTextLength)
    preread = PrereadCells(sharedStringCount: sharedStrings.count, textLimit: limits.maxTextLength)
    // Room for the rows of a chunk, or for the cells of a form's sheet, so that a small
    // sheet does not regrow the array.
    pendingRows.reserveCapacity(64)
    if collectingCells { rowCells.reserveCapacity(256) }
  }

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    if preread.isWaiting { takePrereadCells() }
    switch name.local[0] {
    case UInt8(ascii: "c") where name.local[1] == 0:
      var reference: CellReference?
      if let bytes = attributes.value("r") {
        guard let parsed = CellReference.parse(bytes) else {
          fail(XLSXError(.invalidCell, "单元格引用「\(String(decoding: bytes, as: UTF8.self))」无效或超出 A1:XFD1048576"))
          return
        }
        reference = parsed
      }
      startCell(at: reference, style: attributes.value("s"), type: attributes.value("t"))
    case UInt8(ascii: "v") where name.local[1] == 0:
      startValue()
    case UInt8(ascii: "f") where name.local[1] == 0:
      startFormula()
    case UInt8(ascii: "t") where name.local[1] == 0:
      startInlineText()
    case UInt8(ascii: "r"):
      if name.is("row") {
        startRow(attributes)
      } else if name.is("rPh") {
        phoneticDepth += 1
      }
    case UInt8(ascii: "i") where name.is("is"):
      startInlineString()
    case UInt8(ascii: "m") where name.is("mergeCell"):
      if let ref = attributes.value("ref"), let range = Self.parseRange(ref) { parsedMergedRanges.append(range) }
    case UInt8(ascii: "d") where name.is("dimension"):
      if let ref = attributes.value("ref") { declaredDimension = Self.parseRange(ref) }
    default:
      break
    }
  }

  override func endElement(_ name: XMLName) {
    if preread.isWaiting { takePrereadCells() }
    switch name.local[0] {
    case UInt8(ascii: "c") where name.local[1] == 0:
      if inCell { endCell() }
    case UInt8(ascii: "v") where name.local[1] == 0, UInt8(ascii: "t") where name.local[1] == 0:
      endValueOrText()
    case UInt8(ascii: "f") where name.local[1] == 0:
      endFormula()
    case UInt8(ascii: "r"):
      if name.is("row") {
        endRow()
      } else if name.is("rPh") {
        phoneticDepth -= 1
      }
    case UInt8(ascii: "i") where name.is("is"):
      inInlineString = false
    default:
      break
    }
  }

  /// Takes in the cells and rows read ahead that libxml2 parsed past before the fault, then
  /// fails: a row read ahead ends at the first event after it, which the fault may
  /// prevent, where libxml2 alone would have ended it at its `</row>`.
  override func malformed(_ error: XLSXError) {
    if preread.isWaiting { takePrereadCells() }
    super.malformed(error)
  }

  /// Takes in the cells (and rows) read ahead that end before the parser's position, each
  /// through the steps its events would take: `<c>`, `<f>` and its text, `<v>` or
  /// `<is><t>` and the text, and the ends.
  private func takePrereadCells() {
    preread.takeCells(endingBy: bytePosition()) { cell in
      switch cell.kind {
      case .cell: break
      case .rowStart(let index):
        startRow(at: index)
        return
      case .rowEnd:
        endRow()
        return
      }
      startCell(at: cell.reference, style: cell.style, type: cell.type)
      if let formula = cell.formula {
        startFormula()
        characters(formula)
        endFormula()
      }
      if let value = cell.value {
        if cell.isInlineString {
          startInlineString()
          startInlineText()
        } else {
          startValue()
        }
        characters(value)
        endValueOrText()
        if cell.isInlineString { inInlineString = false }
      }
      if inCell { endCell() }
    }
  }

  private func startFormula() {
    if inCell {
      capture = .formula
      formulaText.clear()
      formula = ""
    }
  }

  private func endFormula() {
    if capture == .formula {
      formula = formulaText.string
      capture = .none
    }
  }

  private func startValue() {
    if inCell {
      capture = .value
      hasValue = true
      text.clear()
    }
  }

  private func startInlineString() {
    if inCell {
      inInlineString = true
      hasValue = true
      text.clear()
    }
  }

  private func startInlineText() {
    if inInlineString && phoneticDepth == 0 { capture = .inlineText }
  }

  private func endValueOrText() {
    if capture != .formula { capture = .none }
  }

  override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    switch capture {
    case .none: break
    case .value, .inlineText:
      text.append(bytes)
      if text.overflowed { failTooLong() }
    case .formula:
      formulaText.append(bytes)
      if formulaText.overflowed { failTooLong() }
    }
  }

  /// Stops at once when a cell's text passes the limit, rather than reading the rest of it.
  private func failTooLong() {
    fail(XLSXError(.limitExceeded, "文本超过长度上限 \(text.limit) 字节", cell: cellReference.description))
  }

  // MARK: - Rows

  private func startRow(_ attributes: XMLAttributes) {
    guard let value = attributes.value("r") else { return startRow(at: nextRowIndex) }
    guard let number = parseInteger(value), number >= 1, number <= CellReference.maxRows else {
      if inRow { endRow() }  // the open row ends before the failure, as it always did
      fail(XLSXError(.invalidCell, "行号「\(String(decoding: value, as: UTF8.self))」无效（应为 1 到 1048576）"))
      return
    }
    startRow(at: number - 1)
  }

  /// A row at 0-based `index` opens, ending the open one.
  private func startRow(at index: Int) {
    if inRow { endRow() }
    inRow = true
    rowIndex = index
    nextRowIndex = index + 1
    nextColumn = 0
  }

  private func endRow() {
    inRow = false
    guard rowCells.count > rowStart else { return }
    if collectsCells {
      rowStart = rowCells.count
      return
    }
    let count = rowCells.count
    pendingRows.append(Row(index: rowCells[0].reference.row, cells: rowCells))
    rowCells = []
    rowCells.reserveCapacity(count)
  }

  /// The cells of the rows completed so far, in order, when collecting cells (the cells of
  /// a row still open, which no row would give, are dropped); the list starts anew.
  func takeCells() -> [Cell] {
    rowCells.removeSubrange(rowStart...)
    let cells = rowCells
    rowCells = []
    rowStart = 0
    return cells
  }

  // MARK: - Cells

  /// A `<c>` with the reference its `r` gives (nil without `r`).
  @inline(__always)
  private func startCell(
    at reference: CellReference?, style: UnsafeBufferPointer<UInt8>?, type: UnsafeBufferPointer<UInt8>?
  ) {
    inCell = true
    hasValue = false
    if formula != nil { formula = nil }
    text.clear()
    if let parsed = reference {
      cellReference = parsed
      // A cell whose row disagrees with its <row> starts a row of its own.
      if parsed.row != rowIndex, rowCells.count > rowStart {
        endRow()
        inRow = true
      }
      rowIndex = parsed.row
      nextRowIndex = rowIndex + 1
    } else {
      guard nextColumn < CellReference.maxColumns else {
        fail(XLSXError(.invalidCell, "第 \(rowIndex + 1) 行的单元格超过 16384 列"))
        return
      }
      cellReference = CellReference(row: rowIndex, column: nextColumn)
    }
    nextColumn = cellReference.column + 1
    styleIndex = style.flatMap(parseInteger) ?? 0
    cellType = .number
    if let type, let first = type.first {
      switch (first, type.count) {
      case (UInt8(ascii: "s"), 1): cellType = .sharedString
      case (UInt8(ascii: "s"), 3): cellType = .formulaString  // str
      case (UInt8(ascii: "i"), _): cellType = .inlineString  // inlineStr
      case (UInt8(ascii: "b"), _): cellType = .boolean
      case (UInt8(ascii: "e"), _): cellType = .error
      case (UInt8(ascii: "d"), _): cellType = .isoDate
      default: cellType = .number
      }
    }
  }

  @inline(__always)
  private func endCell() {
    inCell = false
    capture = .none
    inInlineString = false
    if text.overflowed || formulaText.overflowed {
      failTooLong()
      return
    }
    let value: CellValue
    if hasValue, let made = makeValue() {
      value = made
    } else if formula != nil {
      value = .empty  // a formula without a cached value
    } else {
      return
    }
    rowCells.append(Cell(reference: cellReference, value: value, formula: formula, styleIndex: styleIndex))
  }

  /// The value of the current cell from its type and collected text; nil for no value.
  @inline(__always)
  private func makeValue() -> CellValue? {
    switch cellType {
    case .number:
      guard !text.isEmpty else { return nil }
      guard let number = parseDouble(text.bytes) else {
        return .string(text.string)  // not a number after all: keep what was written
      }
      let kind = styleIndex < formatKinds.count ? formatKinds[styleIndex] : .number
      if kind.isDateOrTime, ExcelDateTime.isRepresentable(number) {
        return .date(ExcelDateTime(serial: number, uses1904: uses1904, isDuration: kind == .duration))
      }
      return .number(number)
    case .sharedString:
      guard !text.isEmpty else { return nil }
      guard let index = parseInteger(text.bytes), index < sharedStrings.count else {
        fail(
          XLSXError(
            .invalidCell,
            "共享字符串索引「\(text.string)」超出范围（共 \(sharedStrings.count) 个）",
            cell: cellReference.description))
        return nil
      }
      return .string(sharedStrings[index])
    case .inlineString:
      return .string(text.decodedString)
    case .formulaString:
      return .string(text.decodedString)
    case .boolean:
      guard !text.isEmpty else { return nil }
      return .bool(text.equals("1") || text.equals("true") || text.equals("TRUE"))
    case .error:
      guard !text.isEmpty else { return nil }
      return .error(text.string)
    case .isoDate:
      guard !text.isEmpty else { return nil }
      let raw = text.string
      return ExcelDateTime(iso: raw, uses1904: uses1904).map { .date($0) } ?? .string(raw)
    }
  }

  /// The range a `ref` attribute names (`A1:B2`, or one cell); nil when it names none.
  /// (Also what ``CellBlanker`` reads a merged range ahead with.)
  static func parseRange(_ bytes: UnsafeBufferPointer<UInt8>) -> CellRange? {
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
      return CellReference.parse(bytes).map { CellRange(first: $0, last: $0) }
    }
    guard let first = CellReference.parse(UnsafeBufferPointer(rebasing: bytes[..<colon])),
      let last = CellReference.parse(UnsafeBufferPointer(rebasing: bytes[(colon + 1)...]))
    else { return nil }
    return CellRange(first: first, last: last)
  }
}

/// 10^0 … 10^22, every one exact in a `Double` (a literal, so no lazy initialisation).
private let powersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
]

/// A number from its XML text. Short decimals take an exact fast path (an integer
/// mantissa below 2^53 divided by a power of ten is correctly rounded); anything else
/// goes to `strtod`. Nil when the text is not a finite number.
@inline(__always)
func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
  var index = 0
  let count = bytes.count
  var negative = false
  if index < count, bytes[index] == UInt8(ascii: "-") {
    negative = true
    index += 1
  }
  var mantissa: UInt64 = 0
  var digits = 0
  var fractionDigits = 0
  var seenPoint = false
  var fast = index < count
  while index < count {
    let byte = bytes[index]
    let digit = byte &- UInt8(ascii: "0")
    if digit < 10 {
      mantissa = mantissa &* 10 &+ UInt64(digit)
      digits += 1
      if seenPoint { fractionDigits += 1 }
    } else if byte == UInt8(ascii: "."), !seenPoint {
      seenPoint = true
    } else {
      fast = false
      break
    }
    index += 1
  }
  if fast, digits > 0, digits <= 15, fractionDigits <= 22 {
    let value = Double(mantissa) / powersOfTen[fractionDigits]
    return negative ? -value : value
  }
  return slowParseDouble(bytes)
}

private func slowParseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
  guard !bytes.isEmpty, bytes.count < 512 else { return nil }
  var buffer = [CChar](repeating: 0, count: bytes.count + 1)
  for index in 0..<bytes.count { buffer[index] = CChar(bitPattern: bytes[index]) }
  return buffer.withUnsafeMutableBufferPointer { pointer -> Double? in
    var end: UnsafeMutablePointer<CChar>?
    let value = strtod(pointer.baseAddress!, &end)
    guard var end, end != pointer.baseAddress! else { return nil }
    while end.pointee == 0x20 || end.pointee == 0x0A || end.pointee == 0x0D || end.pointee == 0x09 {
      end += 1
    }
    guard end.pointee == 0, value.isFinite else { return nil }
    // strtod accepts hex floats, "inf" and "nan"; a cell value is decimal only.
    for byte in bytes where byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "n")
      || byte == UInt8(ascii: "N")
    {
      return nil
    }
    return value
  }
}
