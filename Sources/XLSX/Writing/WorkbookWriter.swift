/// Writes an .xlsx workbook, streaming: sheets are written one after another, rows as
/// they arrive, straight through zlib into the file, so memory holds only the shared
/// strings, the styles and each sheet's merges, links and notes.
///
/// ```swift
/// let writer = try WorkbookWriter(path: "汇总.xlsx")
/// let sheet = try writer.addSheet(named: "汇总", layout: SheetLayout(columnWidths: [20, 12], frozenRows: 1))
/// try sheet.appendRow([.string("单位", style: header), .string("得分", style: header)])
/// try sheet.appendRow(["财政局", 95.5])
/// try writer.close()
/// ```
///
/// The file appears only when ``close()`` succeeds: bytes go to a temporary file in the
/// target directory that is synced and renamed over the target, so a failure (or a
/// writer dropped without closing) leaves no partial file and an existing file
/// untouched. The same calls always produce the same bytes: ZIP timestamps are pinned,
/// parts come in a fixed order, and no date is written unless
/// ``DocumentProperties/created`` is set.
///
/// Invalid values (Excel's limits, a bad sheet name …) throw ``XLSXError/Code/invalidValue``
/// before anything of the offending call is written, and the writer stays usable; an
/// ``XLSXError/Code/io`` error ends the writer and removes the temporary file.
public final class WorkbookWriter {
  /// How the package is written.
  public struct Options: Sendable {
    /// zlib level, 0 (store) to 9. The default, 1, is about four times faster than 6
    /// and makes files about a third larger (see Benchmarks/README-writer.md).
    public var compressionLevel: Int
    /// Title, author … of the document.
    public var properties: DocumentProperties
    /// The workbook's default font, also used for notes.
    public var fontName: String
    /// Its size in points.
    public var fontSize: Double
    /// Deflate on a second thread while the next rows are rendered (same bytes either way).
    public var compressInBackground: Bool
    /// Leave out the reference (`r="B5"`) of a cell that comes right after the previous
    /// cell of its row, or first in its row at column A: ECMA-376 makes it optional
    /// (§18.3.1.4) and readers place such a cell by its position (openpyxl and
    /// python-calamine are checked in the tests). The references differ from cell to
    /// cell and defeat compression: without them a sheet of many rows deflates in about
    /// half the time to less than half the size. Set false for a reader that needs every
    /// reference.
    public var impliesCellReferences: Bool

    public init(
      compressionLevel: Int = 1, properties: DocumentProperties = DocumentProperties(), fontName: String = "宋体",
      fontSize: Double = 11, compressInBackground: Bool = true, impliesCellReferences: Bool = true
    ) {
      self.compressionLevel = compressionLevel
      self.properties = properties
      self.fontName = fontName
      self.fontSize = fontSize
      self.compressInBackground = compressInBackground
      self.impliesCellReferences = impliesCellReferences
    }
  }

  /// The target path; nil for a writer to memory.
  public let path: String?
  public let options: Options
  /// The package, for a writer made with ``init(options:)``, once ``close()`` has returned.
  public private(set) var bytes: [UInt8] = []

  private enum State {
    case open
    case closed
    case failed(XLSXError)
  }

  private let file: AtomicFile?
  /// Whether the file being written has no name yet (`O_TMPFILE`), for the tests.
  var writesUnnamedFile: Bool { file?.isUnnamed ?? false }
  private let memory: MemorySink?
  let zip: ZipWriter
  let sharedStrings = SharedStringTable()
  let styles = StyleTable()
  private var state = State.open
  private var currentSheet: SheetWriter?
  private var sheets: [WorkbookPart.SheetEntry] = []
  private var commentsNumbers: [Int] = []
  private var nextVMLBlock = 1
  /// Sheets named by links to cells, checked when the workbook closes.
  private var linkedSheetNames: [(from: String, to: String)] = []

