/// Reads `xl/sharedStrings.xml`: each `<si>` becomes one string, its rich-text runs
/// joined and its phonetic runs (`<rPh>`, furigana) left out.
final class SharedStringsHandler: SAXHandler {
  private(set) var strings: [String] = []
  private var text: TextBuffer
  private var inItem = false
  private var inText = false
  private var phoneticDepth = 0
  private let maxStrings: Int

  /// A handler whose first strings are `readAhead` (``SharedStringsPreread``): the items
  /// libxml2 reads come after them.
  init(limits: ReadLimits, readAhead: [String] = []) {
    text = TextBuffer(limit: limits.maxTextLength)
    maxStrings = limits.maxSharedStrings
    strings = readAhead
  }

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    if name.is("t") {
      inText = inItem
    } else if name.is("si") {
      inItem = true
      text.clear()
    } else if name.is("rPh") {
      phoneticDepth += 1
    } else if name.is("sst"), let count = attributes.value("uniqueCount").flatMap(parseInteger) {
      strings.reserveCapacity(min(count, 1 << 20) + strings.count)
    }
  }

  override func endElement(_ name: XMLName) {
    if name.is("t") {
      inText = false
    } else if name.is("si") {
      if text.overflowed {
        failTooLong()
        return
      }
      guard strings.count < maxStrings else {
        fail(XLSXError(.limitExceeded, "共享字符串超过 \(maxStrings) 条的上限"))
        return
      }
      strings.append(text.decodedString)
      inItem = false
    } else if name.is("rPh") {
      phoneticDepth -= 1
    }
  }

  override func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
    if inText && phoneticDepth == 0 {
      text.append(bytes)
      if text.overflowed { failTooLong() }
    }
  }

  /// Stops at once when a string passes the limit, rather than reading the rest of it.
  private func failTooLong() {
    fail(XLSXError(.limitExceeded, "共享字符串 #\(strings.count) 超过长度上限 \(text.limit) 字节"))
  }
}

/// Reads `xl/styles.xml` down to what typing a cell needs: for each cell format
/// (`<cellXfs>/<xf>`) the kind of its number format.
final class StylesHandler: SAXHandler {
  /// The kind of each `<numFmt>`, read as it is met (each code once, however many cell
  /// formats use it).
  private var customKinds: [Int: NumberFormatKind] = [:]
  private var formatIDs: [Int] = []
  private var inCellFormats = false
  private var xfDepth = 0

  /// The kind of number format of every cell format, indexed by the `s` attribute.
  var kinds: [NumberFormatKind] {
    formatIDs.map { id in customKinds[id] ?? NumberFormatKind(builtInID: id) }
  }

  override func startElement(_ name: XMLName, _ attributes: XMLAttributes) {
    if name.is("numFmt") {
      if let id = attributes.value("numFmtId").flatMap(parseInteger), let code = attributes.string("formatCode") {
        customKinds[id] = NumberFormatKind(code: code)
      }
    } else if name.is("cellXfs") {
      inCellFormats = true
    } else if name.is("xf") && inCellFormats {
      xfDepth += 1
      if xfDepth == 1 { formatIDs.append(attributes.value("numFmtId").flatMap(parseInteger) ?? 0) }
    }
  }

  override func endElement(_ name: XMLName) {
    if name.is("cellXfs") {
      inCellFormats = false
    } else if name.is("xf") && inCellFormats {
      xfDepth -= 1
    }
  }
}

/// A non-negative decimal integer from bytes (surrounding spaces allowed), or nil.
@inline(__always)
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  var index = 0
  while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
  var value = 0
  let start = index
  while index < bytes.count {
    let digit = bytes[index] &- UInt8(ascii: "0")
    guard digit < 10 else { break }
    guard value < Int.max / 10 - 10 else { return nil }
    value = value * 10 + Int(digit)
    index += 1
  }
  guard index > start else { return nil }
  while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
  return index == bytes.count ? value : nil
}
