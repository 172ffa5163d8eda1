// The code path of the reader's fuzz target, shared by `Fuzz/run` (which compiles this
// file into one module with Sources/XLSX, defining JIXIAO_FUZZ) and by
// FuzzRegressionTests, so that every input found by fuzzing replays exactly.
import OrderedJSON

#if !JIXIAO_FUZZ
@testable import XLSX
#endif

/// Drives the reader with one fuzz input. The first byte picks the mode (`byte % 14`)
/// and, for the packed modes, which dump runs (`byte / 14 % 2`: JSON or TSV):
///
/// - whole file: the rest of the input is the .xlsx;
/// - packed part (7 modes): the rest replaces that part of a small fixed workbook
///   (a stored ZIP);
///
/// each is then read the way jixiao reads a workbook: opened, every sheet loaded into a
/// grid and dumped. The direct modes (6) skip the package: the second byte picks a chunk
/// size (`1 << (byte % 17)`, 1 B to 64 KiB) and the rest is pushed through the part's SAX
/// handler in chunks of that size, as PartStream would deliver a bigger part. The direct
/// worksheet mode also reads the input through ``CellBlanker`` and without it, and
/// stops (a finding) when the two differ.
///
/// Thrown ``XLSXError``s are the reader doing its job; only crashes, leaks, hangs and
/// runaway memory are findings.
enum ReaderFuzzHarness {
  enum Mode: UInt8, CaseIterable, Sendable {
    case wholeFile = 0
    case worksheet = 1
    case sharedStrings = 2
    case workbook = 3
    case styles = 4
    case workbookRelationships = 5
    case packageRelationships = 6
    case contentTypes = 7
    case directWorksheet = 8
    case directSharedStrings = 9
    case directWorkbook = 10
    case directStyles = 11
    case directRelationships = 12
    case directContentTypes = 13

    /// The part a packed mode's payload replaces (nil for a whole file and direct modes).
    var packedPart: String? {
      switch self {
      case .worksheet: "xl/worksheets/sheet1.xml"
      case .sharedStrings: "xl/sharedStrings.xml"
      case .workbook: "xl/workbook.xml"
      case .styles: "xl/styles.xml"
      case .workbookRelationships: "xl/_rels/workbook.xml.rels"
      case .packageRelationships: "_rels/.rels"
      case .contentTypes: "[Content_Types].xml"
      default: nil
      }
    }
  }

  /// What reading the input gave, for the regression tests to assert on.
  struct Outcome: Sendable {
    var mode: Mode?
    /// The first error: opening the workbook, or the direct parse.
    var error: XLSXError?
    var sheetNames: [String] = []
    /// Cells loaded (into grids, over all sheets), or items a direct parse produced.
    var count = 0
    /// The first error of each sheet that failed, in sheet order.
    var sheetErrors: [XLSXError] = []
  }

  static func mode(of input: UnsafeBufferPointer<UInt8>) -> Mode? {
    input.first.map { Mode(rawValue: $0 % UInt8(Mode.allCases.count))! }
  }

  static func run(_ input: UnsafeBufferPointer<UInt8>) -> Outcome {
    guard let first = input.first, let mode = mode(of: input) else { return Outcome() }
    let payload = UnsafeBufferPointer(rebasing: input[1...])
    let dumpJSON = first / UInt8(Mode.allCases.count) % 2 == 0
    var outcome: Outcome
    switch mode {
    case .wholeFile:
      outcome = read(payload, dumpJSON: dumpJSON)
    case .worksheet, .sharedStrings, .workbook, .styles, .workbookRelationships, .packageRelationships,
      .contentTypes:
      outcome = read(FuzzFixedPackage.bytes(replacing: mode.packedPart!, with: payload), dumpJSON: dumpJSON)
    case .directWorksheet, .directSharedStrings, .directWorkbook, .directStyles, .directRelationships,
      .directContentTypes:
      outcome = parseDirectly(payload, mode: mode)
    }
    outcome.mode = mode
    return outcome
  }

  static func run(_ input: [UInt8]) -> Outcome {
    input.withUnsafeBufferPointer { run($0) }
  }

