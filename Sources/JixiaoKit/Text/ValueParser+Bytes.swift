import Foundation

/// The fast path: the same readings as the general path (``FoldedText`` scalars and
/// `String`s), made on a text's UTF-8 bytes in place. It takes texts without whitespace,
/// which is most cells; their normal form is the text itself, or the text with a few
/// scalars folded (`—` → `-`, `％` → `%`) into a scratch buffer. Texts with whitespace go
/// the general way: spaces may sit inside a sign word or a number's unit (`不低\n于`).
/// `ValueParserFastPathTests` compares the two paths on many texts.
extension ValueParser {
  /// A sign or sign word in normal form as UTF-8 bytes, with its operator.
  struct ByteToken: Sendable {
    var bytes: [UInt8]
    var op: Value.Operator
  }

  /// The signs and sign words that start (or end) with one scalar, longest first.
  struct TokenGroup: Sendable {
    var scalar: UInt32
    var tokens: [ByteToken]
  }

  /// A read-only hash table keyed by UTF-8 bytes, for lookups with a slice of a cell's
  /// text: no `String` is made and the hash is FNV-1a, not the seeded SipHash of a
  /// `Dictionary`. Keys are kept in one byte array.
  struct ByteTable<Element: Sendable>: Sendable {
    private let keyBytes: [UInt8]
    /// Start and end of each key in `keyBytes`.
    private let keys: [(start: Int, end: Int)]
    private let elements: [Element]
    /// Key index + 1 per slot, 0 for none; a power-of-two count, at most half full.
    private let slots: [Int32]

    /// The pairs' keys are distinct.
    init(_ pairs: [(key: String, element: Element)]) {
      var capacity = 4
      while capacity < pairs.count * 2 { capacity *= 2 }
      var keyBytes: [UInt8] = []
      var keys: [(start: Int, end: Int)] = []
      var slots = [Int32](repeating: 0, count: capacity)
      for (key, _) in pairs {
        let start = keyBytes.count
        keyBytes += key.utf8
        keys.append((start, keyBytes.count))
        var slot = Self.hash(keyBytes[start...]) & (capacity - 1)
        while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
        slots[slot] = Int32(keys.count)
      }
      self.keyBytes = keyBytes
      self.keys = keys
      self.slots = slots
      elements = pairs.map(\.element)
    }

    subscript(_ bytes: UnsafeBufferPointer<UInt8>) -> Element? {
      let mask = slots.count - 1
      var slot = Self.hash(bytes) & mask
      return keyBytes.withUnsafeBufferPointer { keyBytes in
        while slots[slot] != 0 {
          let index = Int(slots[slot]) - 1
          let key = keys[index]
          if key.end - key.start == bytes.count,
            bytes.isEmpty || memcmp(keyBytes.baseAddress! + key.start, bytes.baseAddress!, bytes.count) == 0
          {
            return elements[index]
          }
          slot = (slot + 1) & mask
        }
        return nil
      }
    }

    @inline(__always)
    private static func hash(_ bytes: some Collection<UInt8>) -> Int {
      var hash: UInt64 = 0xCBF2_9CE4_8422_2325
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
      return Int(truncatingIfNeeded: hash ^ hash >> 32)
    }
  }

