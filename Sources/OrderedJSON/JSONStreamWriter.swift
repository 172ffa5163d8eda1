/// Writes JSON straight into UTF-8 bytes, in exactly the layout ``JSONValue`` writes with
/// an indent of one space, without building values first: the fast path for long
/// documents. Open objects and arrays with `begin…`, close them with `end…`; inside an
/// object, ``key(_:)`` precedes every value; inside an array, ``item()`` precedes every
/// element. Arrays opened with ``beginArray()`` are laid out one element per line, as
/// ``JSONValue`` lays out arrays of objects; write an array of scalars with
/// ``value(_:)`` to keep it on one line.
///
/// ```swift
/// var json = JSONStreamWriter()
/// json.beginObject()
/// json.key("name"); json.string("汇总")
/// json.endObject()   // {\n "name": "汇总"\n}
/// let text = json.takeBytes()
/// ```
///
/// Bytes collect in a buffer of the writer's own (one capacity check per piece, where an
/// array of bytes would check its capacity and uniqueness for every byte); the writer
/// cannot be copied, so the buffer has one owner.
public struct JSONStreamWriter: ~Copyable {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// How many bytes are written and not yet taken.
  public private(set) var count = 0
  /// The level of the outermost value (its indentation in spaces).
  private let baseLevel: Int
  /// Per open object or array, outer ones: whether it holds anything yet, one bit each
  /// with the innermost in the lowest bit, for the 64 innermost; the ones further out in
  /// `outermostOpened` (an array costs a uniqueness check and more for every push and pop).
  private var outerOpened: UInt64 = 0
  private var outermostOpened: [Bool] = []
  /// How many outer objects and arrays `outerOpened` and `outermostOpened` hold.
  private var outerCount = 0
  /// Whether the innermost open object or array holds anything yet.
  private var innerOpened = false
  /// How many objects and arrays are open.
  private var depth = 0