  /// Everything a caller of the reader does with a workbook.
  static func read(_ bytes: some Collection<UInt8>, dumpJSON: Bool) -> Outcome {
    var outcome = Outcome()
    let workbook: Workbook
    do {
      workbook = try Workbook(bytes: bytes, fileName: "fuzz.xlsx")
    } catch {
      checkPartMemo(bytes, gives: .failure(error))
      checkSharedStringsReadAhead(bytes, gives: .failure(error))
      outcome.error = error
      return outcome
    }
    checkPartMemo(bytes, gives: .success(workbook))
    checkSharedStringsReadAhead(bytes, gives: .success(workbook))
    outcome.sheetNames = workbook.sheets.map(\.name)
    for sheet in workbook.sheets {
      _ = workbook.sheet(named: sheet.name.uppercased())
      do {
        let grid = try workbook.grid(of: sheet)
        outcome.count += grid.cells.count
        inspect(grid)
        // The dumps stream the sheet a second time.
        if dumpJSON { _ = try WorkbookDump.sheetJSON(sheet, of: workbook).serialized() }
      } catch {
        outcome.sheetErrors.append(error)
      }
    }
    if !dumpJSON {
      var written = 0
      do { try WorkbookDump.tsv(of: workbook) { written += $0.utf8.count } } catch {}
    }
    return outcome
  }

  /// One memo for the whole run, so that fuzzed parts meet remembered ones.
  static let partMemo = PartMemo()

  /// Opens `bytes` twice through ``partMemo`` (the second time its small parts are
  /// remembered, unless they failed) and stops, a finding, when either differs from
  /// `plain`, the workbook opened without a memo.
  static func checkPartMemo(_ bytes: some Collection<UInt8>, gives plain: Result<Workbook, XLSXError>) {
    for _ in 0..<2 {
      let viaMemo = Result { () throws(XLSXError) in try Workbook(bytes: bytes, fileName: "fuzz.xlsx", memo: partMemo) }
      switch (plain, viaMemo) {
      case (.success(let expected), .success(let read)):
        precondition(read.numberFormatKinds == expected.numberFormatKinds, "PartMemo changed the number formats")
        precondition(read.sheets == expected.sheets, "PartMemo changed the sheets")
        precondition(read.uses1904DateSystem == expected.uses1904DateSystem, "PartMemo changed the date system")
        precondition(read.sharedStrings == expected.sharedStrings, "PartMemo changed the shared strings")
      case (.failure(let expected), .failure(let read)):
        precondition(read.description == expected.description, "PartMemo changed the error")
      default:
        preconditionFailure("PartMemo changed whether the workbook opens")
      }
    }
  }

  /// Opens `bytes` with the shared strings read by libxml2 alone and stops, a finding,
  /// when the workbook or the error differs from `plain` (read ahead as usual).
  static func checkSharedStringsReadAhead(_ bytes: some Collection<UInt8>, gives plain: Result<Workbook, XLSXError>) {
    let alone = Result { () throws(XLSXError) in
      try Workbook(bytes: bytes, fileName: "fuzz.xlsx", readingSharedStringsAhead: false)
    }
    switch (plain, alone) {
    case (.success(let expected), .success(let read)):
      precondition(
        read.sharedStrings.map { Array($0.utf8) } == expected.sharedStrings.map { Array($0.utf8) },
        "reading ahead changed the shared strings")
    case (.failure(let expected), .failure(let read)):
      precondition(read.description == expected.description, "reading ahead changed the error")
    default:
      preconditionFailure("reading the shared strings ahead changed whether the workbook opens")
    }
  }

  private static func inspect(_ grid: SheetGrid) {
    _ = grid.usedRange
    for cell in grid.cells {
      _ = grid.displayedCell(at: cell.reference)
      _ = cell.value.number
    }
    for range in grid.mergedRanges {
      _ = grid.displayedCell(at: range.last)
      _ = grid[range.first.row, range.first.column]
    }
  }

  // MARK: - Direct modes

  /// The shared strings and format kinds the direct worksheet mode types cells with.
  private static let sharedStrings = ["项目名称", "rich text", "漢字", "A_x0042_"]
  private static let formatKinds: [NumberFormatKind] = [.number, .dateTime, .percent, .duration, .dateTime, .duration]

