#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Overwrites with spaces, in each inflated chunk of a worksheet part before libxml2
/// parses it, the cells libxml2 need not see: empty styled cells, and (with a
/// ``PrereadCells``) the cells it reads whole itself.
///
/// **Empty styled cells**, `<c r="J1" s="4"/>`, give ``WorksheetHandler`` no cell, yet cost
/// libxml2 about 1,600 instructions more as an element than as the white space they
/// become, which the handler ignores between cells. Spaces keep every offset, line and
/// column libxml2 reports. Squeezed (the reader's setting), a blanked cell leaves libxml2
/// one space to read rather than one a byte (scanning those spaces, `xmlParseCharData`
/// was libxml2's costliest function on the merge benchmark's forms). Lines stay; offsets
/// and columns change, and neither is taken from libxml2 where it matters: a cell read
/// ahead records its end where libxml2 reads it (one space on, so it is still taken in
/// after the events before it and before those after it), and errors come from an
/// unfiltered read. A cell is blanked only where that changes no state of the
/// handler that anything reads later, so rows, cells and errors come out the same for any
/// input, well-formed or not. A candidate is exactly `<c r="REF" s="DIGITS"/>` (or `s`
/// first, one kind of quote), `REF` an upper-case A1 reference on the row, directly inside
/// a non-empty `<row r="N">` that is a child of `<sheetData>` under the root
/// `<worksheet>`, in a row where every cell so far began with `<c r="…">` on that row (so
/// the handler's row is still `N`). The next bytes of the same chunk must be `<c r=` or
/// `</row>` then `<row`: both reset the next column, the one thing the blanked cell would
/// have set.
///
/// **Cells read ahead** (see ``prereadCell(at:_:)``): a row's cells written the way
/// spreadsheet writers write them, with a value, a formula or an inline string, are read
/// here in a few instructions a byte into ``PrereadCells``, then blanked; libxml2 would
/// spend about 3,000 instructions on each. The handler takes each in at its place. The
/// grammar read is strict and every text is checked to be what libxml2 would pass on
/// unchanged; anything else is left to libxml2, which stays the parser of the part.
///
/// **Empty elements the handler ignores** (see ``isIgnoredEmptyTag(_:_:_:)``): `<col
/// min="1" max="1" width="8"/>`, `<sheetView workbookViewId="0"/>`, `<pageMargins …/>`
/// and the like, written plainly, are blanked: libxml2 spends about 1,500 instructions
/// on each, and the handler does nothing with them.
///
/// **Rows read ahead** (see ``readRowAhead(endTag:_:)``): squeezing, with a
/// ``PrereadCells``, a row whose cells were all blanked, its start tag plain
/// (`<row r="N" spans="1:26">`) and its end tag `</row>`, is itself read into it and
/// squeezed to one space: libxml2 and the handler spend about 2,500 instructions on the
/// two tags of each row of a form.
///
/// **Merged ranges read ahead** (see ``prereadMergedRange(at:_:)``): with a
/// ``PrereadCells``, the lexer goes on after `</sheetData>`, and each
/// `<mergeCell ref="A1:B2"/>` is read into it, then blanked.
///
/// The lexer follows comments, CDATA, processing instructions, tags and quoted attribute
/// values across chunks. A part that is not UTF-8, any other `<!` construct and a root
/// other than `<worksheet>` turn it off for the rest of the part. A tag split between
/// two chunks is never blanked, and a `<row>` or `<c>` tag split so is taken as unclean.
/// It allocates only for the cells it reads ahead.
struct CellBlanker {
  private enum Lexer {
    /// Before the first chunk, whose prolog decides whether to filter at all.
    case start
    /// Character data, looking for `<`.
    case content
    /// Just after a `<` that ended the previous chunk.
    case markup
    /// After `<!`: ``matched`` bytes of `--` or `[CDATA[` seen.
    case bang
    /// In the name of a start tag begun in an earlier chunk.
    case tagName
    /// In a tag begun in an earlier chunk, after its name, outside quotes.
    case tag
    /// In an attribute value that ends at ``quote``.
    case quoted
    case comment, cdata, processingInstruction
    /// Filtering stopped for the rest of the part.
    case off
  }

  /// What a start tag's name means here.
  private enum Name { case other, prefixed, worksheet, sheetData, row, cell }

  private var lexer = Lexer.start
  private var quote: UInt8 = 0
  /// Bytes of a terminator (`--`, `]]`, `?` before `>`) or of a `<!` prefix seen so far.
  private var matched = 0
  private var bangIsComment = false
  /// The last byte of a split tag outside quotes (`/` before `>` makes it empty).
  private var previous: UInt8 = 0
  private var isEndTag = false
  /// A split start tag's name so far: its first 9 bytes and its length.
  private var nameBytes: (UInt64, UInt8) = (0, 0)
  private var nameLength = 0
  private var namePrefixed = false
  /// What a split start tag opens if it turns out not to be empty.
  private var opening = Name.other

  /// Elements open.
  private var depth = 0
  private var rootSeen = false
  /// A `<sheetData>` is open as a child of the root.
  private var inSheetData = false
  /// The `r` of the open `<row>` child of `<sheetData>` (1-based), 0 when none or not one
  /// to filter in.
  private var row = 0
  /// Every `<c>` in ``row`` so far, at any depth, began `<c r="…"` on that row, and no
  /// other element in it could be a cell or a row to the handler.
  private var rowClean = false
  /// The element open at depth 3 is a `<row>` child of `<sheetData>` (whatever its `r`).
  private var rowOpen = false
  /// The handler's next column in the open row when known (a cell without `r` takes it),
  /// else `Int.max`: 0 when the row opens, then set by each cell read ahead.
  private var columnBound = Int.max

  /// Cells blanked so far (those read ahead included).
  private(set) var blankedCells = 0
  /// Cells read ahead into ``preread`` so far.
  private(set) var prereadCells = 0
  /// Merged ranges read ahead into ``preread`` so far (see ``prereadMergedRange(at:_:)``).
  private(set) var prereadMergedRanges = 0
  /// Rows read ahead into ``preread`` so far (see ``readRowAhead(endTag:_:)``).
  private(set) var prereadRows = 0
  /// Empty elements the handler ignores blanked so far (see ``isIgnoredEmptyTag(_:_:_:)``).
  private(set) var blankedIgnoredElements = 0
  /// Whether any byte of the part was blanked (a cell, a row, a merged range or an
  /// ignored element), so that an error is to be taken from an unfiltered read.
  var blankedAnything: Bool {
    blankedCells > 0 || prereadMergedRanges > 0 || prereadRows > 0 || blankedIgnoredElements > 0
  }
  /// Bytes of the part given so far.
  private var scannedBytes = 0

  /// A part that has blanked fewer than one cell per this many bytes is not worth the scan
  /// (about 10 instructions a byte, where a blanked cell saves libxml2 about 1,600), once
  /// ``trialBytes`` have been scanned: a data sheet of 200,000 valued rows is then left
  /// alone after its first chunks. Stopping never changes what the reader returns.
  static let bytesPerBlankedCell = 160
  static let trialBytes = 256 << 10

