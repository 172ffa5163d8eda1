#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import OrderedJSON

/// One attribute of an element written by ``XMLEmitter``.
struct XMLAttribute {
  enum Value {
    case text(String)
    case integer(Int)
    case number(Double)
  }

  let name: StaticString
  let value: Value

  init(_ name: StaticString, _ value: String) {
    self.name = name
    self.value = .text(value)
  }

  init(_ name: StaticString, _ value: Int) {
    self.name = name
    self.value = .integer(value)
  }

  init(_ name: StaticString, _ value: Double) {
    self.name = name
    self.value = .number(value)
  }
}

/// The only place where XML is spelled out and escaped.
///
/// Bytes collect in a fixed buffer; when it is full, it is handed to `drain` (the ZIP
/// entry's deflater) and reused, so a part of any size passes through the same memory.
/// Without a drain the buffer grows and ``bytes`` returns everything (for small parts and
/// tests).
///
/// Text content and attribute values are escaped differently: in text, `& < >` become
/// entities, characters XML 1.0 cannot carry (U+0000–U+0008, U+000B, U+000C,
/// U+000E–U+001F, U+FFFE, U+FFFF) and the carriage return (which XML parsers turn into a
/// line feed) become Excel's `_xHHHH_`, and a literal `_xHHHH` in the text has its
/// underscore escaped as `_x005F_` so that it reads back unchanged. In attributes,
/// `& < > "` become entities and tab, line feed and carriage return character
/// references; callers validate that attribute values hold no forbidden characters
/// (should one slip through, it is written as U+FFFD).
///
/// Writing never throws: a failing drain is remembered in ``failure`` and later output is
/// dropped; the owner checks ``failure`` at row and part boundaries.
final class XMLEmitter {
  /// Called with each full buffer; nil collects everything in memory.
  typealias Drain = (UnsafeRawBufferPointer) throws(XLSXError) -> Void

  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0
  private let drain: Drain?
  /// The first error the drain threw, if any.
  private(set) var failure: XLSXError?

  static let defaultCapacity = 64 << 10

  init(capacity: Int = XMLEmitter.defaultCapacity, drain: Drain? = nil) {
    self.capacity = max(capacity, 64)
    storage = .allocate(capacity: self.capacity)
    self.drain = drain
  }

  deinit { storage.deallocate() }

  /// Everything written so far (in-memory emitters only).
  var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

  /// Everything written so far as text (in-memory emitters only; for tests).
  var string: String { String(decoding: UnsafeBufferPointer(start: storage, count: count), as: UTF8.self) }

  /// Hands the buffered bytes to the drain.
  func flush() {
    guard let drain, count > 0 else { return }
    if failure == nil {
      do throws(XLSXError) {
        try drain(UnsafeRawBufferPointer(start: storage, count: count))
      } catch {
        failure = error
      }
    }
    count = 0
  }

  /// Makes room for `needed` more bytes (at most the capacity when draining).
  @inline(__always)
  private func reserve(_ needed: Int) {
    if count + needed > capacity { makeRoom(needed) }
  }

  private func makeRoom(_ needed: Int) {
    if drain != nil {
      flush()
      if needed <= capacity { return }
    }
    ByteStorage.grow(&storage, count: count, capacity: &capacity, toHold: count + needed)
  }

  // MARK: - Raw output

  /// ASCII markup written as is.
  @inline(__always)
  func raw(_ literal: StaticString) {
    let length = literal.utf8CodeUnitCount
    reserve(length)
    (storage + count).update(from: literal.utf8Start, count: length)
    count += length
  }

  @inline(__always)
  func byte(_ value: UInt8) {
    reserve(1)
    storage[count] = value
    count += 1
  }