  static func parseDirectly(_ input: UnsafeBufferPointer<UInt8>, mode: Mode) -> Outcome {
    var outcome = Outcome()
    guard let sizeByte = input.first else { return outcome }
    let chunkSize = 1 << Int(sizeByte % 17)
    let payload = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[1...]))
    let limits = ReadLimits()
    let handler: SAXHandler
    var worksheetCells: [Cell] = []
    switch mode {
    case .directWorksheet:
      handler = WorksheetHandler(sharedStrings: sharedStrings, formatKinds: formatKinds, uses1904: payload.count % 2 == 1, limits: limits)
    case .directSharedStrings: handler = SharedStringsHandler(limits: limits)
    case .directWorkbook: handler = WorkbookPartHandler()
    case .directStyles: handler = StylesHandler()
    case .directRelationships: handler = RelationshipsHandler(sourcePart: "xl/workbook.xml")
    default: handler = ContentTypesHandler()
    }
    do {
      let parser = try SAXParser(handler: handler, fileName: "fuzz.xlsx", partName: "part.xml")
      var offset = 0
      repeat {
        let end = min(offset + chunkSize, payload.count)
        try parser.feed(UnsafeRawBufferPointer(rebasing: payload[offset..<end]), isLast: end == payload.count)
        offset = end
        if let worksheet = handler as? WorksheetHandler {
          for row in worksheet.pendingRows { worksheetCells += row.cells }
          worksheet.pendingRows.removeAll(keepingCapacity: true)
        }
      } while offset < payload.count
    } catch {
      outcome.error = error
    }
    if mode == .directWorksheet { checkBlanking(payload, chunkSize: chunkSize) }
    switch handler {
    case let worksheet as WorksheetHandler:
      let grid = SheetGrid(sheet: SheetInfo(index: 0, name: "Sheet1"), cells: worksheetCells, mergedRanges: worksheet.mergedRanges)
      inspect(grid)
      for cell in grid.cells { _ = WorkbookDump.cellEntry(cell) }
      _ = worksheet.declaredDimension
      outcome.count = grid.cells.count
    case let strings as SharedStringsHandler: outcome.count = strings.strings.count
    case let workbook as WorkbookPartHandler: outcome.count = workbook.sheets.count
    case let styles as StylesHandler:
      let kinds = styles.kinds
      outcome.count = kinds.count
    case let relationships as RelationshipsHandler:
      outcome.count = relationships.relationships.count
      for relationship in relationships.relationships { _ = relationshipsPath(of: relationship.target) }
    case let types as ContentTypesHandler: outcome.count = types.overrides.count
    default: break
    }
    return outcome
  }
}

extension ReaderFuzzHarness {
  /// What a direct worksheet parse gives: the cells of the chunks parsed without error,
  /// the merged ranges, the dimension and the error.
  struct WorksheetReading: Equatable {
    var cells: [Cell] = []
    var mergedRanges: [CellRange] = []
    var dimension: CellRange?
    var error: XLSXError?
    /// The blanker blanked a text with characters beyond ASCII (see
    /// ``CellBlanker/columnsMayShift``).
    var columnsMayShift = false
  }

