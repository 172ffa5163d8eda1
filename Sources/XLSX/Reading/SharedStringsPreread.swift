#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads ahead the plain items at the start of a shared-strings part held whole in one
/// writable buffer, and drops them from it, before libxml2 parses the part.
///
/// libxml2 spends about 2,800 instructions on an item `<si><t>项目名称</t></si>` (two
/// elements and their text); read here it costs a few a byte. The items read are the
/// leading run, directly inside the root `<sst>`, written exactly `<si><t>TEXT</t></si>`
/// (or `<t xml:space="preserve">`), each TEXT what libxml2 would pass on unchanged (no
/// `&`, carriage return or `]`, no control character but tab and line feed, well-formed
/// UTF-8 of XML characters) and within the text limit, up to the limit on the number of
/// strings. The first item written any other way ends the run: it and all after it are
/// left to libxml2, which also parses the root and whatever follows, so the strings keep
/// their order. The rest of the part is moved up over the items, so libxml2 neither scans
/// them as white space nor is it given them to read; lines and columns of a later fault
/// change, so ``Workbook`` reads the part again without this for the error it reports.
enum SharedStringsPreread {
  /// The texts of the leading plain items of `part` (a whole shared-strings part), in
  /// order, `_xHHHH_` escapes decoded, and how many bytes of `part` are left for libxml2
  /// to parse: the items are dropped, the bytes after them moved up. No texts, and `part`
  /// untouched, when the part does not start that way.
  static func read(_ part: UnsafeMutableRawBufferPointer, limits: ReadLimits) -> (texts: [String], count: Int) {
    guard let base = part.baseAddress?.assumingMemoryBound(to: UInt8.self), part.count > 0 else { return ([], part.count) }
    let end = base + part.count
    guard let content = CellBlanker.contentAfterUTF8Prolog(base, end) else { return ([], part.count) }
    var cursor = skipWhiteSpace(content, end)
    // The root: `<sst` and its attributes (libxml2 reads them), not empty.
    guard CellBlanker.matches(cursor, end, "<sst"), end - cursor > 4,
      isWhiteSpace(cursor[4]) || cursor[4] == UInt8(ascii: ">")
    else { return ([], part.count) }
    cursor += 4
    var quote: UInt8 = 0
    while cursor < end {
      let byte = cursor.pointee
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "<") {
        break
      }
      cursor += 1
    }
    guard cursor < end, cursor.pointee == UInt8(ascii: ">"), cursor[-1] != UInt8(ascii: "/") else {
      return ([], part.count)
    }
    cursor += 1

    var texts: [String] = []
    let first = cursor
    var blankEnd = cursor
    while texts.count < limits.maxSharedStrings {
      cursor = skipWhiteSpace(cursor, end)
      guard let (text, itemEnd) = plainItem(at: cursor, end, limit: limits.maxTextLength) else { break }
      texts.append(EscapedText.decode(text))
      cursor = itemEnd
      blankEnd = itemEnd
    }
    if blankEnd > first { memmove(first, blankEnd, end - blankEnd) }
    return (texts, part.count - (blankEnd - first))
  }

  /// The text of `<si><t>TEXT</t></si>` (or `<t xml:space="preserve">`) at `start` and
  /// the end of the item, when it is written so and TEXT passes
  /// ``CellBlanker/plainText(from:_:limit:)``; else nil.
  private static func plainItem(
    at start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>, limit: Int
  ) -> (UnsafeBufferPointer<UInt8>, UnsafeMutablePointer<UInt8>)? {
    var cursor = start
    if CellBlanker.matches(cursor, end, "<si><t>") {
      cursor += 7
    } else if CellBlanker.matches(cursor, end, "<si><t xml:space=\"preserve\">")
      || CellBlanker.matches(cursor, end, "<si><t xml:space='preserve'>")
    {
      cursor += 28
    } else {
      return nil
    }
    guard let text = CellBlanker.plainText(from: cursor, end, limit: limit),
      CellBlanker.matches(text.end, end, "</t></si>")
    else { return nil }
    return (text.bytes, text.end + 9)
  }

  private static func isWhiteSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func skipWhiteSpace(
    _ start: UnsafeMutablePointer<UInt8>, _ end: UnsafeMutablePointer<UInt8>
  ) -> UnsafeMutablePointer<UInt8> {
    var cursor = start
    while cursor < end, isWhiteSpace(cursor.pointee) { cursor += 1 }
    return cursor
  }
}