  /// Bytes that are already valid markup.
  func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < bytes.count {
      let room = drain == nil ? bytes.count - offset : min(capacity, bytes.count - offset)
      reserve(room)
      (storage + count).update(from: bytes.baseAddress! + offset, count: room)
      count += room
      offset += room
    }
  }

  /// Writes up to `maximum` bytes (at most the capacity) through `body`, with one capacity
  /// check for all of them: for markup made of many small pieces, such as a cell.
  @inline(__always)
  func write(atMost maximum: Int, _ body: (inout ByteCursor) -> Void) {
    reserve(maximum)
    var cursor = ByteCursor(position: storage + count)
    body(&cursor)
    count = cursor.position - storage
  }

  // MARK: - Numbers

  /// A decimal integer.
  @inline(__always)
  func integer(_ value: Int) {
    write(atMost: 20) { $0.integer(value) }
  }

  /// Writes the decimal digits of `value` at `target`; returns how many bytes.
  @inline(__always)
  static func formatInteger(_ value: Int, into target: UnsafeMutablePointer<UInt8>) -> Int {
    ByteStorage.writeDecimal(value, at: target)
  }

  /// The letters of a 0-based column: 0 → `A`, 27 → `AB`, 16383 → `XFD`.
  @inline(__always)
  func columnName(_ column: Int) {
    write(atMost: 3) { $0.columnName(column) }
  }

  /// A finite number in its shortest round-trip form: integers below 2^53 without a
  /// fraction (`15`, `-0` for negative zero), others as Swift's shortest
  /// representation (`0.1`, `1.7976931348623157e+308`, `5e-324`).
  @inline(__always)
  func number(_ value: Double) {
    write(atMost: 32) { $0.number(value) }
  }

  /// Writes `value` at `target` (at least 32 bytes of room); returns how many bytes.
  static func formatNumber(_ value: Double, into target: UnsafeMutablePointer<UInt8>) -> Int {
    let magnitude = value.magnitude
    if magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
      if value == 0 && value.sign == .minus {
        target[0] = UInt8(ascii: "-")
        target[1] = UInt8(ascii: "0")
        return 2
      }
      return formatInteger(Int(value), into: target)
    }
    // A decimal with few digits (`1.25`, `-0.001`, `1234.5678`) without `description`.
    if magnitude >= 1e-4, magnitude < 1e15, let length = ByteStorage.writeShortDecimal(value, at: target) {
      return length
    }
    return formatShortest(value, into: target)
  }

  /// Swift's shortest round-trip text, without a trailing `.0`.
  private static func formatShortest(_ value: Double, into target: UnsafeMutablePointer<UInt8>) -> Int {
    var text = value.description
    return text.withUTF8 { utf8 in
      var length = utf8.count
      // Swift spells integral values in fixed notation with ".0"; drop it.
      if length > 2, utf8[length - 2] == UInt8(ascii: "."), utf8[length - 1] == UInt8(ascii: "0") {
        length -= 2
      }
      target.update(from: utf8.baseAddress!, count: length)
      return length
    }
  }

  // MARK: - Escaped text

  /// How a byte is treated in text content (`text`) and attribute values (`attribute`).
  private static let textClass: [UInt8] = makeClassTable(attribute: false)
  private static let attributeClass: [UInt8] = makeClassTable(attribute: true)

  /// 0: copy; 1: needs a look (markup character, control character, `_`, 0xEF lead byte).
  private static func makeClassTable(attribute: Bool) -> [UInt8] {
    var table = [UInt8](repeating: 0, count: 256)
    for byte in 0..<0x20 where byte != 0x09 && byte != 0x0A { table[byte] = 1 }
    for character in "&<>" { table[Int(character.asciiValue!)] = 1 }
    table[0xEF] = 1
    if attribute {
      table[0x09] = 1
      table[0x0A] = 1
      table[Int(UInt8(ascii: "\""))] = 1
    } else {
      table[Int(UInt8(ascii: "_"))] = 1
    }
    return table
  }

  /// Text content, escaped.
  func text(_ value: String) {
    var value = value
    value.withUTF8 { text(utf8: $0) }
  }

  /// Text content given as UTF-8, escaped.
  func text(utf8 value: UnsafeBufferPointer<UInt8>) {
    escape(value, table: Self.textClass, attribute: false)
  }

  /// Text content where `_xHHHH_` is not decoded (document properties): markup
  /// characters become entities, as in attributes.
  func literalText(_ value: String) {
    attributeValue(value)
  }

  /// An attribute value (without the quotes), escaped.
  func attributeValue(_ value: String) {
    var value = value
    value.withUTF8 { escape($0, table: Self.attributeClass, attribute: true) }
  }

  private func escape(_ bytes: UnsafeBufferPointer<UInt8>, table: [UInt8], attribute: Bool) {
    table.withUnsafeBufferPointer { classes in
      var index = 0
      let end = bytes.count
      while index < end {
        // Copy the run of bytes that need nothing.
        var runEnd = index
        while runEnd < end, classes[Int(bytes[runEnd])] == 0 { runEnd += 1 }
        if runEnd > index {
          raw(UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
          index = runEnd
          if index == end { break }
        }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "&"): raw("&amp;")
        case UInt8(ascii: "<"): raw("&lt;")
        case UInt8(ascii: ">"): raw("&gt;")
        case UInt8(ascii: "\""): raw("&quot;")
        case 0x09: raw("&#9;")
        case 0x0A: raw("&#10;")
        case 0x0D: attribute ? raw("&#13;") : hexEscape(0x0D)
        case UInt8(ascii: "_"):
          // A literal `_xHHHH_` would be decoded by readers: escape its underscore. So is
          // `_xHHHH` without the closing underscore, because the next character may be
          // written as an escape that starts with one (`_x127b` + U+FFFE).
          if Self.startsHexEscape(bytes, at: index) { raw("_x005F_") } else { self.byte(byte) }
        case 0xEF:
          // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
          if index + 2 < end, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
            let unit: UInt16 = bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF
            if attribute { replacementCharacter() } else { hexEscape(unit) }
            index += 3
            continue
          }
          self.byte(byte)
        default:
          // The other C0 controls.
          if attribute { replacementCharacter() } else { hexEscape(UInt16(byte)) }
        }
        index += 1
      }
    }
  }

  /// U+FFFD, for a character an attribute cannot carry.
  private func replacementCharacter() {
    byte(0xEF)
    byte(0xBF)
    byte(0xBD)
  }

  /// `_xHHHH_` with upper-case hex digits, as Excel writes it.
  private func hexEscape(_ unit: UInt16) {
    reserve(7)
    let digits: StaticString = "0123456789ABCDEF"
    let target = storage + count
    target[0] = UInt8(ascii: "_")
    target[1] = UInt8(ascii: "x")
    for position in 0..<4 {
      target[2 + position] = digits.utf8Start[Int((unit >> (12 - 4 * position)) & 0xF)]
    }
    target[6] = UInt8(ascii: "_")
    count += 7
  }

  /// Whether `_xHHHH` (any case of hex digit) starts at `index`.
  static func startsHexEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x")
    else { return false }
    for offset in 2..<6 {
      let byte = bytes[index + offset]
      let isHex = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
      if !isHex { return false }
    }
    return true
  }

  // MARK: - Elements

  /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` and a line break.
  func declaration() {
    raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
  }

  /// `<name a="v" …>`
  func start(_ name: StaticString, _ attributes: [XMLAttribute] = []) {
    openTag(name, attributes)
    byte(UInt8(ascii: ">"))
  }

  /// `<name a="v" …/>`
  func empty(_ name: StaticString, _ attributes: [XMLAttribute] = []) {
    openTag(name, attributes)
    raw("/>")
  }

  /// `</name>`
  func end(_ name: StaticString) {
    raw("</")
    raw(name)
    byte(UInt8(ascii: ">"))
  }

  /// `<name a="v" …>text</name>`
  func element(_ name: StaticString, _ attributes: [XMLAttribute] = [], text value: String) {
    start(name, attributes)
    text(value)
    end(name)
  }

  /// `<name a="v" …>text</name>` with ``literalText(_:)``.
  func element(_ name: StaticString, _ attributes: [XMLAttribute] = [], literal value: String) {
    start(name, attributes)
    literalText(value)
    end(name)
  }

  private func openTag(_ name: StaticString, _ attributes: [XMLAttribute]) {
    byte(UInt8(ascii: "<"))
    raw(name)
    for attribute in attributes { self.attribute(attribute) }
  }

  /// ` name="value"`
  func attribute(_ attribute: XMLAttribute) {
    byte(UInt8(ascii: " "))
    raw(attribute.name)
    raw("=\"")
    switch attribute.value {
    case .text(let value): attributeValue(value)
    case .integer(let value): integer(value)
    case .number(let value): number(value)
    }
    byte(UInt8(ascii: "\""))
  }
}

/// Where the next byte goes in room an ``XMLEmitter`` has reserved
/// (``XMLEmitter/write(atMost:_:)``); writes without checking the room.
struct ByteCursor {
  var position: UnsafeMutablePointer<UInt8>

  /// ASCII markup written as is.
  @inline(__always)
  mutating func raw(_ literal: StaticString) {
    position.update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
    position += literal.utf8CodeUnitCount
  }

  /// Bytes that are already valid markup.
  @inline(__always)
  mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    position.update(from: source, count: bytes.count)
    position += bytes.count
  }

  /// A decimal integer (at most 20 bytes). One or two digits, as most style indices
  /// have, are spelled without counting them first; up to five, as most shared-string
  /// indices have, with their count found by comparisons rather than divisions.
  @inline(__always)
  mutating func integer(_ value: Int) {
    guard value >= 0, value < 100 else {
      if value >= 100, value < 100_000 {
        smallInteger(value, length: value < 1_000 ? 3 : value < 10_000 ? 4 : 5)
      } else {
        position += XMLEmitter.formatInteger(value, into: position)
      }
      return
    }
    if value >= 10 {
      position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
      position += 1
    }
    position[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    position += 1
  }

  /// The `length` digits of `value` (0 ≤ value < 10^length), from the last.
  @inline(__always)
  private mutating func smallInteger(_ value: Int, length: Int) {
    var rest = UInt32(truncatingIfNeeded: value)
    var index = length
    repeat {
      index &-= 1
      position[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
      rest /= 10
    } while index > 0
    position += length
  }

  /// A number as ``XMLEmitter/number(_:)`` writes it (at most 32 bytes).
  @inline(__always)
  mutating func number(_ value: Double) {
    position += XMLEmitter.formatNumber(value, into: position)
  }

  /// The letters of a 0-based column: 0 → `A`, 27 → `AB`, 16383 → `XFD`.
  @inline(__always)
  mutating func columnName(_ column: Int) {
    if column < 26 {
      position[0] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: column)
      position += 1
    } else if column < 702 {
      position[0] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: column / 26 - 1)
      position[1] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: column % 26)
      position += 2
    } else {
      let rest = column - 702
      position[0] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: rest / 676)
      position[1] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: rest / 26 % 26)
      position[2] = UInt8(ascii: "A") &+ UInt8(truncatingIfNeeded: rest % 26)
      position += 3
    }
  }
}