  /// Where cells with a value that can be read whole go (see ``PrereadCells``); nil to
  /// blank empty cells only.
  private let preread: PrereadCells?
  /// The offset in the part of the current chunk's first byte, and that byte.
  private var chunkOffset = 0
  private var chunkBase: UnsafeMutablePointer<UInt8>?
  /// Cells are blanked only up to here in the current chunk (see ``lookAheadMark(_:_:)``).
  private var blankableEnd: UnsafeMutablePointer<UInt8>?

  /// The last `>` of the chunk before its last `<` (nil when there is none). libxml2's push
  /// parser decides how far it may parse a chunk from the last `<` and `>` it holds
  /// (`xmlParseGetLasts`); blanking a cell wholly before this `>` leaves both where they
  /// were, so libxml2 parses the same events in the same call of `xmlParseChunk`, and a
  /// row ends, or an error stops the part, in the same chunk as without blanking.
  private static func lookAheadMark(
    _ base: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var lastOpen = end
    while lastOpen > base {
      lastOpen -= 1
      if lastOpen.pointee == UInt8(ascii: "<") { break }
    }
    guard lastOpen.pointee == UInt8(ascii: "<") else { return nil }
    var close = lastOpen
    while close > base {
      close -= 1
      if close.pointee == UInt8(ascii: ">") { return close }
    }
    return nil
  }

  /// Whether a cell ending at `cellEnd` may be blanked (see ``blankableEnd``).
  @inline(__always)
  private func mayBlank(upTo cellEnd: UnsafeMutablePointer<UInt8>) -> Bool {
    guard let blankableEnd else { return false }
    return cellEnd <= blankableEnd
  }

  /// A blanker of empty cells; with `preread`, it also reads the cells with a value that
  /// it can read whole into it, and blanks them too. With `squeezing`, each cell blanked
  /// (but one whose text keeps line feeds) leaves a single space for libxml2 to read
  /// instead of a space a byte; offsets and columns then change, lines do not.
  init(preread: PrereadCells? = nil, squeezing: Bool = false) {
    self.preread = preread
    squeezes = squeezing
  }

  // MARK: Squeezing

  private let squeezes: Bool
  /// Bytes given to libxml2 so far: the offset, in what libxml2 reads, of the chunk's
  /// first byte (``chunkOffset``); ``scannedBytes`` when not squeezing.
  private var givenBytes = 0
  /// A chunk is squeezed as it is scanned: the bytes before ``unmoved`` have been moved up
  /// to end at ``kept`` (the same place until a run is squeezed), the bytes from
  /// ``unmoved`` on are where they were.
  private var kept: UnsafeMutablePointer<UInt8>?
  private var unmoved: UnsafeMutablePointer<UInt8>?
  /// Bytes the runs squeezed so far in this chunk lost.
  private var squeezedInChunk = 0

  /// Whether the blanked run `start..<end` is squeezed to one space (rather than
  /// overwritten with spaces).
  @inline(__always)
  private func isSqueezed(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Bool {
    squeezes && end - start > 1
  }

  /// Squeezes the run `start..<end`, which follows every run squeezed before in the chunk,
  /// to one space: the bytes since the last run are moved up to ``kept``, then the space.
  /// The run's bytes are dropped, so it needs no spaces written, and must not be read after.
  @inline(__always)
  private mutating func squeezeRun(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) {
    guard let kept, let unmoved else { return }
    let gap = start - unmoved
    if kept != unmoved, gap > 0 { memmove(kept, unmoved, gap) }
    kept[gap] = UInt8(ascii: " ")
    self.kept = kept + gap + 1
    self.unmoved = end
    squeezedInChunk &+= end - start - 1
  }

  /// Blanks the run `start..<end`: squeezed, else overwritten with spaces.
  @inline(__always)
  private mutating func blankRun(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) {
    if isSqueezed(start, end) {
      squeezeRun(start, end)
    } else {
      Self.fillWithSpaces(start, end)
    }
  }

  /// Blanks the candidates of the next chunk of the part, in place, and returns how many
  /// of its bytes libxml2 is to parse: all of them, or, when squeezing, fewer (each run of
  /// blanked bytes squeezed to one space and the rest moved up). Every chunk of the part
  /// must be given, in order.
  @discardableResult
  mutating func blank(_ chunk: UnsafeMutableRawBufferPointer) -> Int {
    let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self)
    kept = base
    unmoved = base
    squeezedInChunk = 0
    blankInPlace(chunk)
    var count = chunk.count
    if let base, let kept, let unmoved, kept != unmoved {
      // The bytes after the last run.
      let rest = base + chunk.count - unmoved
      if rest > 0 { memmove(kept, unmoved, rest) }
      count = kept + rest - base
    }
    self.kept = nil
    self.unmoved = nil
    givenBytes += count
    return count
  }