  /// Parses `payload` as a worksheet in chunks of `chunkSize`, each copied and, when
  /// `blanking`, passed through ``CellBlanker`` first (squeezing, as the reader does, when
  /// `squeezing`).
  static func readWorksheet(
    _ payload: UnsafeRawBufferPointer, chunkSize: Int, blanking: Bool, squeezing: Bool = false
  ) -> WorksheetReading {
    var reading = WorksheetReading()
    let handler = WorksheetHandler(
      sharedStrings: sharedStrings, formatKinds: formatKinds, uses1904: false, limits: ReadLimits())
    var blanker = CellBlanker(preread: handler.preread, squeezing: squeezing)
    // A copy of each chunk: the blanker writes, and the payload is the fuzzer's.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 1), alignment: 1)
    defer { scratch.deallocate() }
    do {
      let parser = try SAXParser(handler: handler, fileName: "fuzz.xlsx", partName: "part.xml")
      var offset = 0
      repeat {
        let end = min(offset + chunkSize, payload.count)
        let chunk = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<(end - offset)])
        chunk.copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[offset..<end]))
        let count = blanking ? blanker.blank(chunk) : chunk.count
        try parser.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<count]), isLast: end == payload.count)
        offset = end
        for row in handler.pendingRows { reading.cells += row.cells }
        handler.pendingRows.removeAll(keepingCapacity: true)
      } while offset < payload.count
    } catch {
      reading.error = error
    }
    reading.columnsMayShift = blanker.columnsMayShift
    reading.mergedRanges = handler.mergedRanges
    reading.dimension = handler.declaredDimension
    return reading
  }

  /// The differential check of ``CellBlanker``, blanking and blanking squeezed: neither
  /// may change anything the reader returns, and an error must come at the same place
  /// (code, line, and column unless a text beyond ASCII was blanked or cells were
  /// squeezed). Its message may differ, as libxml2 quotes the bytes after some faults;
  /// the reader takes the error from a second, unfiltered read
  /// (`RowCursor.unfilteredError()`). A difference is a finding.
  static func checkBlanking(_ payload: UnsafeRawBufferPointer, chunkSize: Int) {
    let plain = readWorksheet(payload, chunkSize: chunkSize, blanking: false)
    for squeezing in [false, true] {
      var blanked = readWorksheet(payload, chunkSize: chunkSize, blanking: true, squeezing: squeezing)
      let blankedError = blanked.error
      let samePlace =
        blanked.error?.code == plain.error?.code && blanked.error?.line == plain.error?.line
        && (squeezing || blanked.columnsMayShift || blanked.error?.column == plain.error?.column)
      blanked.error = plain.error
      blanked.columnsMayShift = false
      // Merged ranges read ahead are kept apart from those libxml2 parsed, and may lie past
      // an error; the reader sorts them and uses them only when the part parsed without
      // one. So they are compared sorted, and not after an error.
      if plain.error != nil || blanked.mergedRanges.sorted() == plain.mergedRanges.sorted() {
        blanked.mergedRanges = plain.mergedRanges
      }
      guard samePlace, plain == blanked else {
        fatalError(
          "CellBlanker\(squeezing ? " (squeezing)" : "") changed the reading: \(plain) became \(blanked), "
            + "with the error " + (blankedError.map { "\($0)" } ?? "none"))
      }
    }
  }
}

/// The fixed workbook a part is packed into: two worksheets (one with shared strings,
/// styled numbers, dates, inline strings, formulas and merges), a chart sheet, a sheet
/// without a relationship, shared strings and styles.
enum FuzzFixedPackage {
  static let parts: [(name: String, data: [UInt8])] = [
    (
      "[Content_Types].xml",
      xml(
        """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        </Types>
        """)
    ),
    (
      "_rels/.rels",
      xml(
        """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """)
    ),
    (
      "xl/workbook.xml",
      xml(
        """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <workbookPr date1904="false"/><sheets>\
        <sheet name="Sheet1" sheetId="1" r:id="rId1"/>\
        <sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/>\
        <sheet name="Chart" sheetId="3" r:id="rId5"/>\
        <sheet name="NoPart" sheetId="4"/>\
        </sheets></workbook>
        """)
    ),
    (
      "xl/_rels/workbook.xml.rels",
      xml(
        """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
        <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/>\
        <Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>\
        <Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>\
        </Relationships>
        """)
    ),
    (
      "xl/worksheets/sheet1.xml",
      xml(
        """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <dimension ref="A1:F4"/><sheetData>\
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>44197.5</v></c><c r="C1" s="2"><v>0.25</v></c>\
        <c r="D1" t="inlineStr"><is><t>in_x000D_line</t></is></c><c r="E1" t="b"><v>1</v></c><c r="F1" t="e"><v>#N/A</v></c></row>\
        <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="3"><v>1.5</v></c><c r="C2" t="str"><f>A1&amp;"x"</f><v>textx</v></c>\
        <c r="D2"><f>SUM(B1:B2)</f></c><c r="E2" t="d"><v>2021-01-01T08:30:00</v></c></row>\
        <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="4"><v>3</v></c><c s="5"><v>-1e3</v></c></row>\
        <row r="4"><c r="A4" t="s"><v>3</v></c></row>\
        </sheetData><mergeCells count="2"><mergeCell ref="A5:B6"/><mergeCell ref="C3:D4"/></mergeCells></worksheet>
        """)
    ),
    (
      "xl/worksheets/sheet2.xml",
      xml(
        """
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row><c><v>1</v></c><c t="s"><v>0</v></c></row><row r="3"><c r="B3" s="1"><v>2</v></c></row>\
        </sheetData></worksheet>
        """)
    ),
    (
      "xl/sharedStrings.xml",
      xml(
        """
        <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">\
        <si><t>项目名称</t></si>\
        <si><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> text</t></r></si>\
        <si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh></si>\
        <si><t>_x0041__x005F_x0042_</t></si>\
        </sst>
        """)
    ),
    (
      "xl/styles.xml",
      xml(
        """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/>\
        <numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="9"/>\
        <xf numFmtId="46"/><xf numFmtId="164"/><xf numFmtId="165"><alignment/></xf></cellXfs>\
        </styleSheet>
        """)
    ),
  ]

