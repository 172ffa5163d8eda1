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
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .integer(let value): output += String(value)
    case .number(let value): output += Self.format(value)
    case .string(let value): Self.writeString(value, to: &output)
    case .array(let items):
      if items.isEmpty {
        output += "[]"
      } else if indent == 0 || items.allSatisfy(\.isScalar) {
        output += "["
        for (position, item) in items.enumerated() {
          if position > 0 { output += indent == 0 ? "," : ", " }
          item.write(to: &output, indent: indent, level: level + 1)
        }
        output += "]"
      } else {
        output += "["
        for (position, item) in items.enumerated() {
          output += position == 0 ? "\n" : ",\n"
          output += String(repeating: " ", count: indent * (level + 1))
          item.write(to: &output, indent: indent, level: level + 1)
        }
        output += "\n" + String(repeating: " ", count: indent * level) + "]"
      }
    case .object(let pairs):
      if pairs.isEmpty {
        output += "{}"
        return
      }
      output += "{"
      for (position, (key, value)) in pairs.enumerated() {
        if indent == 0 {
          if position > 0 { output += "," }
        } else {
          output += position == 0 ? "\n" : ",\n"
          output += String(repeating: " ", count: indent * (level + 1))
        }
        Self.writeString(key, to: &output)
        output += indent == 0 ? ":" : ": "
        value.write(to: &output, indent: indent, level: level + 1)
      }
      if indent > 0 { output += "\n" + String(repeating: " ", count: indent * level) }
      output += "}"
    }
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

  /// Whether any character must be escaped: controls, `"`, `\\`, U+2028 and U+2029
  /// (E2 80 A8/A9 in UTF-8). Most strings need nothing and are copied whole.
  private static func needsEscaping(_ value: String) -> Bool {
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in value.utf8 {
      if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
      if (byte == 0xA8 || byte == 0xA9) && previous == (0xE2, 0x80) { return true }
      previous = (previous.1, byte)
    }
    return false
  }

  private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  private static func writeString(_ value: String, to output: inout String) {
    output += "\""
    if !needsEscaping(value) {
      output += value
      output += "\""
      return
    }
    var plainStart = value.unicodeScalars.startIndex
    var index = plainStart
    let scalars = value.unicodeScalars
    while index < scalars.endIndex {
      let scalar = scalars[index]
      let escape: String? =
        switch scalar {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
          Self.unicodeEscape(scalar)
        default: nil
        }
      if let escape {
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
        output += escape
        plainStart = scalars.index(after: index)
      }
      index = scalars.index(after: index)
    }
    output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
    output += "\""
  }
}
