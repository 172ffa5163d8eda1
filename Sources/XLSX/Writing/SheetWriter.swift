/// Writes the rows of one sheet, in increasing row order, and collects its merged
/// ranges, hyperlinks and notes (written after the rows when the sheet ends).
///
/// Get one from ``WorkbookWriter/addSheet(named:layout:)``; it stays usable until the
/// next sheet is added or the workbook is closed.
public final class SheetWriter {
  /// The sheet's name.
  public let name: String
  /// 0-based position in the workbook.
  public let index: Int
  /// The 0-based row that ``appendRow(_:height:)`` writes next.
  public private(set) var nextRow = 0

  /// Excel's limits on text and links.
  static let maxTextLength = 32_767
  static let maxHyperlinks = 65_530
  static let maxLinkLength = 2_079
  static let maxRowHeight = 409.0

  var isOpen = true
  /// ``WorkbookWriter/Options/impliesCellReferences``.
  private let impliesReferences: Bool
  private weak var workbook: WorkbookWriter?
  private let layout: SheetLayout
  private let part: WorksheetPart
  private let xml: XMLEmitter
  /// Style index of each cell of the row being written (one per column seen so far).
  private var styleIndices: [Int] = []
  /// The last ``CellStyle`` seen in each column, with its default date format and its
  /// index (-1: none yet), to skip hashing repeated styles.
  private var cachedStyles: [CellStyle] = []
  private var cachedDateFormats: [DateFormat?] = []
  private var cachedIndices: [Int] = []
  /// The shared-string index of the last text written in each column (texts often
  /// repeat down a column: a file's name, its sheet, its unit).
  private var lastSharedStrings: [Int?] = []
  private var merges: [CellRange] = []
  private var hyperlinks: [CellReference: CellHyperlink] = [:]
  private var comments: [CellReference: CellComment] = [:]

  /// The format a date cell gets when its style has none.
  private enum DateFormat {
    case date, dateTime, duration

    var numberFormat: NumberFormat {
      switch self {
      case .date: .date
      case .dateTime: .dateTime
      case .duration: .duration
      }
    }
  }

  /// Style indices of unstyled date cells, by default format.
  private var plainDateStyles: [DateFormat: Int] = [:]

  init(name: String, index: Int, layout: SheetLayout, workbook: WorkbookWriter, emitter: XMLEmitter) {
    self.name = name
    impliesReferences = workbook.options.impliesCellReferences
    self.index = index
    self.layout = layout
    self.workbook = workbook
    xml = emitter
    part = WorksheetPart(xml: emitter)
  }

  // MARK: - Rows

  /// Writes `cells` as the next row, from column A; see ``writeRow(at:_:height:)``.
  public func appendRow(_ cells: [WriterCell], height: Double? = nil) throws(XLSXError) {
    try writeRow(at: nextRow, cells, height: height)
  }