  private mutating func blankInPlace(_ chunk: UnsafeMutableRawBufferPointer) {
    guard let raw = chunk.baseAddress, !chunk.isEmpty else { return }
    if scannedBytes >= Self.trialBytes, blankedCells * Self.bytesPerBlankedCell < scannedBytes { lexer = .off }
    chunkOffset = givenBytes
    scannedBytes += chunk.count
    let base = raw.assumingMemoryBound(to: UInt8.self)
    chunkBase = base
    openRowTag = nil
    let end = base + chunk.count
    blankableEnd = Self.lookAheadMark(base, end)
    if case .start = lexer { checkProlog(base, end) }
    var cursor = base
    while cursor < end {
      switch lexer {
      case .off, .start:
        return
      case .content:
        while cursor < end, cursor.pointee != UInt8(ascii: "<") { cursor += 1 }
        guard cursor < end else { return }
        if let next = wholeTag(at: cursor, end) {
          cursor = next
        } else {
          lexer = .markup
          cursor += 1
        }
      case .markup:
        cursor = markup(at: cursor)
      case .tagName:
        while cursor < end, !Self.endsName(cursor.pointee) {
          addNameByte(cursor.pointee)
          cursor += 1
        }
        guard cursor < end else { return }
        lexer = .tag  // before startTag, which may turn the filter off
        opening = splitName()
        startTag(named: opening, tagStart: nil, tagEnd: nil)
      case .tag:
        while cursor < end {
          let byte = cursor.pointee
          cursor += 1
          if byte == UInt8(ascii: ">") {
            lexer = .content
            endOfSplitTag()
            break
          }
          if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            quote = byte
            lexer = .quoted
            break
          }
          previous = byte
        }
      case .quoted:
        while cursor < end, cursor.pointee != quote { cursor += 1 }
        guard cursor < end else { return }
        cursor += 1
        previous = quote
        lexer = .tag
      case .bang:
        cursor = bang(at: cursor)
      case .comment:
        skip(&cursor, end, until: UInt8(ascii: "-"), times: 2)
      case .cdata:
        skip(&cursor, end, until: UInt8(ascii: "]"), times: 2)
      case .processingInstruction:
        skip(&cursor, end, until: UInt8(ascii: "?"), times: 1)
      }
    }
  }

  // MARK: - Tags within one chunk

  /// Reads the markup at `start` (a `<`) when it is a tag that ends in this chunk: applies
  /// it, blanks it if it is a candidate, and returns where content goes on. Nil for a tag
  /// that goes on into the next chunk, a comment, CDATA, a processing instruction or `<!`.
  @inline(__always)
  private mutating func wholeTag(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    guard end - start >= 2 else { return nil }
    let first = start[1]
    if first == UInt8(ascii: "/") {
      guard let tagEnd = Self.tagEnd(from: start + 2, end) else { return nil }
      if openRowTag != nil, depth == 3 { readRowAhead(endTag: start, tagEnd) }
      closeElement()
      return tagEnd
    }
    if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") { return nil }
    if first == UInt8(ascii: "m"), depth == 2, !inSheetData, let next = prereadMergedRange(at: start, end) {
      return next
    }
    if first == UInt8(ascii: "c"), end - start > 2, Self.endsName(start[2]) {
      if row != 0, rowClean, depth >= 3 { return cells(at: start, end) }
      if let next = prereadCell(at: start, end) { return next }
    }
    var nameEnd = start + 1
    var prefixed = false
    while nameEnd < end, !Self.endsName(nameEnd.pointee) {
      if nameEnd.pointee == UInt8(ascii: ":") { prefixed = true }
      nameEnd += 1
    }
    guard let tagEnd = Self.tagEnd(from: nameEnd, end) else { return nil }
    let name: Name
    switch nameEnd - start - 1 {
    case _ where prefixed: name = .prefixed
    case 1 where first == UInt8(ascii: "c"): name = .cell
    case 3 where Self.matches(start, end, "<row"): name = .row
    case 9 where Self.matches(start, end, "<sheetData"): name = .sheetData
    case 9 where Self.matches(start, end, "<worksheet"): name = .worksheet
    default: name = .other
    }
    if name == .other, depth >= 1, depth <= Self.maxIgnoredDepth, tagEnd[-2] == UInt8(ascii: "/"),
      mayBlank(upTo: tagEnd), Self.isIgnoredEmptyTag(start, nameEnd, tagEnd)
    {
      // Inside the root, so that startTag would change nothing but `openingRow`, which
      // only the next `<row>` tag reads (it sets it anew).
      blankRun(start, tagEnd)
      blankedIgnoredElements &+= 1
      return tagEnd
    }
    startTag(named: name, tagStart: start, tagEnd: tagEnd)
    if tagEnd[-2] != UInt8(ascii: "/") {
      openElement(name, rowNumber: openingRow)
      if name == .row, row != 0, squeezes, preread?.isFull == false, Self.isPlainRowTag(start, tagEnd) {
        openRowTag = (start, tagEnd - start, outputPosition(of: start), preread?.recordCount ?? 0)
      }
    }
    return tagEnd
  }

  /// The `<c>` tag at `start` in a row being filtered and the cells that follow it directly
  /// while the row stays so, read in one go. Nil when the first tag goes on into the next
  /// chunk; a later such tag is left to be read again from its `<` (a failed read changes
  /// nothing).
  @inline(__always)
  private mutating func cells(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var cell = start
    while true {
      guard let next = cellTag(at: cell, end) else { return cell == start ? nil : cell }
      guard row != 0, rowClean, depth >= 3, end - next > 2, next[0] == UInt8(ascii: "<"),
        next[1] == UInt8(ascii: "c"), Self.endsName(next[2])
      else { return next }
      cell = next
    }
  }

  /// A `<c>` tag at `start` in a row being filtered, the hot path: reads `r` once, to keep
  /// ``rowClean`` and to see whether the cell is a candidate, which it blanks.
  @inline(__always)
  private mutating func cellTag(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var cursor = start + 2
    var clean = false
    let quote = end - start > 6 ? start[5] : 0
    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"), start[2] == UInt8(ascii: " "),
      start[3] == UInt8(ascii: "r"), start[4] == UInt8(ascii: "=")
    {
      let value = start + 6
      let (close, column) = Self.reference(value, quote: quote, row: row, end)
      guard close < end else { return nil }
      cursor = close + 1
      if let column {
        clean = true
        if let styleEnd = Self.style(from: cursor, quote: quote, end) {
          if depth == 3, end - styleEnd >= 2, styleEnd[0] == UInt8(ascii: "/"), styleEnd[1] == UInt8(ascii: ">"),
            mayBlank(upTo: styleEnd + 2), followedByReset(styleEnd + 2, end)
          {
            blankRun(start, styleEnd + 2)
            blankedCells &+= 1
            return styleEnd + 2
          }
          cursor = Self.typeEnd(from: styleEnd, quote: quote, end) ?? styleEnd
        }
        let reference = CellReference(row: row - 1, column: column)
        if let next = prereadCell(at: start, end, reading: (reference, close + 1)) { return next }
      }
    }
    guard let tagEnd = Self.tagEnd(from: cursor, end) else { return nil }
    if !clean {
      if depth == 3, tagEnd - start >= 17, start[3] == UInt8(ascii: "s"), mayBlank(upTo: tagEnd),
        isCandidate(start, tagEnd, end)
      {
        blankRun(start, tagEnd)
        blankedCells += 1
        return tagEnd
      }
      // A cell without `r` read ahead takes the handler's row: the row stays clean.
      if let next = prereadCell(at: start, end) { return next }
      rowClean = false
    }
    columnBound = .max  // a cell libxml2 reads
    guard tagEnd[-2] != UInt8(ascii: "/") else { return tagEnd }
    // Most cells are `<v>…</v></c>` or `<is><t>…</t></is></c>`: read whole, they leave the
    // depth as it was.
    if end - tagEnd >= 11, tagEnd[0] == UInt8(ascii: "<") {
      if tagEnd[1] == UInt8(ascii: "v"), tagEnd[2] == UInt8(ascii: ">") {
        var text = tagEnd + 3
        while text < end, text.pointee != UInt8(ascii: "<") { text += 1 }
        if Self.matches(text, end, "</v></c>") { return text + 8 }
      } else if Self.matches(tagEnd, end, "<is><t>") {
        let text = Self.first(UInt8(ascii: "<"), from: tagEnd + 7, end)
        if Self.matches(text, end, "</t></is></c>") { return text + 13 }
      }
    }
    openElement(.cell, rowNumber: 0)
    return tagEnd
  }

  /// Reads the cell at `start` into ``preread`` and blanks it, when ``preread`` is on, the
  /// cell is a child of a `<row>` of `<sheetData>`, and it is, all before `end`, exactly
  /// `<c[ r="REF"][ s="DIGITS"][ t="LETTERS"]` (each quote `"` or `'`), then `/>`, or `>`
  /// and `[<f>FORMULA</f>]<v>TEXT</v></c>`, `<f>FORMULA</f></c>` or
  /// `<is><t>TEXT</t></is></c>`; the texts being character data that libxml2 passes on
  /// as it is (see ``characterData(from:_:)``), and taking the cell in unable to fail or
  /// to end a row: a reference on the row of a clean row (see ``rowClean``), a column
  /// known for a cell without one, a shared-string index in range. Then the cell, taken in
  /// at the next parser event, changes only the open row, which only libxml2's events end
  /// (or, for a row read ahead whole, its own end, read ahead after its cells).
  /// Returns the end of the cell; nil, having changed nothing, when the cell is not so.
  /// (A cell without `r` takes the handler's row and leaves ``rowClean`` as it is.)
  /// `known` is the `r` of a clean row's cell already read (by ``cellTag(at:_:)``) on
  /// ``row``, and where the tag goes on after it.
  @inline(__always)
  private mutating func prereadCell(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>,
    reading known: (reference: CellReference, next: UnsafeMutablePointer<UInt8>)? = nil
  ) -> UnsafeMutablePointer<UInt8>? {
    // `preread` is used through the property, not bound to a local: a local is a reference
    // retained and released for every cell.
    guard rowOpen, depth == 3, preread?.isFull == false, let chunkBase else { return nil }
    keepsLineFeeds = false
    blanksWideCharacters = false
    var cursor = start + 2
    let parsed: CellReference?
    if let known {
      parsed = known.reference
      cursor = known.next
    } else if let reference = Self.attribute(UInt8(ascii: "r"), at: &cursor, end, allowing: Self.isReferenceByte) {
      // On the handler's row, so that taking the cell in cannot end a row: rows end at
      // libxml2's events (or at their own end read ahead), in the chunk they would end in
      // anyway.
      guard row != 0, rowClean, let cell = CellReference.parse(reference), cell.row == row - 1 else { return nil }
      parsed = cell
    } else {
      guard columnBound < CellReference.maxColumns else { return nil }
      parsed = nil
    }
    let column = parsed?.column ?? columnBound
    let style = Self.attribute(UInt8(ascii: "s"), at: &cursor, end, allowing: Self.isDigit)
    let type = Self.attribute(UInt8(ascii: "t"), at: &cursor, end, allowing: Self.isLetter)
    var formula: UnsafeBufferPointer<UInt8>?
    var value: UnsafeBufferPointer<UInt8>?
    var isInlineString = false
    if Self.matches(cursor, end, "/>") {
      cursor += 2
    } else {
      guard cursor < end, cursor.pointee == UInt8(ascii: ">") else { return nil }
      cursor += 1
      if Self.matches(cursor, end, "<f>") {
        guard let text = characterData(from: cursor + 3, end), Self.matches(text.end, end, "</f>") else { return nil }
        formula = text.bytes
        cursor = text.end + 4
      }
      if Self.matches(cursor, end, "<v>") {
        guard let text = characterData(from: cursor + 3, end), Self.matches(text.end, end, "</v></c>") else {
          return nil
        }
        value = text.bytes
        cursor = text.end + 8
      } else if formula == nil, Self.matches(cursor, end, "<is><t>") {
        guard let text = characterData(from: cursor + 7, end), Self.matches(text.end, end, "</t></is></c>") else {
          return nil
        }
        value = text.bytes
        isInlineString = true
        cursor = text.end + 13
      } else if formula != nil, Self.matches(cursor, end, "</c>") {
        cursor += 4
      } else {
        return nil
      }
    }
    guard mayBlank(upTo: cursor) else { return nil }
    if let type, type.count == 1, type[0] == UInt8(ascii: "s"), let value {
      // An index out of range is an error the handler reports: left to it, at its place.
      guard !value.isEmpty, value.count <= 9, value.allSatisfy(Self.isDigit),
        let index = parseInteger(value), index < preread?.sharedStringCount ?? 0
      else { return nil }
    }
    // The cell's end where libxml2 reads it: past the runs squeezed before it and, when
    // it is squeezed itself, just past the one space it leaves.
    let squeezed = !keepsLineFeeds && isSqueezed(start, cursor)
    preread?.append(
      end: chunkOffset + (cursor - chunkBase) - squeezedInChunk - (squeezed ? cursor - start - 1 : 0),
      bytes: UnsafeBufferPointer(start: start, count: cursor - start),
      PrereadCells.Bytes(
        reference: parsed, style: style, type: type, formula: formula, value: value,
        isInlineString: isInlineString))
    columnBound = column + 1
    if keepsLineFeeds {
      Self.fillWithSpacesKeepingLineFeeds(start, cursor)
    } else if squeezed {
      squeezeRun(start, cursor)  // after its bytes were copied
    } else {
      Self.fillWithSpaces(start, cursor)
    }
    if blanksWideCharacters { columnsMayShift = true }
    blankedCells &+= 1
    prereadCells &+= 1
    return cursor
  }

  /// Reads the merged range at `start` (a `<`) into ``preread`` and blanks it, when
  /// ``preread`` is on and the tag, all before `end` of the chunk, is exactly
  /// `<mergeCell ref="RANGE"/>` (either quote) as a child of an element under the root,
  /// outside `<sheetData>` (the caller checks where), `RANGE` being upper-case letters,
  /// digits and a colon that make a range the handler reads. The handler adds every
  /// `mergeCell` it is given to its merged ranges and changes nothing else, and the
  /// ranges are used only once the part has parsed without error, so the range goes
  /// straight into ``PrereadCells/mergedRanges``. libxml2 and the handler spend about
  /// 1,500 instructions on each such element (a form sheet has dozens). Returns the end of
  /// the tag; nil, having changed nothing, when it is not so.
  @inline(__always)
  private mutating func prereadMergedRange(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    // `preread` through the property, not bound to a local, which was retained and
    // released for every range.
    guard preread != nil, end - start > 16, Self.matches(start, end, "<mergeCell ref=")
    else { return nil }
    let quote = start[15]
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
    let value = start + 16
    var close = value
    while close < end, Self.isRangeByte(close.pointee) { close += 1 }
    // The value, its quote and `/>`, and nothing else.
    guard close > value, end - close >= 3, close.pointee == quote, close[1] == UInt8(ascii: "/"),
      close[2] == UInt8(ascii: ">"), mayBlank(upTo: close + 3),
      let range = WorksheetHandler.parseRange(UnsafeBufferPointer(start: value, count: close - value))
    else { return nil }
    let tagEnd = close + 3
    preread?.appendMergedRange(range)
    blankRun(start, tagEnd)
    prereadMergedRanges &+= 1
    return tagEnd
  }

  @inline(__always)
  private static func isRangeByte(_ byte: UInt8) -> Bool { isReferenceByte(byte) || byte == UInt8(ascii: ":") }

  /// The texts of the cell being read ahead hold a line feed / a character beyond ASCII.
  private var keepsLineFeeds = false
  private var blanksWideCharacters = false

  /// Whether a cell read ahead had a text with characters beyond ASCII, which its blanking
  /// turned into a space a byte. libxml2 counts columns in characters, so it may place an
  /// error later on that line further right than without blanking; the reader takes its
  /// errors from an unfiltered read anyway (``RowCursor``). Lines stay: line feeds are kept.
  private(set) var columnsMayShift = false

  /// Overwrites `start` up to `end` with spaces but for line feeds, which stay: libxml2
  /// counts lines, so an error after the cell is reported on its line.
  private static func fillWithSpacesKeepingLineFeeds(
    _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) {
    var cursor = start
    while cursor < end {
      if cursor.pointee != 0x0A { cursor.pointee = UInt8(ascii: " ") }
      cursor += 1
    }
  }

  /// The value of the attribute ` NAME=QUOTE…QUOTE` at `cursor`, when it is there before
  /// `end` with 1 to 9 bytes that `allowing` accepts, moving `cursor` past it; else nil,
  /// leaving `cursor`.
  @inline(__always)
  private static func attribute(
    _ name: UInt8, at cursor: inout UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>,
    allowing: (UInt8) -> Bool
  ) -> UnsafeBufferPointer<UInt8>? {
    guard end - cursor >= 6, cursor[0] == UInt8(ascii: " "), cursor[1] == name, cursor[2] == UInt8(ascii: "="),
      cursor[3] == UInt8(ascii: "\"") || cursor[3] == UInt8(ascii: "'")
    else { return nil }
    let quote = cursor[3]
    let value = cursor + 4
    var close = value
    while close < end, close - value <= 9, allowing(close.pointee) { close += 1 }
    guard close > value, close - value <= 9, close < end, close.pointee == quote else { return nil }
    cursor = close + 1
    return UnsafeBufferPointer(start: value, count: close - value)
  }

  @inline(__always)
  private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  @inline(__always)
  private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

  @inline(__always)
  private static func isReferenceByte(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 || isDigit(byte) }

  /// ``plainText(from:_:limit:)`` within ``PrereadCells``'s text limit, noting what the
  /// text means for the blanking: a line feed kept, characters beyond ASCII blanked.
  @inline(__always)
  private mutating func characterData(
    from start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> (bytes: UnsafeBufferPointer<UInt8>, end: UnsafeMutablePointer<UInt8>)? {
    guard let text = Self.plainText(from: start, end, limit: preread?.textLimit ?? 0) else { return nil }
    if text.hasLineFeed { keepsLineFeeds = true }
    if text.isWide { blanksWideCharacters = true }
    return (text.bytes, text.end)
  }

  /// The character data from `start` up to the next `<`, before `end`, when libxml2 passes
  /// it on exactly as written: no reference (`&`), no carriage return (which it turns
  /// into a line feed), no `]` (as `]]>` is not allowed), no control character but tab
  /// and line feed, well-formed UTF-8 of XML characters, and at most `limit` bytes long.
  /// Nil when it is not. Each character is read once, a multibyte one whole.
  /// (Also read by ``SharedStringsPreread``.)
  @inline(__always)
  static func plainText(
    from start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>, limit: Int
  ) -> (bytes: UnsafeBufferPointer<UInt8>, end: UnsafeMutablePointer<UInt8>, hasLineFeed: Bool, isWide: Bool)? {
    var cursor = start
    var nonASCII = false
    var newline = false
    while cursor < end {
      let byte = cursor.pointee
      if byte >= 0x80 {
        guard let next = xmlCharacterEnd(at: cursor, end) else { return nil }
        nonASCII = true
        cursor = next
        continue
      }
      if byte < 0x20 {
        guard byte == 0x09 || byte == 0x0A else { return nil }
        if byte == 0x0A { newline = true }
      } else if byte == UInt8(ascii: "<") {
        break
      } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "]") {
        return nil
      }
      cursor += 1
    }
    let bytes = UnsafeBufferPointer(start: start, count: cursor - start)
    guard cursor < end, bytes.count <= limit else { return nil }
    return (bytes, cursor, newline, nonASCII)
  }

  /// Just past the character whose UTF-8 starts at `start` (a byte of 0x80 or more), when
  /// it is well-formed, ends before `end` and is one XML allows in text (not U+FFFE or
  /// U+FFFF; surrogates are not well-formed UTF-8); else nil.
  @inline(__always)
  private static func xmlCharacterEnd(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    /// Whether the byte at `offset` is there and within `low...high` (a continuation byte).
    @inline(__always)
    func continues(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      end - start > offset && start[offset] &- low <= high &- low
    }
    let lead = start.pointee
    switch lead {
    case 0xE1...0xEC, 0xEE:
      // Most CJK: any two continuation bytes.
      return end - start > 2 && start[1] & 0xC0 == 0x80 && start[2] & 0xC0 == 0x80 ? start + 3 : nil
    case 0xE0...0xEF:
      let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
      let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
      guard continues(1, low, high), continues(2) else { return nil }
      // U+FFFE and U+FFFF are no XML characters.
      if lead == 0xEF, start[1] == 0xBF, start[2] >= 0xBE { return nil }
      return start + 3
    case 0xC2...0xDF:
      return continues(1) ? start + 2 : nil
    case 0xF0...0xF4:
      let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
      let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
      return continues(1, low, high) && continues(2) && continues(3) ? start + 4 : nil
    default:
      return nil
    }
  }

  /// The closing `quote` of the `r` value at `start` (or `end`), and, when the value is
  /// ``referenceRow(_:_:)`` on `row`, its 0-based column; read in one pass.
  @inline(__always)
  private static func reference(
    _ start: UnsafeMutablePointer<UInt8>, quote: UInt8, row: Int, _ end: UnsafeMutablePointer<UInt8>
  ) -> (UnsafeMutablePointer<UInt8>, column: Int?) {
    var cursor = start
    var column = 0
    while cursor < end, cursor - start < 3, cursor.pointee &- UInt8(ascii: "A") < 26 {
      column = column &* 26 &+ Int(cursor.pointee &- UInt8(ascii: "A")) &+ 1
      cursor += 1
    }
    var onRow = false
    if cursor > start, column <= CellReference.maxColumns, cursor < end, cursor.pointee != UInt8(ascii: "0") {
      let digits = cursor
      var value = 0
      while cursor < end, cursor - digits < 8, cursor.pointee &- UInt8(ascii: "0") < 10 {
        value = value &* 10 &+ Int(cursor.pointee &- UInt8(ascii: "0"))
        cursor += 1
      }
      onRow = cursor > digits && cursor - digits <= 7 && value == row
    }
    // Letters and digits are no quote: the value goes on to the next quote.
    while cursor < end, cursor.pointee != quote {
      onRow = false
      cursor += 1
    }
    return (cursor, onRow ? column - 1 : nil)
  }

  /// The end of ` s="DIGITS"` (1 to 9 digits, `quote` the quote) at `start`, before `end`.
  @inline(__always)
  private static func style(
    from start: UnsafeMutablePointer<UInt8>, quote: UInt8, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var cursor = start
    guard attribute(UInt8(ascii: "s"), at: &cursor, end, allowing: isDigit) != nil, cursor[-1] == quote else {
      return nil
    }
    return cursor
  }

  /// Just before the `>` of a tag whose rest at `start` is ` t="LETTERS">` (`quote` the
  /// quote); nil when it is not that, or goes on past `end`.
  @inline(__always)
  private static func typeEnd(
    from start: UnsafeMutablePointer<UInt8>, quote: UInt8, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var cursor = start
    guard attribute(UInt8(ascii: "t"), at: &cursor, end, allowing: isLetter) != nil, cursor[-1] == quote,
      cursor < end, cursor[0] == UInt8(ascii: ">")
    else { return nil }
    return cursor
  }

  /// Overwrites `start` up to `end` with spaces: a tag of 8 to 24 bytes with two or three
  /// 8-byte stores.
  @inline(__always)
  private static func fillWithSpaces(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) {
    let count = end - start
    guard count >= 8, count <= 24 else {
      memset(start, Int32(UInt8(ascii: " ")), count)
      return
    }
    let spaces: UInt64 = 0x2020_2020_2020_2020
    UnsafeMutableRawPointer(start).storeBytes(of: spaces, as: UInt64.self)
    UnsafeMutableRawPointer(end - 8).storeBytes(of: spaces, as: UInt64.self)
    if count > 16 { UnsafeMutableRawPointer(start + 8).storeBytes(of: spaces, as: UInt64.self) }
  }

  /// Whether `<c r=` follows at `start`, or `</row>`, white space and `<row`, all before `end`.
  @inline(__always)
  private func followedByReset(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Bool {
    if Self.matches(start, end, "<c r=") { return true }
    guard Self.matches(start, end, "</row>") else { return false }
    var after = start + 6
    while after < end,
      after.pointee == UInt8(ascii: " ") || after.pointee == 0x0A || after.pointee == 0x0D || after.pointee == 0x09
    {
      after += 1
    }
    return end - after >= 5 && Self.matches(after, end, "<row") && Self.endsName(after[4])
  }

  /// The `r` of the `<row>` start tag just read, for ``openElement(_:rowNumber:)``.
  private var openingRow = 0

  /// A start tag named `name` other than a clean row's cell: checks the root, notes the row
  /// to open (its `r` read when the tag, `tagStart` to `tagEnd`, is in the chunk), keeps
  /// ``rowClean``.
  @inline(__always)
  private mutating func startTag(
    named name: Name, tagStart: UnsafeMutablePointer<UInt8>?, tagEnd: UnsafeMutablePointer<UInt8>?
  ) {
    openingRow = 0
    if name == .cell { columnBound = .max }
    if !rootSeen {
      rootSeen = true
      if name != .worksheet { lexer = .off }
      return
    }
    if row != 0, depth >= 3, rowClean, name == .prefixed || name == .row || name == .cell {
      rowClean = false  // a clean row's whole cells went through cellTag(at:_:)
    } else if name == .row, depth == 2, inSheetData, let tagStart, let tagEnd {
      openingRow = Self.rowNumber(at: tagStart + 4, tagEnd) ?? 0
    }
  }

  /// A start tag's `>` that does not end it empty.
  @inline(__always)
  private mutating func openElement(_ name: Name, rowNumber: Int) {
    depth += 1
    if depth == 2, name == .sheetData {
      inSheetData = true
    } else if depth == 3, name == .row, inSheetData {
      row = rowNumber
      rowClean = true
      rowOpen = true
      columnBound = 0
    } else if depth == 3 {
      rowOpen = false
    }
  }

  /// An end tag's `>`.
  @inline(__always)
  private mutating func closeElement() {
    openRowTag = nil
    depth -= 1
    if depth < 3 {
      row = 0
      rowOpen = false
    }
    if depth < 2, inSheetData {
      inSheetData = false
      // After the cells only the merged ranges are worth reading, and only ahead.
      if preread == nil { lexer = .off }
    }
  }

  /// Where the tag whose name ends at `start` ends (just past its `>`), skipping quoted
  /// values; nil when that is past the chunk.
  @inline(__always)
  private static func tagEnd(
    from start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var cursor = start
    while cursor < end {
      let byte = cursor.pointee
      cursor += 1
      if byte == UInt8(ascii: ">") { return cursor }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        while cursor < end, cursor.pointee != byte { cursor += 1 }
        guard cursor < end else { return nil }
        cursor += 1
      }
    }
    return nil
  }

  /// The first `byte` from `start` on, or `end` when there is none; eight bytes at a time.
  @inline(__always)
  private static func first(
    _ byte: UInt8, from start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8> {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let pattern = ones &* UInt64(byte)
    var cursor = start
    while end - cursor >= 8 {
      let word = UInt64(littleEndian: UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self)) ^ pattern
      // The lowest byte that was `byte` has the lowest high bit set; borrows only reach above it.
      let found = (word &- ones) & ~word & (ones &* 0x80)
      if found != 0 { return cursor + found.trailingZeroBitCount / 8 }
      cursor += 8
    }
    while cursor < end, cursor.pointee != byte { cursor += 1 }
    return cursor
  }

  // MARK: - Rows read ahead

  /// The start tag of the open row, while the row may yet be read ahead whole: where it
  /// starts and how long it is, where it is in what libxml2 reads (see
  /// ``outputPosition(of:)``), and how many records ``preread`` held before it.
  private var openRowTag: (
    start: UnsafeMutablePointer<UInt8>, length: Int, output: UnsafeMutablePointer<UInt8>, firstRecord: Int
  )?

  /// Where the byte at `input`, at or past every run squeezed so far in the chunk, is in
  /// what libxml2 reads of it.
  @inline(__always)
  private func outputPosition(of input: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    input - squeezedInChunk
  }

  /// At the end tag from `start` to `tagEnd` of the row ``openRowTag`` opened: when it is
  /// `</row>`, may be blanked, and only spaces are left of the row's content (each of
  /// its cells was blanked and squeezed), reads the row into ``preread`` (see
  /// ``PrereadCells/encloseRow(at:from:end:)``) and squeezes it whole, start tag to end
  /// tag, to one space. The handler then opens and ends the row when it takes the row's
  /// cells in, at the first event after that space, as libxml2's events for its tags
  /// would have; taking a row in cannot fail (the `r` was read plain), and the start tag
  /// was read whole (see ``isPlainRowTag(_:_:)``), so libxml2 had nothing in the row to
  /// report.
  private mutating func readRowAhead(endTag start: UnsafeMutablePointer<UInt8>, _ tagEnd: UnsafeMutablePointer<UInt8>) {
    guard let tag = openRowTag, tagEnd - start == 6, Self.matches(start, tagEnd, "</row>"), mayBlank(upTo: tagEnd),
      let kept, let unmoved, let chunkBase
    else { return }
    let contentStart = tag.start + tag.length
    if tag.start >= unmoved {
      // Nothing squeezed since the start tag: the row is where it was.
      guard Self.allSpaces(contentStart, start) else { return }
      squeezeRun(tag.start, tagEnd)
    } else {
      // The start tag and the spaces after it were moved up to end at `kept`.
      guard Self.allSpaces(tag.output + tag.length, kept), Self.allSpaces(unmoved, start) else { return }
      tag.output.pointee = UInt8(ascii: " ")
      self.kept = tag.output + 1
      self.unmoved = tagEnd
      squeezedInChunk = tagEnd - (tag.output + 1)
    }
    preread?.encloseRow(
      at: row - 1, from: tag.firstRecord, end: chunkOffset + (tag.output - chunkBase) + 1)
    prereadRows &+= 1
  }

  /// Whether the `<row>` start tag from `start` to `tagEnd` (not empty, its `r` read plain)
  /// is written `<row r="N"` and plain attributes (see ``hasPlainAttributes(_:_:firstNamed:)``)
  /// then `>`: a tag libxml2 reads without error or warning, of which the handler reads
  /// only `r`.
  private static func isPlainRowTag(_ start: UnsafeMutablePointer<UInt8>, _ tagEnd: UnsafeMutablePointer<UInt8>) -> Bool {
    hasPlainAttributes(start + 4, tagEnd - 1, firstNamed: UInt8(ascii: "r"))
  }

  /// The deepest an ignored element is blanked at (libxml2 fails past 256 levels; a
  /// worksheet's have 2 or 3).
  private static let maxIgnoredDepth = 16

  /// Whether the empty tag from `start` to `tagEnd`, its name ending at `nameEnd`, is one
  /// of a worksheet's elements that ``WorksheetHandler`` ignores (the column widths, the
  /// views and the page set-up) with plain attributes (see
  /// ``hasPlainAttributes(_:_:firstNamed:)``) and `/>`.
  private static func isIgnoredEmptyTag(
    _ start: UnsafeMutablePointer<UInt8>, _ nameEnd: UnsafeMutablePointer<UInt8>, _ tagEnd: UnsafeMutablePointer<UInt8>
  ) -> Bool {
    let isIgnored: Bool
    switch nameEnd - start - 1 {
    case 3: isIgnored = matches(start, nameEnd, "<col")
    case 4: isIgnored = matches(start, nameEnd, "<pane")
    case 7: isIgnored = matches(start, nameEnd, "<sheetPr")
    case 8: isIgnored = matches(start, nameEnd, "<tabColor")
    case 9: isIgnored = matches(start, nameEnd, "<sheetView") || matches(start, nameEnd, "<selection")
        || matches(start, nameEnd, "<outlinePr")
    case 10: isIgnored = matches(start, nameEnd, "<phoneticPr")
    case 11: isIgnored = matches(start, nameEnd, "<pageMargins") || matches(start, nameEnd, "<pageSetUpPr")
    case 12: isIgnored = matches(start, nameEnd, "<printOptions")
    case 13: isIgnored = matches(start, nameEnd, "<sheetFormatPr")
    default: isIgnored = false
    }
    return isIgnored && hasPlainAttributes(nameEnd, tagEnd - 2)
  }

  /// Whether the bytes from `start` up to `last` (a tag's `>` or `/>`) are ` NAME="VALUE"`
  /// pairs (either quote), the first named `firstNamed` when given, with distinct names
  /// of ASCII letters (at most 8), none prefixed or starting with `xml`, and values of
  /// letters, digits, `.`, `:` and `-`: attributes libxml2 reads without error or warning.
  private static func hasPlainAttributes(
    _ start: UnsafeMutablePointer<UInt8>, _ last: UnsafeMutablePointer<UInt8>, firstNamed first: UInt8? = nil
  ) -> Bool {
    // Where each name seen starts, and its length; on the stack, as an array cost 500
    // instructions.
    withUnsafeTemporaryAllocation(of: (UnsafeMutablePointer<UInt8>, Int).self, capacity: 8) { names in
      var cursor = start
      var count = 0
      while cursor < last {
        guard cursor.pointee == UInt8(ascii: " ") else { return false }
        cursor += 1
        let name = cursor
        while cursor < last, isLetter(cursor.pointee) { cursor += 1 }
        let length = cursor - name
        guard length > 0, last - cursor >= 3, cursor[0] == UInt8(ascii: "="),
          cursor[1] == UInt8(ascii: "\"") || cursor[1] == UInt8(ascii: "'"),
          !(length >= 3 && (name[0] | 0x20) == UInt8(ascii: "x") && (name[1] | 0x20) == UInt8(ascii: "m")
            && (name[2] | 0x20) == UInt8(ascii: "l")),
          count < names.count
        else { return false }
        for seen in 0..<count where names[seen].1 == length && memcmp(names[seen].0, name, length) == 0 {
          return false
        }
        names[count] = (name, length)
        count += 1
        let quote = cursor[1]
        cursor += 2
        while cursor < last, isPlainValueByte(cursor.pointee) { cursor += 1 }
        guard cursor < last, cursor.pointee == quote else { return false }
        cursor += 1
      }
      guard cursor == last else { return false }
      guard let first else { return true }
      return count > 0 && names[0].1 == 1 && names[0].0.pointee == first
    }
  }

  /// Whether `byte` is a letter, a digit, `.`, `:` or `-`: a bit of one of two masks of
  /// the ASCII codes, below 64 and from 64.
  @inline(__always)
  private static func isPlainValueByte(_ byte: UInt8) -> Bool {
    let low: UInt64 = 0x07FF_6000_0000_0000  // `-`, `.`, `0`-`9` and `:`
    let high: UInt64 = 0x07FF_FFFE_07FF_FFFE  // `A`-`Z` and `a`-`z`
    return byte < 64 ? (low >> byte) & 1 == 1 : byte < 128 && (high >> (byte - 64)) & 1 == 1
  }

  /// Whether every byte from `start` up to `end` is a space.
  private static func allSpaces(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Bool {
    var cursor = start
    while cursor < end {
      guard cursor.pointee == UInt8(ascii: " ") else { return false }
      cursor += 1
    }
    return true
  }

  // MARK: - Markup split between chunks

  /// The byte after a `<` that ended the previous chunk.
  private mutating func markup(at cursor: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    previous = 0
    switch cursor.pointee {
    case UInt8(ascii: "/"):
      isEndTag = true
      lexer = .tag
      return cursor + 1
    case UInt8(ascii: "!"):
      matched = 0
      lexer = .bang
      return cursor + 1
    case UInt8(ascii: "?"):
      matched = 0
      lexer = .processingInstruction
      return cursor + 1
    default:
      isEndTag = false
      nameBytes = (0, 0)
      nameLength = 0
      namePrefixed = false
      lexer = .tagName
      return cursor
    }
  }

  @inline(__always)
  private static func endsName(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x0A
      || byte == 0x0D || byte == 0x09
  }

  private mutating func addNameByte(_ byte: UInt8) {
    if byte == UInt8(ascii: ":") { namePrefixed = true }
    if nameLength < 8 {
      nameBytes.0 |= UInt64(byte) << (8 * UInt64(nameLength))
    } else if nameLength == 8 {
      nameBytes.1 = byte
    }
    nameLength += 1
  }

  /// What the name of a split start tag means.
  private func splitName() -> Name {
    if namePrefixed { return .prefixed }
    func bytes(_ name: StaticString) -> (UInt64, UInt8) {
      var head: UInt64 = 0
      for index in 0..<min(name.utf8CodeUnitCount, 8) {
        head |= UInt64(name.utf8Start[index]) << (8 * UInt64(index))
      }
      return (head, name.utf8CodeUnitCount > 8 ? name.utf8Start[8] : 0)
    }
    switch nameLength {
    case 1 where nameBytes == bytes("c"): return .cell
    case 3 where nameBytes == bytes("row"): return .row
    case 9 where nameBytes == bytes("sheetData"): return .sheetData
    case 9 where nameBytes == bytes("worksheet"): return .worksheet
    default: return .other
    }
  }

  /// The `>` of a tag begun in an earlier chunk.
  private mutating func endOfSplitTag() {
    if isEndTag {
      closeElement()
    } else if previous != UInt8(ascii: "/") {
      openElement(opening, rowNumber: 0)
    }
  }

  /// After `<!`: a comment, CDATA, or something a worksheet has no use for (turns the filter off).
  private mutating func bang(at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
    let cdata: StaticString = "[CDATA["
    let byte = start.pointee
    if matched == 0 { bangIsComment = byte == UInt8(ascii: "-") }
    guard byte == (bangIsComment ? UInt8(ascii: "-") : cdata.utf8Start[matched]) else {
      lexer = .off
      return start + 1
    }
    matched += 1
    if bangIsComment, matched == 2 {
      matched = 0
      lexer = .comment
    } else if !bangIsComment, matched == cdata.utf8CodeUnitCount {
      matched = 0
      lexer = .cdata
    }
    return start + 1
  }

  /// Moves past the next `>` preceded by at least `times` bytes `mark` (`-->`, `]]>`, `?>`).
  private mutating func skip(
    _ cursor: inout UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>, until mark: UInt8, times: Int
  ) {
    while cursor < end {
      let byte = cursor.pointee
      cursor += 1
      if byte == mark {
        matched += 1
      } else if byte == UInt8(ascii: ">"), matched >= times {
        matched = 0
        lexer = .content
        return
      } else {
        matched = 0
      }
    }
  }

  // MARK: - Byte patterns

  /// Whether the part is UTF-8 (or ASCII): it starts with `<` and a non-NUL byte, after an
  /// optional UTF-8 byte order mark, and an XML declaration names no other encoding. A
  /// declaration must end in the first chunk; no other `<?` may come first. Anything else
  /// turns the filter off.
  private mutating func checkProlog(_ base: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) {
    lexer = Self.contentAfterUTF8Prolog(base, end) == nil ? .off : .content
  }

  /// Where the content after the prolog starts (after the byte order mark and the XML
  /// declaration, if any) when the part starting at `base` is UTF-8 as
  /// ``checkProlog(_:_:)`` reads it; nil when it is not, or may not be.
  static func contentAfterUTF8Prolog(
    _ base: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8>? {
    var start = base
    if end - start >= 3, start[0] == 0xEF, start[1] == 0xBB, start[2] == 0xBF { start += 3 }
    guard end - start >= 2, start[0] == UInt8(ascii: "<"), start[1] != 0 else { return nil }
    guard start[1] == UInt8(ascii: "?") else { return start }
    guard Self.matches(start, end, "<?xml") else { return nil }
    var close = start + 2
    while close + 1 < end, !(close[0] == UInt8(ascii: "?") && close[1] == UInt8(ascii: ">")) { close += 1 }
    guard close + 1 < end else { return nil }
    var scan = start
    while scan < close {
      if Self.matchesIgnoringCase(scan, close, "encoding") {
        var value = scan + 8
        while value < close, value.pointee == UInt8(ascii: " ") { value += 1 }
        guard value < close, value.pointee == UInt8(ascii: "=") else { return nil }
        value += 1
        while value < close, value.pointee == UInt8(ascii: " ") { value += 1 }
        guard value + 7 <= close, value[0] == UInt8(ascii: "\"") || value[0] == UInt8(ascii: "'"),
          Self.matchesIgnoringCase(value + 1, close, "utf-8"), value[6] == value[0]
        else { return nil }
      }
      scan += 1
    }
    return close + 2
  }

  /// Whether the tag from `start` to `tagEnd` is `<c r="REF" s="DIGITS"/>` (or `s` first,
  /// one kind of quote) on ``row``, followed in the chunk by `<c r=` or by `</row>`, white
  /// space and `<row`.
  private func isCandidate(
    _ start: UnsafeMutablePointer<UInt8>, _ tagEnd: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> Bool {
    // `<c ` then `r="` or `s="`: at least `<c r="A1" s="0"/>`.
    guard tagEnd - start >= 17, start[2] == UInt8(ascii: " "), tagEnd[-2] == UInt8(ascii: "/") else { return false }
    let quote = start[5]
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return false }
    let last = tagEnd - 2  // the `/`
    var cursor = start + 3
    var sawReference = false
    var sawStyle = false
    while cursor < last {
      // ` NAME=QUOTE…QUOTE`, the first one's space being `<c `'s.
      guard last - cursor >= 4, cursor[1] == UInt8(ascii: "="), cursor[2] == quote else { return false }
      let name = cursor[0]
      let value = cursor + 3
      var close = value
      while close < last, close.pointee != quote { close += 1 }
      guard close < last else { return false }
      if name == UInt8(ascii: "r"), !sawReference {
        guard Self.referenceRow(value, close) == row else { return false }
        sawReference = true
      } else if name == UInt8(ascii: "s"), !sawStyle {
        guard close > value, close - value <= 9, Self.allDigits(value, close) else { return false }
        sawStyle = true
      } else {
        return false
      }
      cursor = close + 1
      if cursor < last {
        guard cursor.pointee == UInt8(ascii: " ") else { return false }
        cursor += 1
      }
    }
    return sawReference && sawStyle && followedByReset(tagEnd, end)
  }

  /// `N` of `<row r="N"…` whose name ends at `nameEnd`, its tag ending at `tagEnd`, when N
  /// is a row number written plainly.
  private static func rowNumber(
    at nameEnd: UnsafeMutablePointer<UInt8>, _ tagEnd: UnsafeMutablePointer<UInt8>
  ) -> Int? {
    guard matches(nameEnd, tagEnd, " r=") else { return nil }
    return quoted(nameEnd + 3, tagEnd).flatMap { plainRow($0, $1) }
  }

  /// The bytes between the quote at `start` and the same quote, both before `end`.
  private static func quoted(
    _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>)? {
    guard start < end, start.pointee == UInt8(ascii: "\"") || start.pointee == UInt8(ascii: "'") else { return nil }
    var close = start + 1
    while close < end, close.pointee != start.pointee { close += 1 }
    return close < end ? (start + 1, close) : nil
  }

  /// The 1-based row of an A1 reference written as Excel writes it: 1 to 3 upper-case
  /// letters up to XFD, then 1 to 1048576 without leading zeros (no `$`). A subset of what
  /// ``CellReference/parse(_:)`` accepts, with the same meaning.
  @inline(__always)
  private static func referenceRow(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Int? {
    var cursor = start
    var column = 0
    while cursor < end, cursor - start < 3, cursor.pointee &- UInt8(ascii: "A") < 26 {
      column = column * 26 + Int(cursor.pointee - UInt8(ascii: "A")) + 1
      cursor += 1
    }
    guard cursor > start, column <= CellReference.maxColumns else { return nil }
    return plainRow(cursor, end)
  }

  /// 1 to 1048576, in decimal digits without a leading zero.
  @inline(__always)
  private static func plainRow(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Int? {
    guard end > start, end - start <= 7, start.pointee != UInt8(ascii: "0") else { return nil }
    var value = 0
    var cursor = start
    while cursor < end {
      let digit = cursor.pointee &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
      cursor += 1
    }
    return value <= CellReference.maxRows ? value : nil
  }

  private static func allDigits(_ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>) -> Bool {
    var cursor = start
    while cursor < end {
      guard cursor.pointee &- UInt8(ascii: "0") < 10 else { return false }
      cursor += 1
    }
    return true
  }

  /// Whether `text` is at `start`, all of it before `end`.
  @inline(__always)
  static func matches(
    _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>, _ text: StaticString
  ) -> Bool {
    let count = text.utf8CodeUnitCount
    guard end - start >= count else { return false }
    let expected = text.utf8Start
    for index in 0..<count where start[index] != expected[index] { return false }
    return true
  }

  /// Whether `text` (lower case) is at `start`, ASCII letters in either case.
  private static func matchesIgnoringCase(
    _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>, _ text: StaticString
  ) -> Bool {
    let count = text.utf8CodeUnitCount
    guard end - start >= count else { return false }
    for index in 0..<count {
      let byte = start[index]
      let expected = text.utf8Start[index]
      let isLetter = expected >= UInt8(ascii: "a") && expected <= UInt8(ascii: "z")
      guard byte == expected || (isLetter && byte == expected - 0x20) else { return false }
    }
    return true
  }
}
