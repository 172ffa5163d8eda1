/// A cell's text prepared for scanning: every scalar through ``LabelText/fold(_:)``
/// (full-width digits, `％`, `．`, `，`, signs and dashes to their common form), each run
/// of whitespace (line breaks, U+3000 …) as one space, nothing at either end. Scalars
/// map one to one onto the text's non-whitespace scalars, so a slice can be read back.
struct FoldedText {
  var scalars: [Unicode.Scalar]

  init(_ text: String) {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if Self.isSpace(scalar) {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(LabelText.fold(scalar))
    }
    scalars = out
  }

  var count: Int { scalars.count }
  var isEmpty: Bool { scalars.isEmpty }

  /// Whitespace as ``LabelText/normalize(_:)`` sees it: the Unicode White_Space
  /// characters (spelled out: the property lookup is slow) and U+FEFF.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
      true
    default: false
    }
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

  static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
  }

  /// Drops trailing sentence punctuation (`。` `;` `,` `.`) and spaces.
  mutating func dropTrailingPunctuation() {
    while let last = scalars.last, last == "。" || last == ";" || last == "," || last == "." || last == " " {
      scalars.removeLast()
    }
  }

  /// The first index at or after `index` that is not a space.
  func skipSpaces(_ index: Int) -> Int {
    var index = index
    while index < scalars.count, scalars[index] == " " { index += 1 }
    return index
  }

  /// The end of `token` (no spaces in it) when the text holds it at `index`; spaces in
  /// the text between the token's scalars are allowed (`不低\n于`).
  func match(_ token: [Unicode.Scalar], at index: Int) -> Int? {
    guard !token.isEmpty else { return nil }
    var position = index
    for (offset, scalar) in token.enumerated() {
      if offset > 0 { position = skipSpaces(position) }
      guard position < scalars.count, scalars[position] == scalar else { return nil }
      position += 1
    }
    return position
  }

  /// The start of `token` when the text ends with it at `end` (exclusive), no earlier
  /// than `lowerBound`; spaces between the token's scalars are allowed.
  func matchSuffix(_ token: [Unicode.Scalar], endingAt end: Int, notBefore lowerBound: Int) -> Int? {
    guard !token.isEmpty else { return nil }
    var position = end
    for (offset, scalar) in token.reversed().enumerated() {
      if offset > 0 { while position > lowerBound, scalars[position - 1] == " " { position -= 1 } }
      guard position > lowerBound, scalars[position - 1] == scalar else { return nil }
      position -= 1
    }
    return position
  }

  /// A decimal number at `index`: an optional `+`/`-`, digits with optional thousands
  /// separators (`,` before groups of exactly three digits), an optional fraction.
  /// Returns the value and the index after it.
  func number(at index: Int) -> (value: Double, end: Int)? {
    var position = index
    var text = ""
    if position < scalars.count, scalars[position] == "-" || scalars[position] == "+" {
      if scalars[position] == "-" { text = "-" }
      position += 1
    }
    var integerDigits = 0
    while position < scalars.count, Self.isDigit(scalars[position]) {
      text.unicodeScalars.append(scalars[position])
      position += 1
      integerDigits += 1
    }
    if (1...3).contains(integerDigits) {
      // 1,234,567: a separator counts only before a group of exactly three digits.
      while position + 3 < scalars.count, scalars[position] == ",",
        Self.isDigit(scalars[position + 1]), Self.isDigit(scalars[position + 2]),
        Self.isDigit(scalars[position + 3]),
        position + 4 == scalars.count || !Self.isDigit(scalars[position + 4])
      {
        text.unicodeScalars.append(contentsOf: scalars[(position + 1)...(position + 3)])
        position += 4
        integerDigits += 3
      }
    }
    var fractionDigits = 0
    if position + 1 < scalars.count, scalars[position] == ".", Self.isDigit(scalars[position + 1]) {
      if integerDigits == 0 { text += "0" }
      text += "."
      position += 1
      while position < scalars.count, Self.isDigit(scalars[position]) {
        text.unicodeScalars.append(scalars[position])
        position += 1
        fractionDigits += 1
      }
    }
    guard integerDigits + fractionDigits > 0, let value = Double(text), value.isFinite else { return nil }
    return (value, position)
  }

  /// ``number(at:)`` on the UTF-8 bytes of a folded text (ASCII digits, `+`, `-`, `,` and
  /// `.` are single bytes there, so indices are byte offsets). The value is the same
  /// double: a whole number of up to 15 digits is exact in a double, which is what strtod
  /// gives for its text; any other number's text is built as ``number(at:)`` builds it
  /// (up to 15 bytes in a small string, no allocation) and converted the same way.
  static func number(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: Double, end: Int)? {
    @inline(__always) func isDigit(_ position: Int) -> Bool { bytes[position] &- 0x30 < 10 }
    let count = bytes.count
    var position = index
    var negative = false
    if position < count, bytes[position] == UInt8(ascii: "-") || bytes[position] == UInt8(ascii: "+") {
      negative = bytes[position] == UInt8(ascii: "-")
      position += 1
    }
    let integerStart = position
    while position < count, isDigit(position) { position += 1 }
    var integerDigits = position - integerStart
    if (1...3).contains(integerDigits) {
      while position + 3 < count, bytes[position] == UInt8(ascii: ","), isDigit(position + 1), isDigit(position + 2),
        isDigit(position + 3), position + 4 == count || !isDigit(position + 4)
      {
        position += 4
        integerDigits += 3
      }
    }
    let integerEnd = position
    var fractionDigits = 0
    if position + 1 < count, bytes[position] == UInt8(ascii: "."), isDigit(position + 1) {
      position += 1
      while position < count, isDigit(position) {
        position += 1
        fractionDigits += 1
      }
    }
    guard integerDigits + fractionDigits > 0 else { return nil }
    if fractionDigits == 0, integerDigits <= 15 {
      var whole: UInt64 = 0
      for offset in integerStart..<integerEnd where bytes[offset] != UInt8(ascii: ",") {
        whole = whole * 10 + UInt64(bytes[offset] &- 0x30)
      }
      let value = Double(whole)
      return (negative ? -value : value, position)
    }
    // The text number(at:) builds: sign, integer digits (`0` when none), fraction.
    let length = 2 + max(integerDigits, 1) + fractionDigits
    let value = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { text -> Double? in
      var written = 0
      func append(_ byte: UInt8) {
        text[written] = byte
        written += 1
      }
      if negative { append(UInt8(ascii: "-")) }
      if integerDigits == 0 { append(UInt8(ascii: "0")) }
      for offset in integerStart..<integerEnd where bytes[offset] != UInt8(ascii: ",") { append(bytes[offset]) }
      if fractionDigits > 0 {
        append(UInt8(ascii: "."))
        for offset in (position - fractionDigits)..<position { append(bytes[offset]) }
      }
      return Double(String(decoding: UnsafeBufferPointer(rebasing: text[..<written]), as: UTF8.self))
    }
    guard let value, value.isFinite else { return nil }
    return (value, position)
  }

  /// The scalars in `range` without spaces, as a string (the ``LabelText`` normal form).
  func compact(_ range: Range<Int>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(range.count * 3)
    for scalar in scalars[range] where scalar != " " {
      let value = scalar.value
      switch value {
      case ..<0x80:
        bytes.append(UInt8(value))
      case ..<0x800:
        bytes.append(UInt8(0xC0 | value >> 6))
        bytes.append(UInt8(0x80 | value & 0x3F))
      case ..<0x10000:
        bytes.append(UInt8(0xE0 | value >> 12))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      default:
        bytes.append(UInt8(0xF0 | value >> 18))
        bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
        bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
        bytes.append(UInt8(0x80 | value & 0x3F))
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
