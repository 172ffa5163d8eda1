/// The characters of a text as 64 bits: each Unicode scalar sets one bit, picked by a
/// hash of its UTF-8 bytes. A text cannot contain (or equal) another whose signature has
/// a bit its own lacks, so one AND rejects most candidates before any byte is compared.
struct TextSignature: Equatable, Sendable {
  let bits: UInt64

  init(_ text: String) {
    var text = text
    bits = text.withUTF8(Self.bits(of:))
  }

  init(bytes: [UInt8]) {
    bits = bytes.withUnsafeBufferPointer(Self.bits(of:))
  }

  private init(bits: UInt64) {
    self.bits = bits
  }

  static let empty = TextSignature(bits: 0)

  /// Whether every bit of `other` is here too (a text with this signature may contain
  /// one with `other`'s).
  func covers(_ other: TextSignature) -> Bool {
    other.bits & ~bits == 0
  }

  func union(_ other: TextSignature) -> TextSignature { TextSignature(bits: bits | other.bits) }
  func intersection(_ other: TextSignature) -> TextSignature { TextSignature(bits: bits & other.bits) }

  private static func bits(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var bits: UInt64 = 0
    var hash: UInt32 = 0
    for byte in bytes {
      if byte & 0xC0 == 0x80 {
        hash = hash &* 31 &+ UInt32(byte)  // a continuation byte: same scalar
      } else {
        if hash != 0 { bits |= bit(of: hash) }
        hash = UInt32(byte) | 0x100
      }
    }
    if hash != 0 { bits |= bit(of: hash) }
    return bits
  }

  /// The bit of one scalar's hash: its top six bits after a multiplicative (Fibonacci)
  /// hash, which a multiplication and a shift give (a remainder costs a division per
  /// scalar).
  @inline(__always)
  private static func bit(of hash: UInt32) -> UInt64 {
    1 << UInt64((hash &* 0x9E37_79B1) >> 26)
  }
}