  /// Writes `cells` as row `row` (0-based), from column A. Rows must come in increasing
  /// order; rows skipped stay empty. `height` is in points (0…409), nil for automatic.
  /// A ``WriterCell/empty`` cell is left out; an empty cell with a style is written blank.
  ///
  /// Every cell is checked before anything is written: a string over 32,767 characters
  /// (UTF-16 units, as Excel counts), a NaN or infinite number, an unknown error value,
  /// a date outside 1900-01-01…9999-12-31, or a row or column outside Excel's grid
  /// throws ``XLSXError/Code/invalidValue`` and writes nothing.
  public func writeRow(at row: Int, _ cells: [WriterCell], height: Double? = nil) throws(XLSXError) {
    let workbook = try openWorkbook()
    guard row >= nextRow else {
      throw invalid("行必须按递增顺序写入：第 \(row + 1) 行不在已写的第 \(nextRow) 行之后", cell: nil)
    }
    guard row < CellReference.maxRows else {
      throw invalid("行号 \(row + 1) 超出 Excel 上限 1048576 行", cell: nil)
    }
    guard cells.count <= CellReference.maxColumns else {
      throw invalid("第 \(row + 1) 行有 \(cells.count) 个单元格，超出 Excel 上限 16384 列", cell: nil)
    }
    if let height, !(height >= 0 && height <= Self.maxRowHeight) {
      throw invalid("第 \(row + 1) 行的行高 \(height) 无效（应为 0 到 409 磅）", cell: nil)
    }

    // Check every cell and resolve its style before writing any of them. (The cells are
    // read in place: `check` and `styleIndex` are inlined, since handing a cell or its
    // value to a call would copy it, retaining its text.)
    if cachedIndices.count < cells.count { addColumnCaches(upTo: cells.count) }
    var written = 0
    for column in cells.indices {
      let dateFormat = try check(cells[column].value, row: row, column: column)
      let styleIndex = try styleIndex(
        of: cells[column].look, dateFormat: dateFormat, column: column, workbook: workbook)
      styleIndices[column] = styleIndex
      if case .empty = cells[column].value, styleIndex == 0 { continue }
      written += 1
    }

    let rowNumber = RowNumberText(row + 1)
    nextRow = row + 1
    guard written > 0 else {
      if let height { part.writeEmptyRow(rowNumber, height: height) }
      try checkEmitter()
      return
    }
    part.writeRowStart(rowNumber, height: height)
    let sharedStrings = workbook.sharedStrings
    // The column a cell without a reference would take: right after the previous one.
    var impliedColumn = 0
    for column in cells.indices {
      let style = styleIndices[column]
      let value: EncodedValue
      switch cells[column].value {
      case .string(let text):
        let index = sharedStrings.index(of: text, likely: lastSharedStrings[column])
        lastSharedStrings[column] = index
        value = .sharedString(index)
      case .number(let number): value = .number(number)
      case .bool(let flag): value = .bool(flag)
      case .error(let text):
        // (Written apart: a value that holds no text is copied for free.)
        part.writeErrorC(
          column: column, rowNumber: rowNumber, isImplied: impliesReferences && column == impliedColumn, style: style,
          text: text)
        impliedColumn = column + 1
        continue
      case .date(let date): value = .number(date.uses1904 ? date.serial + 1462 : date.serial)
      case .empty:
        if style == 0 { continue }
        value = .blank
      }
      part.writeC(
        column: column, rowNumber: rowNumber, isImplied: impliesReferences && column == impliedColumn, style: style,
        value: value)
      impliedColumn = column + 1
    }
    part.writeRowEnd()
    try checkEmitter()
  }

  /// Checks a value against Excel's limits; for a date, returns the format it gets when
  /// its style has none.
  @inline(__always)
  private func check(_ value: CellValue, row: Int, column: Int) throws(XLSXError) -> DateFormat? {
    switch value {
    case .string(let text):
      if text.utf8.count > Self.maxTextLength, text.utf16.count > Self.maxTextLength {
        throw textTooLong(utf16Count: text.utf16.count, row: row, column: column)
      }
    case .number(let number):
      guard number.isFinite else { throw notFinite(number, row: row, column: column) }
    case .error(let text):
      guard excelErrorValues.contains(text) else { throw notAnError(text, row: row, column: column) }
    case .date(let date):
      return try dateFormat(of: date, row: row, column: column)
    case .bool, .empty:
      break
    }
    return nil
  }

  /// The format a date gets when its style has none; throws for a date Excel cannot show.
  private func dateFormat(of date: ExcelDateTime, row: Int, column: Int) throws(XLSXError) -> DateFormat {
    let serial = date.uses1904 ? date.serial + 1462 : date.serial
    guard serial.isFinite, ExcelDateTime.isRepresentable(serial) else {
      throw invalid("日期序号 \(date.serial) 超出 Excel 可显示的范围（1900-01-01 到 9999-12-31）", row: row, column: column)
    }
    if date.isDuration { return .duration }
    return serial == serial.rounded(.down) ? .date : .dateTime
  }

  private func textTooLong(utf16Count: Int, row: Int, column: Int) -> XLSXError {
    invalid("文本有 \(utf16Count) 个字符，超出 Excel 单元格上限 32767 个", row: row, column: column)
  }

  private func notFinite(_ number: Double, row: Int, column: Int) -> XLSXError {
    invalid("数值 \(number) 不是有限数，Excel 无法保存", row: row, column: column)
  }

  private func notAnError(_ text: String, row: Int, column: Int) -> XLSXError {
    invalid("「\(text)」不是 Excel 的错误值（如 #N/A、#DIV/0!）", row: row, column: column)
  }

