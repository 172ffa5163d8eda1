/// A 1,024-bit Bloom filter over texts (one FNV-1a bit each): a cheap "certainly not
/// here" before a hash-set lookup.
struct FingerprintFilter: Sendable {
  private var bits = [UInt64](repeating: 0, count: 16)

  mutating func insert(_ text: String) {
    let bit = Self.bit(of: text)
    bits[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  func mayContain(_ text: String) -> Bool {
    let bit = Self.bit(of: text)
    return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
  }

  private static func bit(of text: String) -> Int {
    func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
      var hash: UInt32 = 2_166_136_261
      for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
      return Int(hash & 1023)
    }
    return ByteKey.withUTF8(text, fnv1a)
  }
}
