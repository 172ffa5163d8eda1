/// A JSON value whose objects keep their keys in the order they were given, written
/// byte-for-byte the same every time: the format of jixiao's JSON outputs.
public enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  /// A number written in its shortest round-trip form (`15.0`, `0.1`, `1e+16`).
  case number(Double)
  /// An integer written without a fraction.
  case integer(Int)
  case string(String)
  case array([JSONValue])
  /// Key–value pairs in output order.
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b || (a.isNaN && b.isNaN)
    case (.integer(let a), .integer(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// The value as JSON text. `indent` spaces per level (0 writes one line); scalar-only
  /// arrays stay on one line so that tables of cells remain readable.
  public func serialized(indent: Int = 1) -> String {
    var output = ""
    write(to: &output, indent: indent, level: 0)
    return output
  }

  /// Appends the value as JSON text to `output`, as if it stood `level` levels deep in a
  /// larger document (for writing a long document piece by piece).
  public func write(to output: inout String, indent: Int, level: Int) {
    var bytes: [UInt8] = []
    write(to: &bytes, indent: indent, level: level)
    output += String(decoding: bytes, as: UTF8.self)
  }

  /// ``write(to:indent:level:)`` as UTF-8 bytes (the fast form, for long documents).
  public func write(to output: inout [UInt8], indent: Int, level: Int) {
    switch self {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .integer(let value): output.append(contentsOf: String(value).utf8)
    case .number(let value): output.append(contentsOf: Self.format(value).utf8)
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let items):
      if items.isEmpty {
        output.append(contentsOf: "[]".utf8)
      } else if indent == 0 || items.allSatisfy(\.isScalar) {
        output.append(UInt8(ascii: "["))
        for (position, item) in items.enumerated() {
          if position > 0 { output.append(contentsOf: (indent == 0 ? "," : ", ").utf8) }
          item.write(to: &output, indent: indent, level: level + 1)
        }
        output.append(UInt8(ascii: "]"))
      } else {
        output.append(UInt8(ascii: "["))
        for (position, item) in items.enumerated() {
          if position > 0 { output.append(UInt8(ascii: ",")) }
          Self.newline(&output, spaces: indent * (level + 1))
          item.write(to: &output, indent: indent, level: level + 1)
        }
        Self.newline(&output, spaces: indent * level)
        output.append(UInt8(ascii: "]"))
      }
    case .object(let pairs):
      if pairs.isEmpty {
        output.append(contentsOf: "{}".utf8)
        return
      }
      output.append(UInt8(ascii: "{"))
      for (position, (key, value)) in pairs.enumerated() {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if indent > 0 { Self.newline(&output, spaces: indent * (level + 1)) }
        Self.writeString(key, to: &output)
        output.append(contentsOf: (indent == 0 ? ":" : ": ").utf8)
        value.write(to: &output, indent: indent, level: level + 1)
      }
      if indent > 0 { Self.newline(&output, spaces: indent * level) }
      output.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ output: inout [UInt8], spaces: Int) {
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: spaces))
  }

  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }

  /// Shortest text that reads back as the same double; JSON has no NaN or infinity,
  /// so those are written as null.
  public static func format(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    return value.description
  }

  /// Writes `value` as a JSON string: controls, `"`, `\\`, U+2028 and U+2029 (E2 80 A8/A9)
  /// escaped, everything else copied as UTF-8.
  static func writeString(_ value: String, to output: inout [UInt8]) {
    var value = value
    value.withUTF8 { writeString(utf8: $0, to: &output) }
  }

  /// ``writeString(_:to:)`` for text given as UTF-8 bytes.
  static func writeString(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "\""))
    // Runs of bytes that need no escape are copied at once.
    var runStart = 0
    while let escape = nextEscape(in: bytes, from: runStart) {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<escape.index]))
      output.append(contentsOf: escape.code.utf8)
      runStart = escape.index + escape.length
    }
    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
    output.append(UInt8(ascii: "\""))
  }

  /// The first thing to escape in `bytes` from `start` on: where it is, how many bytes it
  /// takes and its escape; nil when the rest needs none.
  @inline(__always)
  static func nextEscape(
    in bytes: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> (index: Int, length: Int, code: String)? {
    var index = start
    while index < bytes.count {
      // Eight bytes at a time while none of them may need a look.
      if index + 8 <= bytes.count,
        !mayNeedEscapeCheck(UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self))
      {
        index += 8
        continue
      }
      // Byte by byte through those eight (or the last few).
      let end = min(index + 8, bytes.count)
      while index < end {
        let byte = bytes[index]
        if needsEscapeCheck(byte) {
          switch byte {
          case UInt8(ascii: "\""): return (index, 1, "\\\"")
          case UInt8(ascii: "\\"): return (index, 1, "\\\\")
          case UInt8(ascii: "\n"): return (index, 1, "\\n")
          case UInt8(ascii: "\r"): return (index, 1, "\\r")
          case UInt8(ascii: "\t"): return (index, 1, "\\t")
          case 0..<0x20: return (index, 1, unicodeEscape(UInt32(byte)))
          case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] | 1) == 0xA9:
            // U+2028 / U+2029 (E2 80 A8 / E2 80 A9).
            return (index, 3, unicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029))
          default:
            break
          }
        }
        index += 1
      }
    }
    return nil
  }

  /// Whether any of the eight bytes of `word` needs ``needsEscapeCheck(_:)``'s look: a
  /// control (below 0x20), `"`, `\\` or 0xE2. Exact, by the "has a zero byte" test:
  /// `(x - 0x0101…01) & ~x & 0x8080…80` is non-zero exactly when some byte of `x` is 0, and
  /// with 0x2020…20 in place of 0x0101…01, when some byte is below 0x20 (borrows only
  /// disturb the bytes above the first such byte). A byte equal to `b` is a zero byte of
  /// `x ^ bbbb…bb`.
  @inline(__always)
  static func mayNeedEscapeCheck(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
    let controls = (word &- ones &* 0x20) & ~word
    let quotes = zeroBytes(word ^ (ones &* 0x22))
    let backslashes = zeroBytes(word ^ (ones &* 0x5C))
    let separatorLeads = zeroBytes(word ^ (ones &* 0xE2))
    return (controls | quotes | backslashes | separatorLeads) & (ones &* 0x80) != 0
  }

  /// Whether `byte` may start something to escape: a control, `"`, `\\`, or 0xE2 (the
  /// lead byte of U+2028/U+2029). One shift of a 256-bit mask; the rest of the bytes of
  /// a text are copied in runs.
  @inline(__always)
  private static func needsEscapeCheck(_ byte: UInt8) -> Bool {
    let mask: UInt64
    switch byte >> 6 {
    case 0: mask = 0x0000_0004_FFFF_FFFF  // 0x00–0x1F and 0x22
    case 1: mask = 0x0000_0000_1000_0000  // 0x5C
    case 2: return false
    default: mask = 0x0000_0004_0000_0000  // 0xE2
    }
    return (mask >> UInt64(byte & 63)) & 1 != 0
  }

  private static func unicodeEscape(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}
