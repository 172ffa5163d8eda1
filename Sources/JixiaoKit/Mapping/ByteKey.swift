#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A text as a dictionary key that is hashed and compared as UTF-8 bytes, without a
/// copy: hashing a `String` goes through Unicode normalisation and an `[UInt8]` key costs
/// an allocation per lookup; both are slow where every cell is looked up many times.
/// Both sides are in ``LabelText`` normal form, so byte equality is the right equality.
struct ByteKey: Hashable, Sendable {
  let text: String

  init(_ text: String) {
    self.text = text
  }

  func hash(into hasher: inout Hasher) {
    Self.withBytes(text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  static func == (lhs: ByteKey, rhs: ByteKey) -> Bool {
    withBytes(lhs.text) { left in
      withBytes(rhs.text) { right in
        left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
      }
    }
  }

  /// Whether `left` comes before `right` in byte order (UTF-8 code units).
  static func precedes(_ left: String, _ right: String) -> Bool {
    withBytes(left) { left in withBytes(right) { right in order(left, right) < 0 } }
  }

  /// Byte order of `left` and `right`: negative, zero or positive (a shorter text that is a
  /// prefix of the other comes first).
  static func order(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int32 {
    let common = Swift.min(left.count, right.count)
    let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
    return order != 0 ? order : Int32((left.count - right.count).signum())
  }

  /// Whether `text`'s UTF-8 bytes contain `needle` (not empty).
  static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
    withBytes(text) { haystack in needle.withUnsafeBufferPointer { contains(haystack, $0) } }
  }

  /// Whether `haystack` contains `needle` (not empty).
  @inline(__always)
  static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
    guard haystack.count >= needle.count else { return false }
    // The first and the last byte are checked before the rest: a CJK needle's lead byte
    // recurs all through CJK text, its last byte seldom.
    let first = needle[0]
    let last = needle[needle.count - 1]
    let lastOffset = needle.count - 1
    for start in 0...(haystack.count - needle.count)
    where haystack[start] == first && haystack[start + lastOffset] == last {
      if needle.count <= 2 || memcmp(haystack.baseAddress! + start + 1, needle.baseAddress! + 1, needle.count - 2) == 0 {
        return true
      }
    }
    return false
  }

  /// Calls `body` with the UTF-8 bytes of `text` (see ``withBytes(_:_:)``).
  static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    withBytes(text, body)
  }

  /// Calls `body` with the text's UTF-8 bytes, in place when the string is stored
  /// contiguously (always, for strings jixiao makes).
  private static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
  }
}

extension String {
  /// Whether the UTF-8 bytes of `needle` occur in this string's: a substring test without
  /// Foundation's (slow, locale-aware) `contains`, for texts in ``LabelText`` normal form
  /// and literal needles.
  func containsBytes(_ needle: String) -> Bool {
    needle.isEmpty || ByteKey.contains(self, Array(needle.utf8))
  }

  /// Whether the two strings have the same UTF-8 bytes: equality of texts in one normal
  /// form (labels in ``LabelText`` form, canonical names from the mapping) without the
  /// canonical-equivalence test of `==`, which costs hundreds of instructions for
  /// Chinese text.
  func equalsBytes(_ other: String) -> Bool {
    ByteKey.withUTF8(self) { text in
      ByteKey.withUTF8(other) { other in
        text.count == other.count && (text.isEmpty || memcmp(text.baseAddress!, other.baseAddress!, text.count) == 0)
      }
    }
  }

  /// Whether this string's UTF-8 bytes start with those of `prefix` (`hasPrefix` and
  /// `utf8.starts(with:)` cost several times more).
  func hasPrefixBytes(_ prefix: String) -> Bool {
    ByteKey.withUTF8(self) { text in
      ByteKey.withUTF8(prefix) { prefix in
        prefix.count <= text.count && (prefix.isEmpty || memcmp(text.baseAddress!, prefix.baseAddress!, prefix.count) == 0)
      }
    }
  }
}
