import CSHA256

/// SHA-256 (FIPS 180-4): the fingerprint of a mapping (`mapping.sha256`) and of input
/// files. Feed bytes with ``update(_:)``, then take ``finalize()``; or use
/// ``hexDigest(_:)`` for one buffer. The rounds are in C (`CSHA256`): SHA-NI where the
/// CPU has it, portable C otherwise.
public struct SHA256: Sendable {
  /// H0…H7, a tuple so that it can be handed to C as a pointer.
  private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
  )
  /// Bytes not yet processed: the first `pendingCount` of these 64.
  private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
  private var pendingCount = 0
  /// Total length in bytes.
  private var length: UInt64 = 0
  /// Use the portable C rounds even where the CPU has SHA-NI (for the tests).
  private let portable: Bool

  public init() { portable = false }

  /// A hash that uses the portable C rounds when `portable`, to check them against SHA-NI.
  init(portable: Bool) { self.portable = portable }

  /// Whether the CPU's SHA instructions do the rounds.
  static var hasHardware: Bool { jx_sha256_has_hardware() != 0 }

  /// Adds `bytes` to the message.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: UnsafeRawBufferPointer($0)) }
    if done == nil { Array(bytes).withUnsafeBytes { update(buffer: $0) } }
  }

  private mutating func update(buffer: UnsafeRawBufferPointer) {
    guard var next = buffer.baseAddress, !buffer.isEmpty else { return }
    var count = buffer.count
    length &+= UInt64(count)
    if pendingCount > 0 {
      let taken = min(64 - pendingCount, count)
      withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: next, byteCount: taken) }
      pendingCount += taken
      next += taken
      count -= taken
      guard pendingCount == 64 else { return }
      let block = pending
      withUnsafeBytes(of: block) { compress($0.baseAddress!, blocks: 1) }
      pendingCount = 0
    }
    if count >= 64 { compress(next, blocks: count / 64) }
    let rest = count % 64
    if rest > 0 {
      withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: next + (count - rest), byteCount: rest) }
      pendingCount = rest
    }
  }

  private mutating func compress(_ data: UnsafeRawPointer, blocks count: Int) {
    let bytes = data.assumingMemoryBound(to: UInt8.self)
    let portable = self.portable
    withUnsafeMutablePointer(to: &state) { state in
      state.withMemoryRebound(to: UInt32.self, capacity: 8) {
        portable ? jx_sha256_blocks_portable($0, bytes, count) : jx_sha256_blocks($0, bytes, count)
      }
    }
  }

  /// The 32-byte digest of everything added so far.
  public func finalize() -> [UInt8] {
    var copy = self
    // 0x80, zeros, and the length in bits (big-endian) to a whole block.
    var tail = [UInt8](repeating: 0, count: pendingCount < 56 ? 64 - pendingCount : 128 - pendingCount)
    tail[0] = 0x80
    let bitLength = length &* 8
    for index in 0..<8 { tail[tail.count - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * index)) }
    tail.withUnsafeBytes { copy.update(buffer: $0) }
    return withUnsafeBytes(of: copy.state) { words in
      (0..<32).map { UInt8(truncatingIfNeeded: words.load(fromByteOffset: $0 & ~3, as: UInt32.self) >> UInt32(24 - 8 * ($0 & 3))) }
    }
  }

  /// The digest of `bytes`.
  public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var hash = SHA256()
    hash.update(bytes)
    return hash.finalize()
  }

  /// The digest of `bytes` as 64 lowercase hex digits.
  public static func hexDigest<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    hex(digest(bytes))
  }

  /// Lowercase hex of a digest.
  public static func hex(_ digest: [UInt8]) -> String {
    let digits: StaticString = "0123456789abcdef"
    return String(unsafeUninitializedCapacity: digest.count * 2) { text in
      digits.withUTF8Buffer { digits in
        for (index, byte) in digest.enumerated() {
          text[2 * index] = digits[Int(byte >> 4)]
          text[2 * index + 1] = digits[Int(byte & 0x0f)]
        }
      }
      return digest.count * 2
    }
  }
}