  /// A writer to the file at `path`.
  public convenience init(path: String, options: Options = Options()) throws(XLSXError) {
    try self.init(path: path, options: options, thresholds: ZipWriter.Zip64Thresholds())
  }

  /// A writer to memory; ``bytes`` holds the package after ``close()``.
  public convenience init(options: Options = Options()) throws(XLSXError) {
    try self.init(path: nil, options: options, thresholds: ZipWriter.Zip64Thresholds())
  }

  /// `sink` replaces the file or memory destination (tests use it to simulate failures).
  init(
    path: String?, options: Options, thresholds: ZipWriter.Zip64Thresholds, sink customSink: ByteSink? = nil
  ) throws(XLSXError) {
    try Self.validate(options, path: path)
    self.path = path
    self.options = options
    let sink: ByteSink
    if let customSink {
      sink = customSink
      file = nil
      memory = nil
    } else if let path {
      let file = try AtomicFile(path: path)
      self.file = file
      memory = nil
      sink = file
    } else {
      let memory = MemorySink()
      self.memory = memory
      file = nil
      sink = memory
    }
    zip = try ZipWriter(
      sink: sink, level: Int32(options.compressionLevel), thresholds: thresholds,
      compressInBackground: options.compressInBackground)
  }

  /// Registers `style` for cells that carry its id (``WriterCell/Look/registered(_:)``),
  /// which is cheaper per cell than a ``CellStyle``: a workbook with a few styles and many
  /// cells registers them once. Such a cell is written exactly as one with the style
  /// itself; using the id in another workbook throws ``XLSXError/Code/invalidValue``.
  public func register(_ style: CellStyle) -> CellStyleID {
    styles.register(style)
  }

  /// Finishes the sheet being written, if any, and starts a new one. Its rows are
  /// written with the returned ``SheetWriter`` until the next sheet is added or the
  /// workbook is closed.
  ///
  /// A name is 1 to 31 characters, without `[ ] : * ? / \`, not starting or ending with
  /// `'`, not `History`, and unique within the workbook ignoring case.
  public func addSheet(named name: String, layout: SheetLayout = SheetLayout()) throws(XLSXError) -> SheetWriter {
    try checkOpen()
    try Self.validateSheetName(name, existing: sheets.map(\.name))
    try Self.validate(layout, sheet: name)
    try finishCurrentSheet()
    let part = WorksheetPart.path(sheetNumber: sheets.count + 1)
    do throws(XLSXError) {
      try zip.beginEntry(part, mayExceed4GiB: true)
    } catch {
      let located = error.located(file: path, part: part)
      fail(located)
      throw located
    }
    let sheet = SheetWriter(name: name, index: sheets.count, layout: layout, workbook: self, emitter: makeEmitter())
    sheets.append(WorkbookPart.SheetEntry(name: name, autoFilter: layout.autoFilter))
    currentSheet = sheet
    sheet.start()
    return sheet
  }

  /// Finishes the last sheet and writes the rest of the package (shared strings,
  /// styles, workbook, relationships, content types, properties), then moves the file
  /// into place. A workbook needs at least one sheet.
  public func close() throws(XLSXError) {
    try checkOpen()
    guard !sheets.isEmpty else {
      throw XLSXError(.invalidValue, "工作簿至少需要一个工作表", file: path)
    }
    let names = Set(sheets.map { $0.name.lowercased() })
    if let missing = linkedSheetNames.first(where: { !names.contains($0.to.lowercased()) }) {
      let error = XLSXError(
        .invalidValue, "超链接指向不存在的工作表「\(missing.to)」，未写出文件", file: path, sheet: missing.from)
      fail(error)
      throw error
    }
    try finishCurrentSheet()
    try performIO { () throws(XLSXError) in
      if sharedStrings.uniqueCount > 0 {
        try writePart(SharedStringsPart.path, mayExceed4GiB: true, SharedStringsPart(table: sharedStrings).assemble)
      }
      try writePart(
        StylesPart.path, StylesPart(table: styles, fontName: options.fontName, fontSize: options.fontSize).assemble)
      try writePart(WorkbookPart.path, WorkbookPart(sheets: sheets).assemble)
      try writePart(
        WorkbookRelationshipsPart.path,
        WorkbookRelationshipsPart(sheetCount: sheets.count, hasSharedStrings: sharedStrings.uniqueCount > 0).assemble)
      try writePart(
        AppPropertiesPart.path,
        AppPropertiesPart(sheetNames: sheets.map(\.name), company: options.properties.company).assemble)
      try writePart(CorePropertiesPart.path, CorePropertiesPart(properties: options.properties).assemble)
      try writePart(PackageRelationshipsPart.path, PackageRelationshipsPart().assemble)
      try writePart(
        ContentTypesPart.path,
        ContentTypesPart(
          sheetCount: sheets.count, hasSharedStrings: sharedStrings.uniqueCount > 0, commentsNumbers: commentsNumbers
        ).assemble)
      try zip.finish()
      try file?.commit()
    }
    bytes = memory?.bytes ?? []
    state = .closed
  }