  /// A writer whose first value stands `level` levels deep in a larger document.
  public init(level: Int = 0) {
    baseLevel = level
    capacity = 1 << 16
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  /// The bytes written since the last ``takeBytes()``.
  public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

  /// Returns the bytes written so far and empties the buffer; the writer keeps its place in
  /// the document, so a long document can be handed on piece by piece.
  public mutating func takeBytes() -> [UInt8] {
    defer { count = 0 }
    return bytes
  }

  /// The level of a value written now.
  private var level: Int { baseLevel + depth }

  // MARK: - Bytes

  /// Room for `needed` more bytes, and for eight past them: indentation and plain text
  /// are stored eight bytes at a time, and the last word may run past what counts.
  @inline(__always)
  private mutating func reserve(_ needed: Int) {
    if count + needed + 8 > capacity { grow(needed + 8) }
  }

  private mutating func grow(_ needed: Int) {
    ByteStorage.grow(&storage, count: count, capacity: &capacity, toHold: count + needed)
  }

  @inline(__always)
  private mutating func append(_ byte: UInt8) {
    reserve(1)
    storage[count] = byte
    count += 1
  }

  @inline(__always)
  private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    (storage + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  /// A line break, ending the document after its outermost value.
  public mutating func endLine() { append(UInt8(ascii: "\n")) }

  // MARK: - Containers

  public mutating func beginObject() { open(UInt8(ascii: "{")) }

  public mutating func endObject() { close(UInt8(ascii: "}")) }

  /// Opens an array whose elements (objects, as a rule) go one per line.
  public mutating func beginArray() { open(UInt8(ascii: "[")) }

  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Starts the next member of the open object: `"name": `. `name` is written as given,
  /// so it must be plain text that JSON does not escape (jixiao's keys are ASCII words).
  public mutating func key(_ name: StaticString) {
    let length = name.utf8CodeUnitCount
    startElement(reservingAlso: length + 4)
    let target = storage + count
    target[0] = UInt8(ascii: "\"")
    Self.copyShort(name.utf8Start, count: length, to: target + 1)
    target[length + 1] = UInt8(ascii: "\"")
    target[length + 2] = UInt8(ascii: ":")
    target[length + 3] = UInt8(ascii: " ")
    count += length + 4
  }

  /// Copies `count` bytes from `source` to `target` with a few loads and stores instead of
  /// a call to `memmove`, which costs more than copying a key of a dozen bytes. The loads
  /// overlap rather than read past the source (the last eight bytes, or four, or the
  /// first, middle and last byte, are loaded from where they end).
  @inline(__always)
  private static func copyShort(_ source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    if count >= 8 {
      var offset = 0
      while offset + 8 < count {
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
        offset += 8
      }
      let last = count - 8
      to.storeBytes(of: from.loadUnaligned(fromByteOffset: last, as: UInt64.self), toByteOffset: last, as: UInt64.self)
    } else if count >= 4 {
      let last = count - 4
      let (head, tail) = (from.loadUnaligned(as: UInt32.self), from.loadUnaligned(fromByteOffset: last, as: UInt32.self))
      to.storeBytes(of: head, as: UInt32.self)
      to.storeBytes(of: tail, toByteOffset: last, as: UInt32.self)
    } else if count > 0 {
      let (first, middle, last) = (source[0], source[count / 2], source[count - 1])
      target[0] = first
      target[count / 2] = middle
      target[count - 1] = last
    }
  }

  /// Starts the next member of the open object, its name given as UTF-8 (escaped as
  /// needed).
  public mutating func key(utf8 name: UnsafeBufferPointer<UInt8>) {
    startElement()
    quoted(name)
    reserve(2)
    storage[count] = UInt8(ascii: ":")
    storage[count + 1] = UInt8(ascii: " ")
    count += 2
  }

  /// Starts the next element of the open array.
  public mutating func item() { startElement() }

  /// An array of `elements`, each written by `writeElement` as the next item. (Inlinable,
  /// so that callers in other modules get it specialised for their element type.)
  @inlinable
  public mutating func array<Element>(
    _ elements: some Sequence<Element>, _ writeElement: (Element, inout JSONStreamWriter) throws -> Void
  ) rethrows {
    beginArray()
    for element in elements {
      item()
      try writeElement(element, &self)
    }
    endArray()
  }

  private mutating func open(_ bracket: UInt8) {
    append(bracket)
    if depth > 0 { pushOuter(innerOpened) }
    innerOpened = false
    depth += 1
  }

  private mutating func close(_ bracket: UInt8) {
    let hadElements = innerOpened
    depth -= 1
    innerOpened = depth > 0 ? popOuter() : false
    reserve(level + 2)
    if hadElements { newline(spaces: level) }
    storage[count] = bracket
    count += 1
  }

  /// Keeps whether the container being left for an inner one holds anything yet.
  @inline(__always)
  private mutating func pushOuter(_ opened: Bool) {
    if outerCount >= 64 { outermostOpened.append(outerOpened >> 63 != 0) }
    outerOpened = outerOpened << 1 | (opened ? 1 : 0)
    outerCount += 1
  }

  /// Whether the container returned to holds anything yet (the last pushed).
  @inline(__always)
  private mutating func popOuter() -> Bool {
    let opened = outerOpened & 1 != 0
    outerOpened >>= 1
    outerCount -= 1
    if outerCount >= 64 { outerOpened |= (outermostOpened.removeLast() ? 1 : 0) << 63 }
    return opened
  }

  /// `,` unless this is the container's first element, then a line break and the
  /// indentation; `more` bytes after them are reserved too (one capacity check for both).
  @inline(__always)
  private mutating func startElement(reservingAlso more: Int = 0) {
    reserve(level + 2 + more)
    storage[count] = UInt8(ascii: ",")
    if innerOpened { count += 1 }
    innerOpened = true
    newline(spaces: level)
  }

  /// A line break and `spaces` spaces, in room reserved for them.
  @inline(__always)
  private mutating func newline(spaces: Int) {
    storage[count] = UInt8(ascii: "\n")
    writeSpaces(spaces, at: UnsafeMutableRawPointer(storage + count + 1))
    count += 1 + spaces
  }

  /// `count` spaces at `target`, eight at a time (the indentation of a line, usually one
  /// word), where up to seven bytes more are reserved.
  @inline(__always)
  private func writeSpaces(_ count: Int, at target: UnsafeMutableRawPointer) {
    let spaces: UInt64 = 0x2020_2020_2020_2020
    target.storeBytes(of: spaces, as: UInt64.self)
    var offset = 8
    while offset < count {
      target.storeBytes(of: spaces, toByteOffset: offset, as: UInt64.self)
      offset += 8
    }
  }

  // MARK: - Values

  /// A string, or null.
  public mutating func string(_ text: String?) {
    guard let text else { return null() }
    Self.withUTF8(of: text) { quoted($0) }
  }

  /// A string given as UTF-8.
  public mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
    quoted(text)
  }

  /// Calls `body` with the UTF-8 bytes of `text` where the string keeps them: no copy of
  /// the string, so no reference count to take (a copy only for a string not stored as
  /// UTF-8).
  @inline(__always)
  private static func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    if text.utf8.withContiguousStorageIfAvailable(body) != nil { return }
    var text = text
    text.withUTF8(body)
  }

