/// An .xlsx / .xlsm workbook opened for reading.
///
/// Opening follows the package's pointers, never assumed paths: `_rels/.rels` names the
/// workbook part (falling back to `[Content_Types].xml`), the workbook's relationships
/// name each sheet's part, the shared strings and the styles. Sheets themselves are
/// streamed only when asked for, through ``rows(of:)``, ``forEachRow(in:_:)`` or
/// ``grid(of:)``. A `Workbook` is immutable and may be read from several threads.
public final class Workbook: Sendable {
  /// The file name used in errors (the path given, or the name passed with bytes).
  public let fileName: String
  /// The sheets in workbook order.
  public let sheets: [SheetInfo]
  /// True when serials count from 1904-01-01 (old Mac Excel) instead of 1899-12-30.
  public let uses1904DateSystem: Bool
  /// The shared-string table.
  public let sharedStrings: [String]
  /// The number-format kind of each cell format, indexed by ``Cell/styleIndex``.
  public let numberFormatKinds: [NumberFormatKind]

  private let archive: ZipArchive

  /// Opens the workbook at `path`; `fileName` names it in errors (default: the path).
  /// With `memo`, the small parts (relationships, workbook, styles) that another workbook
  /// read through the same memo had byte for byte are not parsed again (``PartMemo``).
  public convenience init(
    path: String, fileName: String? = nil, limits: ReadLimits = ReadLimits(), memo: PartMemo? = nil
  ) throws(XLSXError) {
    let bytes = try ArchiveBytes(contentsOf: path, displayName: fileName ?? path)
    try self.init(bytes: bytes, fileName: fileName ?? path, limits: limits, memo: memo)
  }