  private static func xml(_ text: String) -> [UInt8] {
    Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8) + Array(text.utf8)
  }

  /// The fixed package with `name` replaced by `data`. Replacing the content types
  /// also drops `_rels/.rels`, so that the reader has to find the workbook through them.
  static func bytes(replacing name: String, with data: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var zip = others[name]!
    zip.add(name, data)
    return zip.finish()
  }

  /// For each part, a ZIP of all the other parts, ready for that part to be added.
  private static let others: [String: FuzzStoredZip] = Dictionary(
    uniqueKeysWithValues: parts.map { replaced in
      var zip = FuzzStoredZip()
      for part in parts where part.name != replaced.name {
        if replaced.name == "[Content_Types].xml" && part.name == "_rels/.rels" { continue }
        part.data.withUnsafeBufferPointer { zip.add(part.name, $0) }
      }
      return (replaced.name, zip)
    })
}

/// A minimal ZIP writer: stored entries only.
struct FuzzStoredZip {
  private var output: [UInt8] = []
  private var directory: [UInt8] = []
  private var count = 0

  mutating func add(_ name: String, _ data: UnsafeBufferPointer<UInt8>) {
    let nameBytes = Array(name.utf8)
    let crc = FuzzCRC32.checksum(data)
    let offset = output.count
    func header(_ bytes: inout [UInt8]) {
      bytes.fuzzLE16(20)  // version needed
      bytes.fuzzLE16(0)  // flags
      bytes.fuzzLE16(0)  // stored
      bytes.fuzzLE16(0)  // time
      bytes.fuzzLE16(0x21)  // date 1980-01-01
      bytes.fuzzLE32(crc)
      bytes.fuzzLE32(UInt32(data.count))
      bytes.fuzzLE32(UInt32(data.count))
      bytes.fuzzLE16(UInt16(nameBytes.count))
      bytes.fuzzLE16(0)  // extra
    }
    output.fuzzLE32(0x0403_4b50)
    header(&output)
    output += nameBytes
    output += data
    directory.fuzzLE32(0x0201_4b50)
    directory.fuzzLE16(20)  // made by
    header(&directory)
    directory.fuzzLE16(0)  // comment
    directory.fuzzLE16(0)  // disk
    directory.fuzzLE16(0)  // internal attributes
    directory.fuzzLE32(0)  // external attributes
    directory.fuzzLE32(UInt32(offset))
    directory += nameBytes
    count += 1
  }

  func finish() -> [UInt8] {
    var output = output
    let directoryOffset = output.count
    output += directory
    output.fuzzLE32(0x0605_4b50)
    output.fuzzLE16(0)
    output.fuzzLE16(0)
    output.fuzzLE16(UInt16(count))
    output.fuzzLE16(UInt16(count))
    output.fuzzLE32(UInt32(directory.count))
    output.fuzzLE32(UInt32(directoryOffset))
    output.fuzzLE16(0)
    return output
  }
}

enum FuzzCRC32 {
  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
    return value
  }

  static func checksum(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
    table.withUnsafeBufferPointer { table in
      var crc: UInt32 = 0xFFFF_FFFF
      for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
      return ~crc
    }
  }
}

extension [UInt8] {
  fileprivate mutating func fuzzLE16(_ value: UInt16) {
    append(UInt8(value & 0xFF))
    append(UInt8(value >> 8))
  }

  fileprivate mutating func fuzzLE32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
  }
}