  /// The `cellXfs` index of a cell's look; a date cell whose style has no number format
  /// gets `dateFormat`'s. The common looks, a registered style or none, on a cell that is
  /// not a date, are resolved here; the others by ``resolvedStyleIndex(of:dateFormat:column:workbook:)``.
  @inline(__always)
  private func styleIndex(
    of look: WriterCell.Look, dateFormat: DateFormat?, column: Int, workbook: WorkbookWriter
  ) throws(XLSXError) -> Int {
    if dateFormat == nil {
      switch look {
      case .plain: return 0
      case .registered(let id):
        do throws(XLSXError) { return try workbook.styles.index(of: id) } catch { throw located(error) }
      case .style: break
      }
    }
    return try resolvedStyleIndex(of: look, dateFormat: dateFormat, column: column, workbook: workbook)
  }

  private func resolvedStyleIndex(
    of look: WriterCell.Look, dateFormat: DateFormat?, column: Int, workbook: WorkbookWriter
  ) throws(XLSXError) -> Int {
    do throws(XLSXError) {
      switch look {
      case .plain:
        guard let dateFormat else { return 0 }
        if let index = plainDateStyles[dateFormat] { return index }
        let index = try workbook.styles.index(of: CellStyle(numberFormat: dateFormat.numberFormat))
        plainDateStyles[dateFormat] = index
        return index
      case .registered(let id):
        if let dateFormat {
          let style = try workbook.styles.style(of: id)
          if style.numberFormat == nil { return try workbook.styles.index(of: Self.dated(style, dateFormat)) }
        }
        return try workbook.styles.index(of: id)
      case .style(let style):
        if cachedIndices[column] >= 0, cachedDateFormats[column] == dateFormat, cachedStyles[column] == style {
          return cachedIndices[column]
        }
        let index = try workbook.styles.index(of: Self.dated(style, dateFormat))
        cachedStyles[column] = style
        cachedDateFormats[column] = dateFormat
        cachedIndices[column] = index
        return index
      }
    } catch {
      throw located(error)
    }
  }

  /// A style error, naming this sheet.
  private func located(_ error: XLSXError) -> XLSXError {
    var located = error
    located.sheet = name
    return located
  }

  /// Per-column caches for rows of up to `count` cells.
  private func addColumnCaches(upTo count: Int) {
    let missing = count - cachedIndices.count
    cachedStyles += repeatElement(.plain, count: missing)
    cachedDateFormats += repeatElement(nil, count: missing)
    cachedIndices += repeatElement(-1, count: missing)
    styleIndices += repeatElement(0, count: missing)
    lastSharedStrings += repeatElement(nil, count: missing)
  }

  /// `style` with `dateFormat`'s number format when it has none (date cells only).
  private static func dated(_ style: CellStyle, _ dateFormat: DateFormat?) -> CellStyle {
    guard let dateFormat, style.numberFormat == nil else { return style }
    var effective = style
    effective.numberFormat = dateFormat.numberFormat
    return effective
  }

  // MARK: - Merges, links, notes

  /// Merges the cells of `range` (at least two cells; merged ranges may not overlap).
  public func merge(_ range: CellRange) throws(XLSXError) {
    _ = try openWorkbook()
    try Self.validate(range, sheet: name)
    guard range.first != range.last else {
      throw invalid("合并区域 \(range) 只有一个单元格", cell: range.first.description)
    }
    if let overlap = merges.first(where: { Self.overlaps($0, range) }) {
      throw invalid("合并区域 \(range) 与已合并的 \(overlap) 重叠", cell: range.first.description)
    }
    merges.append(range)
  }

