/// SHA-256 (FIPS 180-4) in plain Swift: the fingerprint of a mapping (`mapping.sha256`)
/// and of input files. Feed bytes with ``update(_:)``, then take ``finalize()``; or use
/// ``hexDigest(_:)`` for one buffer.
public struct SHA256: Sendable {
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
  ]
  /// Bytes not yet processed (fewer than 64).
  private var pending: [UInt8] = []
  /// Total length in bytes.
  private var length: UInt64 = 0

  public init() {}

  /// Adds `bytes` to the message.
  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
    if done == nil { Array(bytes).withUnsafeBufferPointer { update(buffer: $0) } }
  }

  private mutating func update(buffer: UnsafeBufferPointer<UInt8>) {
    length &+= UInt64(buffer.count)
    var schedule = [UInt32](repeating: 0, count: 64)
    var index = 0
    if !pending.isEmpty {
      let taken = min(64 - pending.count, buffer.count)
      pending.append(contentsOf: buffer[0..<taken])
      index = taken
      guard pending.count == 64 else { return }
      pending.withUnsafeBufferPointer { Self.compress(&state, block: $0, at: 0, schedule: &schedule) }
      pending.removeAll(keepingCapacity: true)
    }
    while buffer.count - index >= 64 {
      Self.compress(&state, block: buffer, at: index, schedule: &schedule)
      index += 64
    }
    pending.append(contentsOf: buffer[index...])
  }

  /// The 32-byte digest of everything added so far.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = length &* 8
    var tail: [UInt8] = [0x80]
    while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
    tail.withUnsafeBufferPointer { copy.update(buffer: $0) }
    return copy.state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
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
    let digits = Array("0123456789abcdef".unicodeScalars)
    var text = String.UnicodeScalarView()
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(text)
  }

  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
  ]

  private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
    (value &>> count) | (value &<< (32 &- count))
  }

  /// One 64-byte block into `state`. (Unsafe buffers: their subscripts are checked only
  /// in debug builds, and this loop runs for every 64 bytes of every input file.)
  private static func compress(
    _ state: inout [UInt32], block: UnsafeBufferPointer<UInt8>, at offset: Int, schedule: inout [UInt32]
  ) {
    precondition(offset >= 0 && offset + 64 <= block.count && schedule.count == 64 && state.count == 8)
    schedule.withUnsafeMutableBufferPointer { w in
      roundConstants.withUnsafeBufferPointer { k in
        state.withUnsafeMutableBufferPointer { state in
          compress(state, block: UnsafeBufferPointer(rebasing: block[offset..<(offset + 64)]), w: w, k: k)
        }
      }
    }
  }

  private static func compress(
    _ state: UnsafeMutableBufferPointer<UInt32>, block: UnsafeBufferPointer<UInt8>,
    w: UnsafeMutableBufferPointer<UInt32>, k: UnsafeBufferPointer<UInt32>
  ) {
    for i in 0..<16 {
      let base = 4 * i
      w[i] =
        UInt32(block[base]) << 24 | UInt32(block[base + 1]) << 16 | UInt32(block[base + 2]) << 8
        | UInt32(block[base + 3])
    }
    for i in 16..<64 {
      let s0 = rotateRight(w[i - 15], 7) ^ rotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3)
      let s1 = rotateRight(w[i - 2], 17) ^ rotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10)
      w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
    }
    var a = state[0], b = state[1], c = state[2], d = state[3]
    var e = state[4], f = state[5], g = state[6], h = state[7]
    for i in 0..<64 {
      let s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
      let choice = (e & f) ^ (~e & g)
      let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
      let s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
      let majority = (a & b) ^ (a & c) ^ (b & c)
      let t2 = s0 &+ majority
      h = g
      g = f
      f = e
      e = d &+ t1
      d = c
      c = b
      b = a
      a = t1 &+ t2
    }
    state[0] &+= a
    state[1] &+= b
    state[2] &+= c
    state[3] &+= d
    state[4] &+= e
    state[5] &+= f
    state[6] &+= g
    state[7] &+= h
  }
}
