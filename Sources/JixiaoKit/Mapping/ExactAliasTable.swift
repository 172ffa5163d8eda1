#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact aliases of an ``AliasSet``, looked up by their UTF-8 bytes: one FNV-1a hash
/// of the text serves both a 1,024-bit Bloom filter (most texts asked about are values,
/// turned away by one bit) and an open-addressing table of positions. `Set<ByteKey>`
/// hashed every text with SipHash through `Hasher`, several hundred instructions a
/// lookup; the sets hold a few dozen short aliases, which FNV-1a spreads well enough.
/// Texts are compared bytewise (both sides are in ``LabelText`` normal form).
struct ExactAliasTable: Sendable {
  /// The aliases, in the order given (a position is an index here).
  let aliases: [String]
  /// The Bloom filter: bit `hash & 1023` of each alias.
  private var filter = [UInt64](repeating: 0, count: 16)
  /// Open addressing with linear probing: `position + 1` of an alias, 0 for an empty
  /// slot. The size is a power of two at least twice the number of aliases, so a probe
  /// always ends at an empty slot.
  private var slots: [Int32]
  private let mask: Int

  /// A table of `aliases`; a text given twice keeps its first position.
  init(_ aliases: [String]) {
    self.aliases = aliases
    var size = 2
    while size < 2 * aliases.count { size *= 2 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    for (position, alias) in aliases.enumerated() where self.position(of: alias) == nil {
      let hash = Self.hash(alias)
      filter[Int(hash & 1023) >> 6] |= 1 << UInt64(hash & 63)
      var slot = Int(hash >> 10) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(position + 1)
    }
  }

  /// The position of the alias whose bytes are `text`'s, or nil.
  func position(of text: String) -> Int? {
    ByteKey.withUTF8(text) { bytes in
      let hash = Self.hash(bytes)
      guard filter[Int(hash & 1023) >> 6] & (1 << UInt64(hash & 63)) != 0 else { return nil }
      var slot = Int(hash >> 10) & mask
      while slots[slot] != 0 {
        let position = Int(slots[slot]) - 1
        if ByteKey.withUTF8(aliases[position], { Self.equal($0, bytes) }) { return position }
        slot = (slot + 1) & mask
      }
      return nil
    }
  }

  func contains(_ text: String) -> Bool { position(of: text) != nil }

  private static func hash(_ text: String) -> UInt32 {
    ByteKey.withUTF8(text) { hash($0) }
  }

  /// FNV-1a over the bytes.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return hash
  }

  private static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
  }
}