  /// Adds a hyperlink on the cell at `reference` (the cell's value is written as usual).
  /// A link to a cell names a sheet of this workbook, which may be added later; a file
  /// path may be relative to the workbook (`sub/a.xlsx`, `..\b.xlsx`).
  public func addHyperlink(at reference: CellReference, to target: HyperlinkTarget, tooltip: String? = nil)
    throws(XLSXError)
  {
    let workbook = try openWorkbook()
    try Self.validate(CellRange(first: reference, last: reference), sheet: name)
    let cell = reference.description
    guard hyperlinks[reference] == nil else { throw invalid("单元格已有超链接", cell: cell) }
    guard hyperlinks.count < Self.maxHyperlinks else {
      throw invalid("超链接超过 Excel 每个工作表 65530 个的上限", cell: cell)
    }
    switch target {
    case .cell(let sheet, let target):
      guard !sheet.isEmpty else { throw invalid("超链接的目标工作表名为空", cell: cell) }
      try Self.validate(CellRange(first: target, last: target), sheet: name)
      workbook.noteLink(from: name, to: sheet)
    case .file(let text), .url(let text):
      guard !text.isEmpty else { throw invalid("超链接地址为空", cell: cell) }
      // (A text has no more UTF-16 units than UTF-8 bytes, and counting bytes is free.)
      guard text.utf8.count <= Self.maxLinkLength || text.utf16.count <= Self.maxLinkLength else {
        throw invalid("超链接地址超过 Excel 上限 2079 个字符", cell: cell)
      }
      if let bad = XMLText.firstForbiddenCharacter(in: text) {
        throw invalid("超链接地址含有控制字符 U+\(bad)", cell: cell)
      }
    }
    if let tooltip {
      guard tooltip.utf16.count <= 255, XMLText.firstForbiddenCharacter(in: tooltip) == nil else {
        throw invalid("超链接提示文字无效（最多 255 个字符，不含控制字符）", cell: cell)
      }
    }
    hyperlinks[reference] = CellHyperlink(reference: reference, target: target, tooltip: tooltip)
  }

  /// Adds a note to the cell at `reference`, shown when the pointer rests on the cell.
  public func addComment(at reference: CellReference, text: String, author: String = "jixiao") throws(XLSXError) {
    _ = try openWorkbook()
    try Self.validate(CellRange(first: reference, last: reference), sheet: name)
    let cell = reference.description
    guard comments[reference] == nil else { throw invalid("单元格已有批注", cell: cell) }
    guard text.utf16.count <= Self.maxTextLength else {
      throw invalid("批注超过 Excel 上限 32767 个字符", cell: cell)
    }
    guard author.utf16.count <= 255 else { throw invalid("批注作者名超过 255 个字符", cell: cell) }
    comments[reference] = CellComment(reference: reference, text: text, author: author)
  }

  // MARK: - Start and end

  func start() {
    part.writeStart(layout: layout, isSelected: index == 0)
  }

  /// Writes what follows the rows, ends the worksheet entry and writes the sheet's
  /// relationships, comments and VML parts.
  func finish() throws(XLSXError) {
    guard isOpen, let workbook else { return }
    isOpen = false
    let sortedComments = comments.values.sorted { $0.reference < $1.reference }
    let reserved = sortedComments.isEmpty ? nil : workbook.reserveComments(count: sortedComments.count)
    var externalTargets: [String] = []
    var links: [(hyperlink: CellHyperlink, relationshipID: String?)] = []
    for hyperlink in hyperlinks.values.sorted(by: { $0.reference < $1.reference }) {
      switch hyperlink.target {
      case .cell:
        links.append((hyperlink, nil))
      case .file(let path):
        externalTargets.append(Self.fileTarget(path))
        links.append((hyperlink, "rId\(externalTargets.count)"))
      case .url(let url):
        externalTargets.append(url)
        links.append((hyperlink, "rId\(externalTargets.count)"))
      }
    }
    let relationships = WorksheetRelationshipsPart(hyperlinkTargets: externalTargets, commentsNumber: reserved?.number)
    part.writeEnd(
      WorksheetPart.Ending(
        autoFilter: layout.autoFilter, mergedRanges: merges.sorted(), hyperlinks: links,
        legacyDrawingID: relationships.vmlDrawingID))
    xml.flush()
    try checkEmitter()
    try workbook.zip.endEntry()

    let sheetNumber = index + 1
    if !relationships.isEmpty {
      try workbook.writePart(WorksheetRelationshipsPart.path(sheetNumber: sheetNumber), relationships.assemble)
    }
    if let reserved {
      try workbook.writePart(
        CommentsPart.path(number: reserved.number), mayExceed4GiB: true,
        CommentsPart(comments: sortedComments, fontName: workbook.options.fontName).assemble)
      try workbook.writePart(
        VMLDrawingPart.path(number: reserved.number), mayExceed4GiB: true,
        VMLDrawingPart(cells: sortedComments.map(\.reference), firstBlock: reserved.firstBlock).assemble)
    }
  }