  /// Calls `body` with the bytes of the file as read (for a checksum).
  public func withFileBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try body(archive.bytes.buffer)
  }

  /// Opens a workbook held in memory; `fileName` names it in errors.
  public convenience init(
    bytes: some Collection<UInt8>, fileName: String = "<memory>", limits: ReadLimits = ReadLimits(),
    memo: PartMemo? = nil
  ) throws(XLSXError) {
    try self.init(bytes: ArchiveBytes(copying: bytes), fileName: fileName, limits: limits, memo: memo)
  }

  /// Opens a workbook held in memory with its shared strings read by libxml2 alone, not
  /// read ahead (``SharedStringsPreread``): what tests and the fuzzer compare with.
  convenience init(
    bytes: some Collection<UInt8>, fileName: String = "<memory>", limits: ReadLimits = ReadLimits(),
    readingSharedStringsAhead: Bool
  ) throws(XLSXError) {
    try self.init(
      bytes: ArchiveBytes(copying: bytes), fileName: fileName, limits: limits, memo: nil,
      readingSharedStringsAhead: readingSharedStringsAhead)
  }

  private init(
    bytes: ArchiveBytes, fileName: String, limits: ReadLimits, memo: PartMemo?, readingSharedStringsAhead: Bool = true
  ) throws(XLSXError) {
    self.fileName = fileName
    let archive = try ZipArchive(bytes: bytes, fileName: fileName, limits: limits)
    self.archive = archive

    // One parser for the small parts read here, reset between them.
    let parser = try SAXParser(fileName: fileName)
    let workbookPath = try Self.findWorkbookPart(in: archive, parser: parser, memo: memo)
    guard let workbookEntry = archive.entry(named: workbookPath) else {
      throw XLSXError(.missingPart, "缺少工作簿部件", file: fileName, part: workbookPath)
    }
    let workbook = try Self.workbookPart(workbookEntry, in: archive, parser: parser, memo: memo)

    let relsPath = relationshipsPath(of: workbookPath)
    guard let relsEntry = archive.entry(named: relsPath) else {
      throw XLSXError(.missingPart, "缺少工作簿的关系部件，无法找到各工作表", file: fileName, part: relsPath)
    }
    let relationships = try Self.relationships(
      relsEntry, of: workbookPath, in: archive, parser: parser, memo: memo)

    var sharedStrings: [String] = []
    if let target = relationships.first(where: { $0.hasType("sharedStrings") && !$0.isExternal })?.target,
      let entry = archive.entry(named: target)
    {
      sharedStrings = try Self.sharedStrings(
        entry, in: archive, parser: parser, limits: limits, readingAhead: readingSharedStringsAhead)
    }
    var kinds: [NumberFormatKind] = []
    if let target = relationships.first(where: { $0.hasType("styles") && !$0.isExternal })?.target,
      let entry = archive.entry(named: target)
    {
      kinds = try Self.numberFormatKinds(of: entry, in: archive, parser: parser, memo: memo)
    }

    let byID = Dictionary(relationships.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    sheets = workbook.sheets.enumerated().map { index, entry in
      let relationship = entry.relationshipID.flatMap { byID[$0] }
      return SheetInfo(
        index: index, name: entry.name, state: entry.state,
        kind: relationship.map(Self.sheetKind) ?? .worksheet,
        partPath: relationship.flatMap { $0.isExternal ? nil : $0.target })
    }
    uses1904DateSystem = workbook.uses1904
    self.sharedStrings = sharedStrings
    numberFormatKinds = kinds
  }

  /// The strings of the shared-strings part `entry`. A part inflated whole in one chunk
  /// (nearly all of them) has its leading plain items read ahead (``SharedStringsPreread``)
  /// before libxml2 parses the rest; should the part then fail, it is read again without
  /// that, for the error the file itself gives (as ``RowCursor`` does for sheets).
  private static func sharedStrings(
    _ entry: ZipEntry, in archive: ZipArchive, parser: SAXParser, limits: ReadLimits, readingAhead: Bool
  ) throws(XLSXError) -> [String] {
    let stream = try archive.stream(entry)
    guard readingAhead, stream.inflates, let first = try stream.nextWritable() else {
      // A stored part (its bytes are the archive's, never written) or an empty one.
      let handler = SharedStringsHandler(limits: limits)
      try parser.parse(entry, of: archive, with: handler)
      return handler.strings
    }
    let (readAhead, count) = stream.finished ? SharedStringsPreread.read(first, limits: limits) : ([], first.count)
    let handler = SharedStringsHandler(limits: limits, readAhead: readAhead)
    do {
      try parser.start(handler, partName: entry.name)
      var chunk: UnsafeRawBufferPointer? = UnsafeRawBufferPointer(start: first.baseAddress, count: count)
      while let bytes = chunk {
        try parser.feed(bytes, isLast: stream.finished)
        if stream.finished { return handler.strings }
        chunk = try stream.next()
      }
      try parser.finish()
      return handler.strings
    } catch {
      guard !readAhead.isEmpty else { throw error }
      try SAXParser(fileName: archive.fileName).parse(entry, of: archive, with: SharedStringsHandler(limits: limits))
      throw error
    }
  }

  /// The number-format kinds of the styles part `entry`.
  private static func numberFormatKinds(
    of entry: ZipEntry, in archive: ZipArchive, parser: SAXParser, memo: PartMemo?
  ) throws(XLSXError) -> [NumberFormatKind] {
    let value = try read(entry, as: .styles, in: archive, parser: parser, memo: memo) { () throws(XLSXError) in
      let handler = StylesHandler()
      try parser.parse(entry, of: archive, with: handler)
      return .numberFormatKinds(handler.kinds)
    }
    guard case .numberFormatKinds(let kinds) = value else { preconditionFailure("a styles part gave \(value)") }
    return kinds
  }

  /// The relationships in the part `entry`, those of the part `source` ("" for the package).
  private static func relationships(
    _ entry: ZipEntry, of source: String, in archive: ZipArchive, parser: SAXParser, memo: PartMemo?
  ) throws(XLSXError) -> [Relationship] {
    let value = try read(entry, as: .relationships(source: source), in: archive, parser: parser, memo: memo) {
      () throws(XLSXError) in
      let handler = RelationshipsHandler(sourcePart: source)
      try parser.parse(entry, of: archive, with: handler)
      return .relationships(handler.relationships)
    }
    guard case .relationships(let relationships) = value else { preconditionFailure("relationships gave \(value)") }
    return relationships
  }

  /// The sheets and date system the workbook part `entry` declares.
  private static func workbookPart(
    _ entry: ZipEntry, in archive: ZipArchive, parser: SAXParser, memo: PartMemo?
  ) throws(XLSXError) -> (sheets: [WorkbookPartHandler.SheetEntry], uses1904: Bool) {
    let value = try read(entry, as: .workbook, in: archive, parser: parser, memo: memo) { () throws(XLSXError) in
      let handler = WorkbookPartHandler()
      try parser.parse(entry, of: archive, with: handler)
      return .workbook(sheets: handler.sheets, uses1904: handler.uses1904)
    }
    guard case .workbook(let sheets, let uses1904) = value else { preconditionFailure("a workbook part gave \(value)") }
    return (sheets, uses1904)
  }

  /// What `parse` makes of `entry`, or what `memo` holds for the same stored bytes read
  /// as `reading`; a part parsed is remembered (one that fails is not).
  private static func read(
    _ entry: ZipEntry, as reading: PartMemo.Reading, in archive: ZipArchive, parser: SAXParser, memo: PartMemo?,
    parse: () throws(XLSXError) -> PartMemo.Value
  ) throws(XLSXError) -> PartMemo.Value {
    guard let memo else { return try parse() }
    let stored = try archive.compressedData(of: entry)
    if let known = memo.value(of: entry, readAs: reading, stored: stored, limits: archive.limits) { return known }
    let value = try parse()
    memo.remember(value, of: entry, readAs: reading, stored: stored, limits: archive.limits)
    return value
  }

  /// The sheet called `name` (exact, then case-insensitive), or nil.
  public func sheet(named name: String) -> SheetInfo? {
    sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
  }

  /// A cursor that streams the rows of `sheet` in file order.
  public func rows(of sheet: SheetInfo) throws(XLSXError) -> RowCursor {
    try rows(of: sheet, blankingCells: true)
  }

  /// ``rows(of:)``, with ``CellBlanker`` on or off (off only to test that it changes nothing,
  /// and to read a part again for the error it gives).
  /// With `collectingCells`, the cursor gives no rows but collects their cells, for
  /// ``RowCursor/remainingCells()``.
  func rows(of sheet: SheetInfo, blankingCells: Bool, collectingCells: Bool = false) throws(XLSXError) -> RowCursor {
    guard sheet.kind == .worksheet || sheet.kind == .macrosheet || sheet.kind == .dialogsheet else {
      return RowCursor.empty(sheet: sheet)
    }
    // A <sheet> without a relationship (r:id empty or unknown) has no part: Excel shows
    // it as an empty sheet, and so do we.
    guard let path = sheet.partPath else { return RowCursor.empty(sheet: sheet) }
    guard let entry = archive.entry(named: path) else {
      throw XLSXError(
        .missingPart, "工作表的部件不存在", file: fileName, part: sheet.partPath, sheet: sheet.name)
    }
    let handler = WorksheetHandler(
      sharedStrings: sharedStrings, formatKinds: numberFormatKinds, uses1904: uses1904DateSystem,
      limits: archive.limits, collectingCells: collectingCells)
    let unfiltered: (() throws(XLSXError) -> RowCursor)? =
      blankingCells ? { () throws(XLSXError) in try self.rows(of: sheet, blankingCells: false) } : nil
    return try RowCursor(sheet: sheet, entry: entry, archive: archive, handler: handler, unfiltered: unfiltered)
  }

  /// Calls `body` with every row of `sheet` that has cells, in file order.
  public func forEachRow(in sheet: SheetInfo, _ body: (Row) throws -> Void) throws {
    let cursor = try rows(of: sheet)
    while let row = try cursor.next() { try body(row) }
  }

  /// Loads `sheet` into a grid, for form-shaped tables that are read by position.
  /// The cells go straight into one list as they are read (no array per row to copy them
  /// from).
  public func grid(of sheet: SheetInfo) throws(XLSXError) -> SheetGrid {
    let cursor = try rows(of: sheet, blankingCells: true, collectingCells: true)
    let cells = try cursor.remainingCells()
    return SheetGrid(sheet: sheet, cells: cells, mergedRanges: cursor.mergedRanges)
  }

  // MARK: - Package pointers

  private static func findWorkbookPart(
    in archive: ZipArchive, parser: SAXParser, memo: PartMemo?
  ) throws(XLSXError) -> String {
    if let entry = archive.entry(named: "_rels/.rels") {
      // A damaged package-relationships part is recovered from the content types below.
      if let relationships = try? relationships(entry, of: "", in: archive, parser: parser, memo: memo),
        let main = relationships.first(where: { $0.hasType("officeDocument") && !$0.isExternal })
      {
        return main.target
      }
    }
    if let entry = archive.entry(named: "[Content_Types].xml") {
      let types = ContentTypesHandler()
      try parser.parse(entry, of: archive, with: types)
      let mainTypes = [".sheet.main+xml", ".sheet.macroEnabled.main+xml", ".template.main+xml",
                       ".template.macroEnabled.main+xml", "/spreadsheetml.main+xml"]
      if let main = types.overrides.first(where: { override in mainTypes.contains { override.type.hasSuffix($0) } }) {
        return main.part
      }
    }
    throw XLSXError(
      .missingPart, "找不到工作簿部件（_rels/.rels 与 [Content_Types].xml 都没有指向 workbook.xml），这不是有效的 .xlsx 文件",
      file: archive.fileName)
  }

  private static func sheetKind(_ relationship: Relationship) -> SheetKind {
    if relationship.hasType("chartsheet") { return .chartsheet }
    if relationship.hasType("dialogsheet") { return .dialogsheet }
    if relationship.hasType("xlMacrosheet") || relationship.hasType("xlIntlMacrosheet") { return .macrosheet }
    return .worksheet
  }
}