  // MARK: - For the sheet writer

  /// Throws unless the workbook is open for writing.
  func checkOpen() throws(XLSXError) {
    switch state {
    case .open: return
    case .closed: throw XLSXError(.invalidValue, "工作簿已关闭，不能再写入", file: path)
    case .failed(let error): throw error
    }
  }

  /// Runs `body`; any error it throws ends the writer and removes the temporary file.
  func performIO(_ body: () throws(XLSXError) -> Void) throws(XLSXError) {
    do throws(XLSXError) {
      try body()
    } catch {
      let located = error.located(file: path)
      fail(located)
      throw located
    }
  }

  /// Ends the writer after an error that leaves the package unusable.
  func fail(_ error: XLSXError) {
    state = .failed(error)
    currentSheet?.isOpen = false
    currentSheet = nil
    file?.discard()
  }

  /// Records a link to a cell of sheet `target`, checked when the workbook closes.
  func noteLink(from sheet: String, to target: String) {
    linkedSheetNames.append((sheet, target))
  }

  /// Writes one whole part through the deflater.
  func writePart(_ path: String, mayExceed4GiB: Bool = false, _ assemble: (XMLEmitter) -> Void) throws(XLSXError) {
    try zip.beginEntry(path, mayExceed4GiB: mayExceed4GiB)
    let emitter = makeEmitter()
    assemble(emitter)
    emitter.flush()
    if let failure = emitter.failure { throw failure.located(part: path) }
    try zip.endEntry()
  }

  /// An emitter whose full buffers go into the open ZIP entry.
  private func makeEmitter() -> XMLEmitter {
    let zip = self.zip
    return XMLEmitter { (chunk: UnsafeRawBufferPointer) throws(XLSXError) in try zip.write(chunk) }
  }

  /// Assigns the sheet's notes their part number and VML shape-id blocks.
  func reserveComments(count: Int) -> (number: Int, firstBlock: Int) {
    let number = commentsNumbers.count + 1
    commentsNumbers.append(number)
    let firstBlock = nextVMLBlock
    nextVMLBlock += VMLDrawingPart.blockCount(for: count)
    return (number, firstBlock)
  }

  private func finishCurrentSheet() throws(XLSXError) {
    guard let sheet = currentSheet else { return }
    currentSheet = nil
    try performIO { () throws(XLSXError) in try sheet.finish() }
  }

  // MARK: - Validation

