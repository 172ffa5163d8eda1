import Foundation
import Testing
@testable import XLSX
import _XLSXTestSupport

/// ``CellBlanker`` on byte strings. In an input, `⟦…⟧` marks a cell that must be
/// blanked (the marks are not part of the bytes); everything else must stay as it is.
@Suite("Empty cell blanker")
struct CellBlankerTests {
  static let head = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
    + "\n" + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
  static let tail = "</sheetData></worksheet>"

  /// A worksheet part around `rows`.
  static func sheet(_ rows: String) -> String { head + rows + tail }

  /// Inputs with the cells to blank marked, each a worksheet part.
  static let cases: [String] = [
    // What Excel, WPS and XlsxWriter write: values, then empty styled cells up to the border.
    sheet(
      #"<row r="1" spans="1:5"><c r="A1" s="1" t="s"><v>0</v></c>⟦<c r="B1" s="4"/>⟧⟦<c r="C1" s="4"/>⟧"#
        + #"<c r="D1" s="2"><v>1.5</v></c>⟦<c r="E1" s="4"/>⟧</row><row r="2">⟦<c r="A2" s="12"/>⟧"#
        + #"<c r="B2"><f>A1</f><v>2</v></c></row><row r="3"><c r="A3" s="1"/></row>"#),
    // Inline strings and formulas between them; a cell inside an inline string is no candidate.
    sheet(
      #"<row r="4"><c r="A4" t="inlineStr"><is><t>项目</t></is></c>⟦<c r="B4" s="1"/>⟧<c r="C4" t="inlineStr">"#
        + #"<is><t xml:space="preserve"> a </t></is></c>⟦<c r="D4" s="1"/>⟧<c r="E4"><f>SUM(A1:A3)</f><v>6</v></c>"#
        + #"⟦<c r="F4" s="1"/>⟧<c r="G4" t="inlineStr"><is><t>x</t><c r="H4" s="1"/><c r="I4"/></is></c></row>"#
        + #"<row r="5">⟦<c r="A5" s="1"/>⟧</row><row r="6"/>"#),
    // `s` first, single quotes, white space between rows, a bigger reference.
    sheet(
      "<row r='9'>⟦<c s='4' r='XFD9'/>⟧<c r='A9'><v>1</v></c>⟦<c r=\"B9\" s=\"0\"/>⟧</row>\n  <row r=\"10\"></row>"),
    // One quote each, no s, t=, another attribute, extra space, not empty, white space after.
    sheet(
      #"<row r="1"><c r="A1" s='4'/><c r="B1"/><c r="C1" s="4" t="s"/><c r="D1" s="4" cm="1"/>"#
        + #"<c r="E1"  s="4"/><c r="F1" s="4"></c><c r="G1" s="4"/> ⟦<c r="H1" s="4"/>⟧<c r="I1" s=""/></row>"#),
    // References the handler takes but Excel does not write, or out of range.
    sheet(
      #"<row r="1"><c r="a1" s="1"/><c r="$B$1" s="1"/><c r="C01" s="1"/><c r="XFE1" s="1"/><c r="AAAA1" s="1"/>"#
        + #"<c r="D0" s="1"/><c r="D1048577" s="1"/><c r="E1" s="1x"/><c r="F" s="1"/><c r="1" s="1"/></row>"#),
    // The cell's row must be the row's r; the row must have one; the next cell must have r.
    sheet(
      #"<row r="2"><c r="A1" s="1"/><c r="B1"><v>1</v></c></row><row><c r="A3" s="1"/><c r="B3"><v>1</v></c></row>"#
        + #"<row r="4"><c r="A4" s="1"/><c s="2"><v>1</v></c></row><row r="5"><c r="A5" s="1"/><c><v>1</v></c></row>"#
        + #"<row r="6" r2="x"><c r="A6" s="1"/></row></sheetData><sheetData><row r="7"><c r="A7" s="1"/></row>"#),
    // A row that is not clean before the candidate: a cell without r, on another row,
    // nested, prefixed, r not first; a clean row after it is filtered again.
    sheet(
      #"<row r="1"><c><v>1</v></c><c r="B1" s="1"/><c r="C1"><v>2</v></c></row>"#
        + #"<row r="2"><c r="A3"><v>1</v></c><c r="B2" s="1"/><c r="C2"><v>2</v></c></row>"#
        + #"<row r="3"><c r="A3"><is><c r="A9"/></is></c><c r="B3" s="1"/><c r="C3"/></row>"#
        + #"<row r="4"><x:c r="A4"/><c r="B4" s="1"/><c r="C4"/></row>"#
        + #"<row r="5"><c s="1" r="A5"><v>1</v></c><c r="B5" s="1"/><c r="C5"/></row>"#
        + #"<row r="6"><row r="6"/><c r="B6" s="1"/><c r="C6"/></row>"#
        + #"<row r="7"><c r="A7"><v>1</v></c>⟦<c r="B7" s="1"/>⟧<c r="C7"/></row>"#),
    // Only directly in the row: not inside a cell or another element.
    sheet(
      #"<row r="1"><c r="A1"><c r="B1" s="1"/><c r="C1"/></c><x><c r="D1" s="1"/><c r="E1"/></x></row>"#),
    // Comments, CDATA, processing instructions and quoted `>` hide nothing from the lexer.
    sheet(
      #"<row r="1"><!-- <c r="A1" s="1"/><c r="B1"/> -- > --><![CDATA[<c r="C1" s="1"/><c r="D1"/>]]>"#
        + #"<?pi <c r="E1" s="1"/><c r="F1"?>⟦<c r="G1" s="1"/>⟧<c r="H1"/></row>"#
        + #"<row r="2" note="/>"><c r="A2" x=">"><v>1</v></c>⟦<c r="B2" s="1"/>⟧<c r="C2"/></row>"#
        + #"<row r="3" note='"<c r="A3" s="1"/><c r="B3"/>'><c r="C3"/></row>"#),
    // An empty row opens nothing.
    sheet(#"<row r="1"/><c r="A1" s="1"/><c r="B1"/><row r="2"></row>"#),
    // Only inside sheetData, under the root.
    #"<worksheet><row r="1"><c r="A1" s="1"/><c r="B1"/></row><x><sheetData><row r="1"><c r="A1" s="1"/><c r="B1"/>"#
      + "</row></sheetData></x></worksheet>",
    // No declaration, a UTF-8 byte order mark, an encoding that is UTF-8.
    #"<worksheet><sheetData><row r="1">⟦<c r="A1" s="1"/>⟧<c r="B1"/></row></sheetData></worksheet>"#,
    #"<?xml version="1.0" encoding = "UTF-8"?><worksheet><sheetData><row r="1">⟦<c r="A1" s="1"/>⟧<c r="B1"/>"#
      + "</row></sheetData></worksheet>",
    "\u{FEFF}<?xml version='1.0' encoding='utf-8'?><worksheet><sheetData><row r=\"1\">⟦<c r=\"A1\" s=\"1\"/>⟧"
      + "<c r=\"B1\"/></row></sheetData></worksheet>",
    // Another encoding, or one that may be: the part is left alone.
    #"<?xml version="1.0" encoding="GBK"?><worksheet><sheetData><row r="1"><c r="A1" s="1"/><c r="B1"/></row>"#
      + "</sheetData></worksheet>",
    #"<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData><row r="1"><c r="A1" s="1"/><c r="B1"/>"#
      + "</row></sheetData></worksheet>",
    // A DOCTYPE (rejected by the reader anyway), another `<!`, another root, a prefixed document.
    #"<!DOCTYPE worksheet><worksheet><sheetData><row r="1"><c r="A1" s="1"/><c r="B1"/></row></sheetData></worksheet>"#,
    #"<worksheet><sheetData><row r="1"><!ELEMENT x><c r="A1" s="1"/><c r="B1"/></row></sheetData></worksheet>"#,
    #"<chartsheet><sheetData><row r="1"><c r="A1" s="1"/><c r="B1"/></row></sheetData></chartsheet>"#,
    #"<x:worksheet xmlns:x="u"><x:sheetData><x:row r="1"><x:c r="A1" s="1"/><x:c r="B1"/></x:row></x:sheetData>"#
      + "</x:worksheet>",
    // Cells read whole in a row of them: `>` and quotes of the other kind in a value, `&gt;` in
    // a text, a space before `/>`, a blanked tag longer than 24 bytes.
    sheet(
      #"<row r="1"><c r="A1" s="1" t="a>b"><v>1</v></c>⟦<c r="B1" s="2"/>⟧<c r="C1" s="1" t='x"y>'><v>&gt;</v></c>"#
        + #"⟦<c r='D1' s='2'/>⟧<c r="E1" s="3" t="n" />⟦<c r="F1" s="3"/>⟧<c r="G1" s="1" t="inlineStr">"#
        + #"<is><t>长一点的文字 a&gt;b</t></is></c>⟦<c r="XFD1" s="123456789"/>⟧<c r="H1" t="s">"#
        + #"<v>12345678901</v></c>⟦<c r="I1" s="1"/>⟧<c r="J1" s="1" t="s"><v>1</v></c></row><row r="2">"#
        + #"<c r="A2" s="1" t="s"><v>1</v></c><c r="B2" s="1" t="s" ><v>2</v></c>⟦<c r="C2" s="1"/>⟧"#
        + #"<c r="D2" s="1" t="s"/>⟦<c r="E2" s="1"/>⟧<c r="F2"/></row>"#),
    // References read in one pass: another row, a quote in the value, leading zeros, more
    // than 7 digits, past XFD; each leaves the rest of its row alone.
    sheet(
      #"<row r="12"><c r="A120" s="1"/><c r="B12" s="1"/><c r="C12"/></row><row r="13"><c r="A13'" s="1"/>"#
        + #"<c r="B13" s="1"/><c r="C13"/></row><row r="14"><c r='A14"' s="1"/><c r="B14" s="1"/><c r="C14"/></row>"#
        + #"<row r="15"><c r="AB15" s="1" t="a"/>⟦<c r="ABC15" s="1"/>⟧<c r="A000015" s="1"/><c r="B15" s="1"/>"#
        + #"<c r="C15"/></row><row r="1048576"><c r="A10485760" s="1"/><c r="B1048576" s="1"/><c r="C1048576"/>"#
        + #"</row><row r="1048576">⟦<c r="XFD1048576" s="123456789"/>⟧<c r="A1048576"/><c r="XFE1048576" s="1"/>"#
        + #"<c r="B1048576" s="1"/></row>"#),
    // The last row's trailing cells wait for nothing to reset the next column.
    sheet(#"<row r="1"><c r="A1" s="1"/></row>"#),
  ]

  /// A part that blanks too little for the scan's cost (a data sheet of valued cells) is
  /// left alone after its trial; a form's empty cells keep being blanked to the end.
  @Test func stopsWhereBlankingDoesNotPay() throws {
    func rows(_ range: ClosedRange<Int>, empty: Bool) -> String {
      range.map { number in
        #"<row r="\#(number)"><c r="A\#(number)" s="1"><v>\#(number)</v></c>"#
          + (empty ? #"<c r="B\#(number)" s="1"/><c r="C\#(number)" s="1"/>"# : #"<c r="B\#(number)"><v>1</v></c>"#)
          + "</row>"
      }.joined()
    }
    let chunk = 64 << 10
    let data = Array(Self.sheet(rows(1...6000, empty: false) + rows(6001...6100, empty: true)).utf8)
    #expect(data.count > CellBlanker.trialBytes + chunk)
    let splits = Array(stride(from: chunk, to: data.count, by: chunk))
    #expect(Self.blanked(data, splits: splits) == data, "the empty cells after the trial stay")
    let form = Array(Self.sheet(rows(1...6100, empty: true)).utf8)
    let blankedForm = Self.blanked(form, splits: Array(stride(from: chunk, to: form.count, by: chunk)))
    // Row 6099, in the last chunk: both its empty cells are spaces.
    let empties = Array(#"<c r="B6099" s="1"/><c r="C6099" s="1"/>"#.utf8)
    let start = try #require(Self.firstIndex(of: empties, in: form))
    #expect(Array(blankedForm[start..<(start + empties.count)]) == [UInt8](repeating: 0x20, count: empties.count))
    #expect(start > form.count - chunk)
  }

  private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
  }

  /// The bytes of a marked input, and the bytes expected once blanked.
  static func unmarked(_ marked: String) -> (input: [UInt8], expected: [UInt8]) {
    var input: [UInt8] = []
    var expected: [UInt8] = []
    var blanking = false
    for scalar in marked.unicodeScalars {
      switch scalar {
      case "⟦": blanking = true
      case "⟧": blanking = false
      default:
        let bytes = Array(String(scalar).utf8)
        input += bytes
        expected += blanking ? [UInt8](repeating: 0x20, count: bytes.count) : bytes
      }
    }
    return (input, expected)
  }

  /// `input` blanked in chunks that end at `splits`.
  static func blanked(_ input: [UInt8], splits: [Int] = []) -> [UInt8] {
    var output = input
    var blanker = CellBlanker()
    output.withUnsafeMutableBytes { bytes in
      var start = 0
      for end in splits + [bytes.count] where end >= start {
        blanker.blank(UnsafeMutableRawBufferPointer(rebasing: bytes[start..<end]))
        start = end
      }
    }
    return output
  }

  /// A worksheet's elements before and after its cells, the empty ones the handler
  /// ignores marked where they are written plainly. Left alone: two spaces, a space before
  /// `/>`, a space in a value, a reference, a prefixed or `xml` attribute, an element with
  /// content, an unknown name, the dimension (the handler reads it), and `<pageMargins>`:
  /// a blanker without ``PrereadCells`` stops at `</sheetData>`, and the reader's keeps the
  /// last tag before the last `<` (see `CellBlanker.lookAheadMark`).
  static let ignoredElements =
    #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="urn:x">"#
    + #"⟦<sheetPr/>⟧<dimension ref="A1:C3"/><sheetViews>⟦<sheetView workbookViewId="0" tabSelected="1"/>⟧"#
    + #"<sheetView workbookViewId="1">⟦<pane xSplit="1" topLeftCell="B1" state='frozen'/>⟧"#
    + #"<selection activeCell="A1" sqref="A1 B2"/></sheetView></sheetViews>"#
    + #"⟦<sheetFormatPr defaultColWidth="9" defaultRowHeight="14.25"/>⟧<cols>"#
    + #"⟦<col min="1" max="1" width="8" customWidth="1"/>⟧⟦<col min='2' max='3' width="12.5"/>⟧"#
    + #"<col  min="4"/><col min="5" /><col min="6" x:w="1"/><col min="7" xmlns="urn:y"/><col min="8" n="&amp;"/>"#
    + #"<colx min="9"/><col min="10"></col></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>"#
    + #"<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>"#

  @Test("Blanks the empty elements the handler ignores, written plainly, and reads the same")
  func blanksIgnoredElements() throws {
    let (input, expected) = Self.unmarked(Self.ignoredElements)
    #expect(String(decoding: Self.blanked(input), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    // Cut anywhere, a tag the cut splits stays, the others are blanked all the same.
    for split in 1..<input.count {
      let output = Self.blanked(input, splits: [split])
      #expect(zip(output, input).allSatisfy { $0 == $1 || $0 == 0x20 })
    }
    let body = Self.ignoredElements.components(separatedBy: "xmlns:x=\"urn:x\">")[1]
      .replacingOccurrences(of: "</worksheet>", with: "")
      .replacingOccurrences(of: "⟦", with: "").replacingOccurrences(of: "⟧", with: "")
      .replacingOccurrences(of: #"x:w="1""#, with: #"r:w="1""#)
    let workbook = try Workbook(bytes: TestWorkbook.zip(sheets: [("Sheet1", body)]).bytes(), fileName: "ignored.xlsx")
    CellBlankingDifferentialTests.compare(workbook, name: "ignored elements")
    let cursor = try workbook.rows(of: try #require(workbook.sheets.first))
    while try cursor.next() != nil {}
    #expect(cursor.blankedIgnoredElements == 6)
    #expect(cursor.declaredDimension?.description == "A1:C3")
  }

  @Test("A three-byte character is plain text exactly when it is well-formed UTF-8 of an XML character")
  func threeByteCharacters() {
    for lead in UInt8(0xE0)...0xEF {
      for second: UInt8 in [0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
        for third: UInt8 in [0x41, 0x7F, 0x80, 0xBD, 0xBE, 0xBF, 0xC0, 0xFF] {
          var bytes: [UInt8] = [lead, second, third, UInt8(ascii: "<")]
          let accepted = bytes.withUnsafeMutableBufferPointer { buffer in
            let start = buffer.baseAddress!
            return CellBlanker.plainText(from: start, start + buffer.count, limit: 16) != nil
          }
          var iterator = bytes[0..<3].makeIterator()
          var decoder = UTF8()
          var expected = false
          if case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil {
            expected = scalar.value != 0xFFFE && scalar.value != 0xFFFF
          }
          #expect(accepted == expected, "\(bytes)")
        }
      }
    }
  }

  @Test("Blanks exactly the marked cells", arguments: cases.indices)
  func blanksMarkedCells(_ index: Int) {
    let (input, expected) = Self.unmarked(Self.cases[index])
    let output = Self.blanked(input)
    #expect(String(decoding: output, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
  }

  @Test("A UTF-16 or UTF-32 part, or one starting with NUL, is left alone")
  func leavesOtherEncodingsAlone() {
    let text = Self.sheet(#"<row r="1"><c r="A1" s="1"/><c r="B1"/></row>"#)
    for prefix: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF], [0x00, 0x00, 0xFE, 0xFF], [0x00]] {
      let input = prefix + Array(text.utf8)
      #expect(Self.blanked(input) == input)
    }
    var utf16LE: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16LE += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    #expect(Self.blanked(utf16LE) == utf16LE)
  }

  /// Where, in a marked input, each cell to blank starts and where what it waits for ends
  /// (`<c r=` or `<row`), and where its row starts.
  static func candidateSpans(_ marked: String) -> [(row: Int, start: Int, end: Int)] {
    let input = unmarked(marked).input
    var spans: [(row: Int, start: Int, end: Int)] = []
    var offset = 0
    var start = 0
    for scalar in marked.unicodeScalars {
      switch scalar {
      case "⟦": start = offset
      case "⟧":
        var end = offset + 5  // `<c r=`
        if input[offset...].starts(with: Array("</row>".utf8)) {
          end = offset + 6
          while input[end] != UInt8(ascii: "<") { end += 1 }
          end += 5  // `<row` and the byte after it
        }
        var row = start
        while !input[row...].starts(with: Array("<row ".utf8)) { row -= 1 }
        spans.append((row, start, end))
      default: offset += String(scalar).utf8.count
      }
    }
    return spans
  }

  /// Where the first chunk must reach for the filter to be on: past the XML declaration,
  /// or the first two bytes (after a byte order mark).
  static func prologEnd(_ input: [UInt8]) -> Int {
    let start = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    guard input[start...].starts(with: Array("<?xml".utf8)) else { return start + 2 }
    var end = start
    while !input[end...].starts(with: Array("?>".utf8)) { end += 1 }
    return end + 2
  }

  @Test("Split in two at every offset: only cells whose row the split cuts may stay", arguments: cases.indices)
  func splitsInTwo(_ index: Int) {
    let (input, expected) = Self.unmarked(Self.cases[index])
    let spans = Self.candidateSpans(Self.cases[index])
    for split in 0...input.count {
      let output = Self.blanked(input, splits: [split])
      if split > 0, split < Self.prologEnd(input) {
        #expect(String(decoding: output, as: UTF8.self) == String(decoding: input, as: UTF8.self), "split \(split)")
        continue
      }
      for (offset, byte) in output.enumerated() where byte != input[offset] && byte != expected[offset] {
        Issue.record("split at \(split): byte \(offset) is neither the input's nor the blanked one")
        return
      }
      for span in spans {
        let straddles = split > span.start && split < span.end
        let cut = split > span.row && split < span.end
        // A cell ending after its chunk's last `>` before its last `<` stays (libxml2's
        // look-ahead); a candidate is one empty tag, which ends after its first `>`.
        let cellEnd = (input[span.start...].firstIndex(of: UInt8(ascii: ">")) ?? input.count - 1) + 1
        let chunk = cellEnd <= split ? 0..<split : split..<input.count
        let late = cellEnd > (Self.lookAheadMark(input[chunk]) ?? -1)
        let blanked = output[span.start] == 0x20
        if blanked ? (straddles || late) : !(cut || late) {
          Issue.record("split at \(split): the cell at \(span.start) is \(blanked ? "" : "not ")blanked: \(span)")
        }
      }
    }
  }

  /// The index of the last `>` before the last `<` of `chunk`: cells ending after it are
  /// not blanked (``CellBlanker``'s look-ahead mark).
  static func lookAheadMark(_ chunk: ArraySlice<UInt8>) -> Int? {
    guard let lastOpen = chunk.lastIndex(of: UInt8(ascii: "<")) else { return nil }
    return chunk[..<lastOpen].lastIndex(of: UInt8(ascii: ">"))
  }

  @Test("Fed a byte at a time up to any offset, the lexer finds every later row's cells", arguments: cases.indices)
  func feedsBytesOneByOne(_ index: Int) {
    let (input, expected) = Self.unmarked(Self.cases[index])
    let spans = Self.candidateSpans(Self.cases[index])
    let first = Self.prologEnd(input)
    for prefix in first...input.count {
      let output = Self.blanked(input, splits: Array(first...prefix))
      for span in spans where span.row >= prefix {
        #expect(output[span.start..<span.end] == expected[span.start..<span.end], "prefix \(prefix), \(span)")
      }
      #expect(output[..<prefix] == input[..<prefix], "prefix \(prefix)")
    }
  }
}

/// Reading with and without ``CellBlanker`` gives the same rows, cells, merged
/// ranges, dimension and errors (line and column included), for every workbook at hand
/// and for damaged worksheets.
@Suite("Empty cell blanking changes nothing")
struct CellBlankingDifferentialTests {
  /// Everything a cursor gives, and, after an error, what later calls still give.
  struct SheetReading: Equatable, CustomStringConvertible {
    var rowIndices: [Int] = []
    var cells: [[Cell]] = []
    var mergedRanges: [CellRange] = []
    var dimension: CellRange?
    var error: XLSXError?
    var afterError: [[Cell]] = []

    var description: String { "\(cells.count) rows, error \(error.map(String.init(describing:)) ?? "none")" }
  }

  static func read(_ workbook: Workbook, _ sheet: SheetInfo, blanking: Bool) -> (SheetReading, blanked: Int) {
    var reading = SheetReading()
    let cursor: RowCursor
    do {
      cursor = try workbook.rows(of: sheet, blankingCells: blanking)
    } catch {
      reading.error = error
      return (reading, 0)
    }
    do {
      while let row = try cursor.next() {
        reading.rowIndices.append(row.index)
        reading.cells.append(row.cells)
      }
    } catch {
      reading.error = error
      for _ in 0..<100 {
        guard let row = try? cursor.next() else { break }
        reading.afterError.append(row.cells)
      }
    }
    reading.mergedRanges = cursor.mergedRanges
    reading.dimension = cursor.declaredDimension
    return (reading, cursor.blankedCells)
  }

  /// Compares every sheet of the workbook; returns how many cells were blanked.
  @discardableResult
  static func compare(_ workbook: Workbook, name: String) -> Int {
    var blanked = 0
    for sheet in workbook.sheets {
      let (plain, none) = read(workbook, sheet, blanking: false)
      var (filtered, count) = read(workbook, sheet, blanking: true)
      // Merged ranges read ahead may lie past an error; after one the reader returns no
      // grid, so they are not compared then.
      if plain.error != nil { filtered.mergedRanges = plain.mergedRanges }
      #expect(none == 0)
      #expect(plain == filtered, "\(name), sheet \(sheet.name): \(plain) but \(filtered) when blanking")
      blanked += count
    }
    return blanked
  }

  static let samples: [String] = {
    let directory = Corpus.packageRoot.appendingPathComponent("Samples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".xlsx") }.sorted().map { directory.appendingPathComponent($0).path }
  }()

  @Test(
    "Every corpus workbook and sample reads the same",
    arguments: Corpus.workbookNames.map { Corpus.workbook($0).path } + samples)
  func workbookReadsTheSame(_ path: String) throws {
    guard let workbook = try? Workbook(path: path) else { return }  // fails before any sheet: nothing to compare
    Self.compare(workbook, name: path)
  }

  @Test("The samples have cells to blank")
  func samplesAreBlanked() throws {
    var blanked = 0
    for path in Self.samples { blanked += try Self.compare(Workbook(path: path), name: path) }
    #expect(blanked > 100)
  }

  static let row = #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="1"/>"#

  /// Damaged worksheets with cells to blank before, around and after the damage.
  static let damaged: [String] = [
    row + #"<c r="D0"><v>1</v></c></row>"#,
    row + #"<c r="D1" r="D1"><v>1</v></c></row>"#,
    row + #"<c r="D1"><v>1</v></c><bad x=y/></row>"#,
    row + #"<c r="D1"><v>1</v></c></rowx>"#,
    row + #"<c r="D1" x="<c r="E1" s="1"/><c r="F1"/>"/></row>"#,
    row + #"<c r="D1" x='<c r="E1" s="1"/><c r="F1"/>'/></row>"#,
    row + "<c r=\"D1\"><v>\u{1}</v></c></row>",
    row + #"<c r="D1"><v>&bogus;</v></c></row>"#,
    row + #"<c r="D1"><v>1</v></c></row><row r="0"><c r="A2" s="1"/><c r="B2"/></row>"#,
    row + #"<c r="D1"><v>1</v></c></row><row r="2"><c r="A2" s="1"/><c r="B2"><v>2</v></c><c r="C2" s="1"/>"#,
    row + #"<c r="D1"><v>1</v></c></row><row r="2" s="1"><c r="A2" s="1"/></row><c><v>3</v></c>"#,
    row + #"</row><c><v>3</v></c><row><c r="A5" s="1"/><c r="B5"><v>4</v></c></row>"#,
    #"<row r="1"><c r="A2"><v>1</v></c><c r="B1" s="1"/><c r="C2"><v>2</v></c></row><row r="2"><c r="A2" s="1"/>"#
      + #"<c r="B2"><v>2</v></c></row>"#,
    #"<row r="1"><c><v>1</v></c><c r="B1" s="1"/><c><v>2</v></c></row>"#,
    row + #"<c r="D1" t="s"><v>99</v></c></row>"#,
    row + #"<c r="D1" t="inlineStr"><is><t>"# + String(repeating: "x", count: 200) + "</t></is></c></row>",
    // Row tags that may look plain but are not well-formed: the row is left to libxml2.
    row + #"</row><row r="2" s="1" s="2"><c r="A2" s="1"/></row>"#,
    row + #"</row><row r="2" customHeight="1" ht="2" customHeight="1"><c r="A2" s="1"/></row>"#,
    row + #"</row><row r="2" spans="1<2"><c r="A2" s="1"/></row>"#,
    row + #"</row><row r="2" x:y="1"><c r="A2" s="1"/></row>"#,
    row + #"</row><row r="2" spans="1:2"><c r="A2" s="1"/></rows>"#,
    // An ignored element that is not well-formed is left to libxml2.
    row + #"</row></sheetData><pageMargins left="1" left="2"/>"#,
    row + #"</row></sheetData><pageMargins left="1"right="2"/>"#,
    // A row read ahead ends where libxml2 alone would have ended it, before a fault.
    row + #"</row><row r="2"><c r="A2"><v>2</v></c></row><bad x=y/>"#,
    row + #"</row><row r="2"><c r="A2" s="1"/></row>"# + String(repeating: "<x>", count: 300),
    // Merged ranges read ahead, then damage: only a merged range is blanked in the second.
    row + #"</row></sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="C1:D1" x=y/></mergeCells>"#,
    #"</sheetData><mergeCells><mergeCell ref="A1:B2"/><mergeCell ref="C1:D1" x=y/></mergeCells>"#,
  ]

  static func workbook(_ rows: String, trailer: String = "</sheetData>") throws -> Workbook {
    let bytes = TestWorkbook.zip(
      sheets: [("Sheet1", "<sheetData>" + rows + trailer)], sharedStrings: ["<si><t>x</t></si>"]
    ).bytes()
    return try Workbook(bytes: bytes, fileName: "damaged.xlsx")
  }

  @Test("Damaged worksheets fail the same way, at the same line and column", arguments: damaged.indices)
  func damagedReadsTheSame(_ index: Int) throws {
    let blanked = Self.compare(try Self.workbook(Self.damaged[index]), name: "damaged \(index)")
    Self.compare(try Self.workbook(Self.damaged[index], trailer: ""), name: "damaged \(index), truncated")
    if Self.damaged[index].hasPrefix(Self.row) { #expect(blanked >= 1, "B1 is blanked before the damage") }
  }

  /// libxml2 quotes the bytes after invalid UTF-8 in its message; here they are a cell
  /// that blanking turns into spaces. The reader reports the message of an unfiltered read.
  @Test("An error that quotes blanked bytes gets the unfiltered message")
  func errorQuotingBlankedBytes() throws {
    let prefix = Array((#"<sheetData><row r="1"><c r="A1" s="1"/><c r="B1" s="1"/></row><row r="2" x=""#).utf8)
    let suffix = Array((#""><c r="A2" s="1"/><c r="B2" s="1"/></row></sheetData>"#).utf8)
    var zip = TestWorkbook.zip(sheets: [("Sheet1", "")])
    let index = try #require(zip.entries.firstIndex { $0.name == "xl/worksheets/sheet1.xml" })
    zip.entries[index].data =
      Array(#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(TestWorkbook.mainNamespace)">"#.utf8)
      + prefix + [0xBE] + suffix + Array("</worksheet>".utf8)
    let workbook = try Workbook(bytes: zip.bytes(), fileName: "utf8.xlsx")
    let sheet = try #require(workbook.sheets.first)
    let (plain, _) = Self.read(workbook, sheet, blanking: false)
    let (filtered, blanked) = Self.read(workbook, sheet, blanking: true)
    #expect(blanked >= 2, "the cells of row 1 at least")
    let error = try #require(plain.error)
    #expect(error.code == .malformedXML)
    #expect(error.message.contains("0xBE 0x22 0x3E 0x3C"), "\(error.message)")
    #expect(filtered == plain)
  }

  @Test("A sheet over several chunks, with a text too long at its end, reads the same")
  func manyChunksReadTheSame() throws {
    var rows = ""
    for number in 1...4000 {
      rows += #"<row r="\#(number)"><c r="A\#(number)"><v>\#(number)</v></c><c r="B\#(number)" s="1"/>"#
      rows += #"<c r="C\#(number)" s="2"/><c r="D\#(number)" t="s"><v>0</v></c><c r="E\#(number)" s="1"/></row>"#
      if number % 7 == 0 { rows += "\n" }
    }
    let workbook = try Self.workbook(rows)
    #expect(Self.compare(workbook, name: "4000 rows") > 7000)
    var limits = ReadLimits()
    limits.maxTextLength = 100
    let long = rows + #"<row r="4001"><c r="A4001" s="1"/><c r="B4001" t="inlineStr"><is><t>"#
      + String(repeating: "y", count: 300) + "</t></is></c></row>"
    let bytes = TestWorkbook.zip(sheets: [("Sheet1", "<sheetData>" + long + "</sheetData>")]).bytes()
    Self.compare(try Workbook(bytes: bytes, fileName: "long.xlsx", limits: limits), name: "long text")
  }
}