/// Streams the rows of one worksheet: the part is inflated and parsed a chunk at a
/// time as rows are asked for, so memory stays flat whatever the sheet's size.
public final class RowCursor {
  public let sheet: SheetInfo
  private let stream: PartStream?
  private let parser: SAXParser?
  private let handler: WorksheetHandler?
  /// Blanks empty styled cells, and the cells it reads ahead into the handler's
  /// ``PrereadCells``, before libxml2 sees them; nil for a stored part (its bytes are the
  /// archive's, never written) or when turned off.
  private var blanker: CellBlanker?
  /// A cursor over the same part without blanking, for reporting an error (see
  /// ``unfilteredError()``); nil when blanking is off.
  private let unfiltered: (() throws(XLSXError) -> RowCursor)?
  private var position = 0
  private var finished = false

  /// A cursor over `entry`; with `unfiltered` (how to read the part again without
  /// blanking), its empty styled cells are blanked.
  init(
    sheet: SheetInfo, entry: ZipEntry, archive: ZipArchive, handler: WorksheetHandler,
    unfiltered: (() throws(XLSXError) -> RowCursor)?
  ) throws(XLSXError) {
    self.sheet = sheet
    self.handler = handler
    let stream = try archive.stream(entry)
    self.stream = stream
    parser = try SAXParser(handler: handler, fileName: archive.fileName, partName: entry.name)
    if unfiltered != nil && stream.inflates { blanker = CellBlanker(preread: handler.preread, squeezing: true) }
    self.unfiltered = unfiltered
  }

