#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import OrderedJSON

/// The workbook's shared strings: each distinct text once, numbered in the order first
/// seen.
///
/// Texts are compared by their exact UTF-8 bytes, not by Swift's `==` (which treats
/// canonically equivalent strings such as `é` and `e\u{301}` as equal), so every cell
/// reads back with exactly the code points it was given. The lookup is an open-addressing
/// table over those bytes with a fast multiply-mix hash; its seed is random per table
/// (so crafted texts cannot force collisions), which does not affect the output, because
/// indices follow insertion order.
final class SharedStringTable {
  /// The UTF-8 bytes of the distinct texts, one after another, in index order (raw
  /// storage: comparing with a text then needs no retain of an array buffer).
  private var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
  private var byteCount = 0
  private var byteCapacity = 4096
  /// Where each text starts in `bytes`, and, last, the end of the last one.
  private var starts: [Int] = [0]
  /// How many cells refer to a shared string.
  private(set) var totalCount = 0
  private var hashes: [UInt64] = []
  /// index + 1 of the string in each slot, 0 for an empty slot; the count is a power of 2.
  private var slots = [UInt32](repeating: 0, count: 1024)
  private let seed = UInt64.random(in: .min ... .max)

  var uniqueCount: Int { hashes.count }

  deinit { bytes.deallocate() }

  /// The index of `text`, adding it when new; counts one more reference. `likely` is the
  /// index of a text that is often the same one (the text above in the same column):
  /// comparing bytes with it costs less than hashing. (Inlined into the sheet writer,
  /// which calls it for every text cell.)
  @inline(__always)
  func index(of text: String, likely: Int? = nil) -> Int {
    totalCount += 1
    // A native string lends its bytes without being copied (and retained).
    if let index = text.utf8.withContiguousStorageIfAvailable({ index(ofUTF8: $0, likely: likely) }) {
      return index
    }
    var text = text
    return text.withUTF8 { index(ofUTF8: $0, likely: likely) }
  }

  private func index(ofUTF8 text: UnsafeBufferPointer<UInt8>, likely: Int?) -> Int {
    if let likely, hashes.indices.contains(likely), isText(likely, equalTo: text) { return likely }
    let hash = Self.hash(text, seed: seed)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      let index = Int(slots[slot] - 1)
      if hashes[index] == hash, isText(index, equalTo: text) { return index }
      slot = (slot + 1) & mask
    }
    let index = hashes.count
    append(text)
    hashes.append(hash)
    slots[slot] = UInt32(index + 1)
    if hashes.count * 2 > slots.count { grow() }
    return index
  }

  /// Stores the bytes of a new text after the others.
  private func append(_ text: UnsafeBufferPointer<UInt8>) {
    if byteCount + text.count > byteCapacity {
      ByteStorage.grow(&bytes, count: byteCount, capacity: &byteCapacity, toHold: byteCount + text.count)
    }
    if let start = text.baseAddress { (bytes + byteCount).update(from: start, count: text.count) }
    byteCount += text.count
    starts.append(byteCount)
  }

  /// Calls `body` with the UTF-8 bytes of every text, in index order.
  func forEachText(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    for index in hashes.indices {
      body(UnsafeBufferPointer(start: bytes + starts[index], count: starts[index + 1] - starts[index]))
    }
  }

  private func grow() {
    slots = [UInt32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = UInt32(index + 1)
    }
  }

  /// Whether text `index` has exactly the bytes of `text`. (Inlined: the lookup compares
  /// nearly every text cell with one.)
  @inline(__always)
  private func isText(_ index: Int, equalTo text: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[index]
    guard starts[index + 1] - start == text.count else { return false }
    guard let textStart = text.baseAddress else { return true }
    return memcmp(bytes + start, textStart, text.count) == 0
  }

  @inline(__always)
  private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }

  /// A 64-bit hash of `bytes`, eight at a time (after wyhash's multiply-mix step).
  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
    var hash = seed ^ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
    let raw = UnsafeRawBufferPointer(bytes)
    var offset = 0
    while offset + 8 <= raw.count {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      hash = mix(hash ^ word, 0xA076_1D64_78BD_642F)
      offset += 8
    }
    if offset < raw.count {
      var tail: UInt64 = 0
      if raw.count >= 8 {
        // The last eight bytes, some of them hashed already: one load.
        tail = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
      } else {
        for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
      }
      hash = mix(hash ^ tail, 0xE703_7ED1_A0B4_28DB)
    }
    return mix(hash, 0x8EBC_6AF0_9C88_C6E3)
  }
}