  /// `text` in quotes, escaped as needed.
  private mutating func quoted(_ text: UnsafeBufferPointer<UInt8>) {
    reserve(text.count + 2)
    if !writePlain(text) { writeEscaped(text) }
  }

  /// Writes `text` in quotes and returns true when none of its bytes needs an escape
  /// (most texts); returns false, having written nothing that counts, otherwise. Checks
  /// and copies eight bytes at a time, the last few gathered into one word padded with
  /// spaces. Needs room for `text.count + 2` bytes (``reserve(_:)``).
  @inline(__always)
  private mutating func writePlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    let source = UnsafeRawBufferPointer(text)
    let target = UnsafeMutableRawPointer(storage + count + 1)
    var index = 0
    while index + 8 <= text.count {
      let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      if JSONValue.mayNeedEscapeCheck(word) { return false }
      target.storeBytes(of: word, toByteOffset: index, as: UInt64.self)
      index += 8
    }
    var last: UInt64 = 0x2020_2020_2020_2020
    while index < text.count {
      last = last << 8 | UInt64(text[index])
      target.storeBytes(of: text[index], toByteOffset: index, as: UInt8.self)
      index += 1
    }
    if JSONValue.mayNeedEscapeCheck(last) { return false }
    storage[count] = UInt8(ascii: "\"")
    storage[count + text.count + 1] = UInt8(ascii: "\"")
    count += text.count + 2
    return true
  }

  /// `text` in quotes, its runs of plain bytes copied at once and the rest escaped.
  private mutating func writeEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    append(UInt8(ascii: "\""))
    var runStart = 0
    while let escape = JSONValue.nextEscape(in: text, from: runStart) {
      append(UnsafeBufferPointer(rebasing: text[runStart..<escape.index]))
      var code = escape.code
      code.withUTF8 { append($0) }
      runStart = escape.index + escape.length
    }
    append(UnsafeBufferPointer(rebasing: text[runStart...]))
    append(UInt8(ascii: "\""))
  }

  /// A number in its shortest round-trip form, or null (also for NaN and infinities).
  public mutating func number(_ value: Double?) {
    guard let value else { return null() }
    // Whole numbers below 10^15 (most weights, scores and amounts) are written without
    // making a String: their digits and `.0`, as `Double.description` writes them.
    if value == value.rounded(.towardZero), abs(value) < 1e15, value != 0 || value.sign == .plus {
      writeDigits(of: Int64(value))
      append(UInt8(ascii: "."))
      append(UInt8(ascii: "0"))
      return
    }
    if writeShortDecimal(value) { return }
    var text = JSONValue.format(value)
    text.withUTF8 { append($0) }
  }

  /// Writes `value` and returns true when it is a short decimal of 0.001 or more (`0.85`,
  /// `12.5`, `-1234.56`: ``ByteStorage/writeShortDecimal(_:at:)``, which writes what
  /// `Double.description` does there), without making a String; returns false, having
  /// written nothing, for any other value.
  @inline(__always)
  private mutating func writeShortDecimal(_ value: Double) -> Bool {
    guard value.magnitude >= 0.001 else { return false }
    reserve(32)
    guard let length = ByteStorage.writeShortDecimal(value, at: storage + count) else { return false }
    count += length
    return true
  }

  private mutating func writeDigits(of value: Int64) {
    reserve(20)
    count += ByteStorage.writeDecimal(Int(value), at: storage + count)
  }

  /// An integer, or null.
  public mutating func integer(_ value: Int?) {
    guard let value else { return null() }
    writeDigits(of: Int64(value))
  }

  public mutating func null() {
    let literal: StaticString = "null"
    append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  // MARK: - Members

  /// `"name": "text"` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, _ text: String?) {
    key(name)
    string(text)
  }

  /// `"name": "text"` in the open object, both given as UTF-8 (escaped as needed).
  public mutating func member(utf8 name: UnsafeBufferPointer<UInt8>, utf8 text: UnsafeBufferPointer<UInt8>) {
    key(utf8: name)
    quoted(text)
  }

  /// An object of string members given as one UTF-8 buffer of entries, `name keyEnd text
  /// entryEnd` each (a compact map's bytes), written as ``member(utf8:utf8:)`` writes
  /// them. `keyEnd` and `entryEnd` must be controls, which occur in no name or text. An
  /// entry without its ends is written with what it has; nothing past the buffer is read.
  public mutating func object(entries: UnsafeBufferPointer<UInt8>, keyEnd: UInt8, entryEnd: UInt8) {
    beginObject()
    // The fast path scans without looking for the buffer's end: its last byte, `entryEnd`,
    // stops every scan. A buffer that ends otherwise takes the careful path throughout.
    let ended = entries.last == entryEnd && keyEnd != entryEnd
    var start = 0
    while start < entries.count {
      start =
        (ended ? plainMember(entries, from: start, keyEnd: keyEnd, entryEnd: entryEnd) : nil)
        ?? escapedMember(entries, from: start, keyEnd: keyEnd, entryEnd: entryEnd)
    }
    endObject()
  }

  /// Writes the entry at `start` as a member when its name and text are printable ASCII
  /// that needs no escape (field names and cell references are), copying the bytes as
  /// they are scanned; returns where the next entry starts. Returns nil, having written
  /// nothing that counts, for an entry with any other byte. `entries` must end with
  /// `entryEnd`.
  @inline(__always)
  private mutating func plainMember(
    _ entries: UnsafeBufferPointer<UInt8>, from start: Int, keyEnd: UInt8, entryEnd: UInt8
  ) -> Int? {
    let (mark, wasOpened) = (count, innerOpened)
    startElement()
    // The entry's bytes are at most the rest; its two ends become `"`, `": "` and `"`. (So
    // no index below can overflow.)
    reserve(entries.count - start + 4)
    let target = storage + count
    target[0] = UInt8(ascii: "\"")
    var index = start
    var written = 1
    Self.copyPlainASCII(entries, from: &index, to: target, at: &written)
    if entries[index] == keyEnd {
      target[written] = UInt8(ascii: "\"")
      target[written &+ 1] = UInt8(ascii: ":")
      target[written &+ 2] = UInt8(ascii: " ")
      target[written &+ 3] = UInt8(ascii: "\"")
      index &+= 1
      written &+= 4
      Self.copyPlainASCII(entries, from: &index, to: target, at: &written)
      if entries[index] == entryEnd {
        target[written] = UInt8(ascii: "\"")
        count += written + 1
        return index + 1
      }
    }
    (count, innerOpened) = (mark, wasOpened)
    return nil
  }

  /// Copies the bytes from `index` on to `target + written` while they are
  /// ``isPlainASCII(_:)``, advancing both (a byte that is not, such as the buffer's final
  /// `entryEnd`, ends it). Eight bytes at a time while eight remain in `entries`: a word is
  /// stored whole, and only its plain bytes are counted. (A store may reach up to eight
  /// bytes past the text, into room the member reserves for the rest of `entries`.)
  @inline(__always)
  private static func copyPlainASCII(
    _ entries: UnsafeBufferPointer<UInt8>, from index: inout Int, to target: UnsafeMutablePointer<UInt8>,
    at written: inout Int
  ) {
    let source = UnsafeRawBufferPointer(entries)
    while index &+ 8 <= entries.count {
      let word = source.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
      let notPlain = notPlainASCIIBytes(word)
      // (Words are loaded little-endian: the first byte is the lowest.)
      let plainCount = notPlain == 0 ? 8 : notPlain.littleEndian.trailingZeroBitCount / 8
      index &+= plainCount
      written &+= plainCount
      if plainCount < 8 { return }
    }
    while isPlainASCII(entries[index]) {
      target[written] = entries[index]
      index &+= 1
      written &+= 1
    }
  }

  /// The high bit of each byte of `word` that is not ``isPlainASCII(_:)`` (below 0x20, `"`,
  /// `\`, 0x7F and above), exact for the lowest such byte (borrows only disturb the bytes
  /// above it): the "has a zero byte" test of ``JSONValue/mayNeedEscapeCheck(_:)``.
  @inline(__always)
  private static func notPlainASCIIBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highBits = ones &* 0x80
    func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
    let controls = (word &- ones &* 0x20) & ~word
    let quotes = zeroBytes(word ^ (ones &* 0x22))
    let backslashes = zeroBytes(word ^ (ones &* 0x5C))
    // 0x7F and any byte with its high bit set: the low seven bits plus one carry into the
    // high bit only from 0x7F, and never into the next byte.
    let high = ((word & ~highBits) &+ ones) | word
    return (controls | quotes | backslashes | high) & highBits
  }

  /// Writes the entry at `start` as ``member(utf8:utf8:)`` does; returns where the next
  /// entry starts (past the end of the buffer for an entry without its ends).
  private mutating func escapedMember(
    _ entries: UnsafeBufferPointer<UInt8>, from start: Int, keyEnd: UInt8, entryEnd: UInt8
  ) -> Int {
    let nameEnd = entries[start...].firstIndex(of: keyEnd) ?? entries.count
    let textStart = min(nameEnd + 1, entries.count)
    let textEnd = entries[textStart...].firstIndex(of: entryEnd) ?? entries.count
    member(
      utf8: UnsafeBufferPointer(rebasing: entries[start..<nameEnd]),
      utf8: UnsafeBufferPointer(rebasing: entries[textStart..<textEnd]))
    return textEnd + 1
  }

  /// Whether `byte` is printable ASCII that JSON does not escape: 0x20–0x7E but `"` and
  /// `\`. One shift of a 128-bit mask.
  @inline(__always)
  private static func isPlainASCII(_ byte: UInt8) -> Bool {
    let from20To3F: UInt64 = 0xFFFF_FFFB_0000_0000  // but 0x22
    let from40To7F: UInt64 = 0x7FFF_FFFF_EFFF_FFFF  // but 0x5C and 0x7F
    return byte < 0x80 && ((byte < 0x40 ? from20To3F : from40To7F) >> (byte & 63)) & 1 != 0
  }

  /// `"name": number` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, number value: Double?) {
    key(name)
    number(value)
  }

  /// `"name": integer` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, integer value: Int?) {
    key(name)
    integer(value)
  }

  /// Any value, laid out as ``JSONValue/write(to:indent:level:)`` lays it out here.
  public mutating func value(_ value: JSONValue) {
    var bytes: [UInt8] = []
    value.write(to: &bytes, indent: 1, level: level)
    bytes.withUnsafeBufferPointer { append($0) }
  }
}