  /// Calls `body` with the bytes of `text` in ``LabelText`` normal form, and with `text`
  /// when the bytes are its own (the text is its normal form); nil, without calling
  /// `body`, when the text has whitespace or a control character.
  func withNormalBytes<Result>(
    _ text: String, _ body: (UnsafeBufferPointer<UInt8>, _ normalText: String?) -> Result
  ) -> Result? {
    ByteKey.withUTF8(text) { bytes -> Result? in
      let found = LabelText.departures(bytes)
      if found.hasSpace || found.hasControl { return nil }
      if !found.folds { return body(bytes, text) }
      // Folding never lengthens a scalar's encoding.
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
        var count = 0
        var index = 0
        while index < bytes.count {
          if bytes[index] < 0x80 {
            buffer[count] = bytes[index]
            count += 1
            index += 1
            continue
          }
          let (scalar, length) = Self.decode(bytes, at: index)
          for byte in LabelText.fold(scalar).utf8 {
            buffer[count] = byte
            count += 1
          }
          index += length
        }
        return body(UnsafeBufferPointer(rebasing: buffer[..<count]), nil)
      }
    }
  }

  /// The scalar whose valid UTF-8 encoding starts at `index`, and its length in bytes.
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }

  /// The value of the last scalar before `end` (> 0).
  @inline(__always)
  static func lastScalarValue(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> UInt32 {
    var start = end - 1
    while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
    return decode(bytes, at: start).0.value
  }

  /// The group of tokens for a scalar.
  @inline(__always)
  static func group(_ groups: [TokenGroup], _ scalar: UInt32) -> TokenGroup? {
    for group in groups where group.scalar == scalar { return group }
    return nil
  }

  /// Whether `bytes` hold `token` at `index`, before `end`.
  @inline(__always)
  static func holds(_ bytes: UnsafeBufferPointer<UInt8>, _ token: [UInt8], at index: Int, end: Int) -> Bool {
    guard index >= 0, index + token.count <= end else { return false }
    for offset in 0..<token.count where bytes[index + offset] != token[offset] { return false }
    return true
  }

  /// The end of the text without trailing sentence punctuation (`。` `;` `,` `.`), as
  /// ``FoldedText/dropTrailingPunctuation()`` (the text has no spaces).
  static func endDroppingPunctuation(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var end = bytes.count
    while end > 0 {
      let last = bytes[end - 1]
      if last == UInt8(ascii: ";") || last == UInt8(ascii: ",") || last == UInt8(ascii: ".") {
        end -= 1
      } else if end >= 3, last == 0x82, bytes[end - 2] == 0x80, bytes[end - 3] == 0xE3 {  // 。
        end -= 3
      } else {
        break
      }
    }
    return end
  }

  // MARK: - The readings on bytes in normal form

  /// ``isNotApplicable(normalized:)``; `normalText` is the bytes' text when the caller has it.
  func isNotApplicable(normalBytes bytes: UnsafeBufferPointer<UInt8>, _ normalText: String?) -> Bool {
    guard !bytes.isEmpty else { return false }
    if notApplicableTable[bytes] != nil { return true }
    // A one-scalar marker repeated.
    let (first, length) = Self.decode(bytes, at: 0)
    if bytes.count % length == 0, repeatableMarkerValues.contains(first.value) {
      var repeated = true
      var index = length
      while repeated, index < bytes.count {
        for offset in 0..<length where bytes[index + offset] != bytes[offset] { repeated = false }
        index += length
      }
      if repeated { return true }
    }
    // A placeholder prefix (none when the mapping has no prefixes: `namePrefixStarts` is empty).
    guard bytes.count <= 24 else { return false }
    if let starts = namePrefixStarts, !starts.contains(where: { Self.holds(bytes, $0, at: 0, end: bytes.count) }) {
      return false
    }
    let normalized = normalText ?? String(decoding: bytes, as: UTF8.self)
    guard let prefix = IndicatorName.prefixLength(normalized, prefixes: namePrefixes) else { return false }
    return prefix == bytes.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
  }

  /// ``read(_:)``, or nil when the text is not for the fast path.
  func readFast(_ text: String) -> Reading? {
    withNormalBytes(text) { bytes, normalText -> Reading in
      guard !bytes.isEmpty else { return .blank }
      if isNotApplicable(normalBytes: bytes, normalText) { return .notApplicable }
      let parsed = parse(normalBytes: bytes)
      return .parsed(op: parsed.op, number: parsed.number, unit: parsed.unit)
    }
  }

  /// ``parse(_:)`` on bytes in normal form.
  func parse(normalBytes bytes: UnsafeBufferPointer<UInt8>) -> (op: Value.Operator?, number: Double?, unit: String?) {
    let end = Self.endDroppingPunctuation(bytes)
    var position = 0
    var op: Value.Operator?
    for _ in 0..<2 {
      guard position < end, let group = Self.group(leadingGroups, Self.decode(bytes, at: position).0.value),
        let token = group.tokens.first(where: { Self.holds(bytes, $0.bytes, at: position, end: end) })
      else { break }
      if op == nil { op = token.op }
      position += token.bytes.count
    }
    let text = UnsafeBufferPointer(rebasing: bytes[..<end])
    guard let (number, unitStart) = FoldedText.number(in: text, at: position) else { return (op, nil, nil) }
    var unitEnd = end
    var trailingOperator: Value.Operator?
    // A suffix word counts only after the number.
    if let group = Self.group(trailingGroups, Self.lastScalarValue(bytes, before: end)),
      let token = group.tokens.first(where: {
        end - $0.bytes.count >= unitStart && Self.holds(bytes, $0.bytes, at: end - $0.bytes.count, end: end)
      })
    {
      trailingOperator = token.op
      unitEnd = end - token.bytes.count
    }
    var unit: String?
    if unitStart < unitEnd {
      let unitBytes = UnsafeBufferPointer(rebasing: bytes[unitStart..<unitEnd])
      if let canonical = unitTable[unitBytes] {
        unit = canonical
      } else {
        let unitText = String(decoding: unitBytes, as: UTF8.self)
        guard Self.isUnitLike(unitText) else { return (op, nil, nil) }
        unit = unitText
      }
      // `2020年`, `2020年度`, `2020年内`: a year is a period, not a quantity.
      if number == number.rounded(), (1900...2100).contains(number), unitBytes.count >= 3, unitBytes[0] == 0xE5,
        unitBytes[1] == 0xB9, unitBytes[2] == 0xB4
      {
        return (op, nil, nil)
      }
    }
    return (op ?? trailingOperator, number, unit)
  }

  /// ``columnOperator(_:)`` on bytes in normal form.
  func columnOperator(normalBytes bytes: UnsafeBufferPointer<UInt8>, _ normalText: String?) -> Value.Operator? {
    guard !bytes.isEmpty else { return nil }
    guard nonOperatorNatureTable[bytes] == nil else { return nil }
    return operatorTable[bytes]
  }

  /// ``columnUnit(_:fastPath:)`` on bytes in normal form.
  func columnUnit(normalBytes bytes: UnsafeBufferPointer<UInt8>, _ normalText: String?) -> String? {
    guard !bytes.isEmpty, !isNotApplicable(normalBytes: bytes, normalText) else { return nil }
    if let canonical = unitTable[bytes] { return canonical }
    return normalText ?? String(decoding: bytes, as: UTF8.self)
  }

  /// ``leadingNumber(_:currency:fastPath:)`` on bytes in normal form.
  func leadingNumber(normalBytes bytes: UnsafeBufferPointer<UInt8>, _ normalText: String?, currency: Bool)
    -> (Double, String)?
  {
    guard !bytes.isEmpty, !isNotApplicable(normalBytes: bytes, normalText) else { return nil }
    let end = Self.endDroppingPunctuation(bytes)
    var position = 0
    if currency, end > 0 {
      let (first, length) = Self.decode(bytes, at: 0)
      if first == "¥" || first == "￥" { position = length }
    }
    let text = UnsafeBufferPointer(rebasing: bytes[..<end])
    guard let (number, numberEnd) = FoldedText.number(in: text, at: position) else { return nil }
    return (number, String(decoding: UnsafeBufferPointer(rebasing: bytes[numberEnd..<end]), as: UTF8.self))
  }
}