  private static func validate(_ options: Options, path: String?) throws(XLSXError) {
    guard (0...9).contains(options.compressionLevel) else {
      throw XLSXError(.invalidValue, "压缩级别 \(options.compressionLevel) 无效（应为 0 到 9）", file: path)
    }
    guard options.fontSize > 0, options.fontSize <= 409, !options.fontName.isEmpty,
      XMLText.firstForbiddenCharacter(in: options.fontName) == nil
    else {
      throw XLSXError(.invalidValue, "默认字体「\(options.fontName)」\(options.fontSize) 磅无效", file: path)
    }
    let properties = options.properties
    for text in [
      properties.title, properties.subject, properties.creator, properties.keywords, properties.description,
      properties.company,
    ] {
      if let text, let bad = XMLText.firstForbiddenCharacter(in: text) {
        throw XLSXError(.invalidValue, "文档属性含有 XML 不允许的字符 U+\(bad)", file: path)
      }
    }
    if let created = properties.created, !(created.serial.isFinite && ExcelDateTime.isRepresentable(created.serial)) {
      throw XLSXError(.invalidValue, "文档创建时间 \(created.serial) 超出可表示的范围", file: path)
    }
  }

  /// Excel's sheet-name rules.
  static func validateSheetName(_ name: String, existing: [String]) throws(XLSXError) {
    func invalid(_ why: String) -> XLSXError {
      XLSXError(.invalidValue, "工作表名「\(name)」无效：\(why)", sheet: name)
    }
    guard !name.isEmpty else { throw invalid("不能为空") }
    guard name.utf16.count <= 31 else { throw invalid("超过 31 个字符（\(name.utf16.count) 个）") }
    if let bad = name.first(where: { "[]:*?/\\".contains($0) }) { throw invalid("不能含有字符「\(bad)」") }
    guard !name.hasPrefix("'"), !name.hasSuffix("'") else { throw invalid("不能以单引号开头或结尾") }
    guard name.lowercased() != "history" else { throw invalid("History 是 Excel 保留的名称") }
    if let bad = XMLText.firstForbiddenCharacter(in: name) { throw invalid("含有控制字符 U+\(bad)") }
    let lowered = name.lowercased()
    guard !existing.contains(where: { $0.lowercased() == lowered }) else {
      throw invalid("与已有工作表重名（不区分大小写）")
    }
  }

  private static func validate(_ layout: SheetLayout, sheet: String) throws(XLSXError) {
    func invalid(_ why: String) -> XLSXError { XLSXError(.invalidValue, why, sheet: sheet) }
    guard (0..<CellReference.maxRows).contains(layout.frozenRows) else {
      throw invalid("冻结行数 \(layout.frozenRows) 无效（应为 0 到 1048575）")
    }
    guard (0..<CellReference.maxColumns).contains(layout.frozenColumns) else {
      throw invalid("冻结列数 \(layout.frozenColumns) 无效（应为 0 到 16383）")
    }
    guard layout.columnWidths.count <= CellReference.maxColumns else {
      throw invalid("列宽超过 16384 列")
    }
    for (column, width) in layout.columnWidths.enumerated() {
      if let width, !(width >= 0 && width <= ColumnWidth.maximum) {
        throw invalid("第 \(CellReference.columnName(column)) 列的列宽 \(width) 无效（应为 0 到 255）")
      }
    }
    if let range = layout.autoFilter { try SheetWriter.validate(range, sheet: sheet) }
  }
}

@available(*, unavailable, message: "a WorkbookWriter is used from one task at a time")
extension WorkbookWriter: Sendable {}

/// Document properties stored in `docProps/core.xml` and `docProps/app.xml`.
public struct DocumentProperties: Sendable, Equatable {
  public var title: String?
  public var subject: String?
  /// The author, also written as the last one to modify the document.
  public var creator: String?
  public var keywords: String?
  public var description: String?
  public var company: String?
  /// Creation (and modification) time, UTC. Nil writes no date, which keeps the output
  /// byte-identical from run to run.
  public var created: ExcelDateTime?

  public init(
    title: String? = nil, subject: String? = nil, creator: String? = nil, keywords: String? = nil,
    description: String? = nil, company: String? = nil, created: ExcelDateTime? = nil
  ) {
    self.title = title
    self.subject = subject
    self.creator = creator
    self.keywords = keywords
    self.description = description
    self.company = company
    self.created = created
  }
}