  private init(sheet: SheetInfo) {
    self.sheet = sheet
    stream = nil
    parser = nil
    handler = nil
    unfiltered = nil
    finished = true
  }

  static func empty(sheet: SheetInfo) -> RowCursor { RowCursor(sheet: sheet) }

  /// The next row with cells, or nil at the end of the sheet.
  public func next() throws(XLSXError) -> Row? {
    guard let handler, let stream, let parser else { return nil }
    while position == handler.pendingRows.count {
      handler.pendingRows.removeAll(keepingCapacity: true)
      position = 0
      if finished { return nil }
      do {
        if let chunk = try nextChunk(of: stream) {
          try parser.feed(chunk, isLast: stream.finished)
          finished = stream.finished
        } else {
          finished = true
          try parser.finish()
        }
      } catch {
        finished = true
        throw (unfilteredError() ?? error).located(sheet: sheet.name)
      }
    }
    defer { position += 1 }
    return handler.pendingRows[position]
  }

  /// The error the part gives when read without blanking, once blanking has blanked
  /// something. Blanking keeps every line, and the rows before the error are the same;
  /// but libxml2 quotes the bytes after some faults (`Input is not proper UTF-8 … Bytes:
  /// 0xBE 0x22 0x3E 0x3C`), and those may have been blanked; and it reports columns,
  /// which squeezed cells shift. So the part is read once more, only on this path, for
  /// the error the file itself gives.
  private func unfilteredError() -> XLSXError? {
    guard blanker?.blankedAnything == true, let unfiltered else { return nil }
    do {
      let cursor = try unfiltered()
      while try cursor.next() != nil {}
      return nil
    } catch {
      return error
    }
  }

  /// Reads the rest of the sheet and returns the cells of its rows, in file order, for a
  /// cursor made collecting cells (``Workbook/rows(of:blankingCells:collectingCells:)``),
  /// whose ``next()`` gives no rows.
  func remainingCells() throws(XLSXError) -> [Cell] {
    while try next() != nil {}
    return handler?.takeCells() ?? []
  }

  /// Cells ``CellBlanker`` has blanked so far (for tests).
  var blankedCells: Int { blanker?.blankedCells ?? 0 }

  /// Cells ``CellBlanker`` has read ahead so far (for tests).
  var prereadCells: Int { blanker?.prereadCells ?? 0 }

  /// Merged ranges ``CellBlanker`` has read ahead so far (for tests).
  var prereadMergedRanges: Int { blanker?.prereadMergedRanges ?? 0 }

  /// Rows ``CellBlanker`` has read ahead so far (for tests).
  var prereadRows: Int { blanker?.prereadRows ?? 0 }

  /// Empty elements the handler ignores ``CellBlanker`` has blanked so far (for tests).
  var blankedIgnoredElements: Int { blanker?.blankedIgnoredElements ?? 0 }

  /// The next chunk of the part, passed through ``blanker`` when it is on.
  private func nextChunk(of stream: PartStream) throws(XLSXError) -> UnsafeRawBufferPointer? {
    guard blanker != nil else { return try stream.next() }
    guard let chunk = try stream.nextWritable() else { return nil }
    let count = blanker!.blank(chunk)
    return UnsafeRawBufferPointer(start: chunk.baseAddress, count: count)
  }

  /// The merged ranges of the sheet, sorted; complete once ``next()`` has returned nil.
  public var mergedRanges: [CellRange] { (handler?.mergedRanges ?? []).sorted() }

  /// The `<dimension>` the file declares, if any (a hint: it may be absent or wrong).
  public var declaredDimension: CellRange? { handler?.declaredDimension }
}