  // MARK: - Helpers

  private func openWorkbook() throws(XLSXError) -> WorkbookWriter {
    guard let workbook else {
      throw XLSXError(.invalidValue, "工作簿写入器已释放", sheet: name)
    }
    try workbook.checkOpen()
    guard isOpen else {
      throw XLSXError(.invalidValue, "工作表已写完（已添加下一个工作表或已关闭工作簿），不能再写入", sheet: name)
    }
    return workbook
  }

  /// Hands full buffers to the deflater and surfaces an I/O error, which ends the writer.
  private func checkEmitter() throws(XLSXError) {
    if let failure = xml.failure, let workbook {
      let located = failure.located(file: workbook.path, part: WorksheetPart.path(sheetNumber: index + 1), sheet: name)
      workbook.fail(located)
      throw located
    }
  }

  private func invalid(_ message: String, row: Int, column: Int) -> XLSXError {
    invalid(message, cell: CellReference(row: row, column: column).description)
  }

  private func invalid(_ message: String, cell: String?) -> XLSXError {
    XLSXError(.invalidValue, message, file: workbook?.path, sheet: name, cell: cell)
  }

  /// Checks that a range lies in Excel's grid.
  static func validate(_ range: CellRange, sheet: String) throws(XLSXError) {
    for cell in [range.first, range.last] {
      guard (0..<CellReference.maxRows).contains(cell.row), (0..<CellReference.maxColumns).contains(cell.column)
      else {
        throw XLSXError(
          .invalidValue, "单元格（第 \(cell.row + 1) 行第 \(cell.column + 1) 列）超出 Excel 的 1048576 行 × 16384 列",
          sheet: sheet)
      }
    }
  }

  private static func overlaps(_ a: CellRange, _ b: CellRange) -> Bool {
    a.first.row <= b.last.row && b.first.row <= a.last.row && a.first.column <= b.last.column
      && b.first.column <= a.last.column
  }

  /// A file path as a relationship target: `\` becomes `/`; an absolute path becomes a
  /// `file:` URI (`C:\a.xlsx` → `file:///C:/a.xlsx`, `\\server\share\a.xlsx` →
  /// `file://server/share/a.xlsx`, `/srv/a.xlsx` → `file:///srv/a.xlsx`); characters that
  /// cannot stand in a URI (space, `#`, `%` …) are percent-encoded; other characters,
  /// Chinese included, are kept as they are, as Excel does.
  static func fileTarget(_ path: String) -> String {
    var path = path
    return path.withUTF8 { bytes in
      let isSlash = { (byte: UInt8) in byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") }
      let scheme: StaticString
      if bytes.count >= 3, (bytes[0] | 0x20) >= UInt8(ascii: "a"), (bytes[0] | 0x20) <= UInt8(ascii: "z"),
        bytes[1] == UInt8(ascii: ":"), isSlash(bytes[2])
      {
        scheme = "file:///"
      } else if bytes.count >= 2, isSlash(bytes[0]), isSlash(bytes[1]) {
        scheme = "file:"
      } else if bytes.first == UInt8(ascii: "/") {
        scheme = "file://"
      } else {
        scheme = ""
      }
      let hex: StaticString = "0123456789ABCDEF"
      // Every byte of the path becomes at most three.
      return String(unsafeUninitializedCapacity: scheme.utf8CodeUnitCount + 3 * bytes.count) { target in
        var count = 0
        func append(_ byte: UInt8) {
          target[count] = byte
          count += 1
        }
        for index in 0..<scheme.utf8CodeUnitCount { append(scheme.utf8Start[index]) }
        for byte in bytes {
          switch byte {
          case UInt8(ascii: "\\"):
            append(UInt8(ascii: "/"))
          case 0...0x20, 0x7F, UInt8(ascii: "\""), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"),
            UInt8(ascii: "}"):
            append(UInt8(ascii: "%"))
            append(hex.utf8Start[Int(byte >> 4)])
            append(hex.utf8Start[Int(byte & 0xF)])
          default:
            append(byte)
          }
        }
        return count
      }
    }
  }
}

@available(*, unavailable, message: "a SheetWriter is used from one task at a time")
extension SheetWriter: Sendable {}
