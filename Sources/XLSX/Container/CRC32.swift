internal import CCRC32
internal import CZlib

/// The CRC-32 of ZIP entries. zlib's table-driven crc32 costs about as much as
/// inflating a small part; folding with carry-less multiplication (PCLMULQDQ) does the
/// bulk of a buffer in a tenth of the instructions, so it is used whenever the CPU has it.
enum CRC32 {
  /// Whether this CPU can fold with PCLMULQDQ.
  static let hasCarrylessMultiply = jx_crc32_has_pclmul() != 0

  /// `crc` (0 to start) continued over `bytes`; `folding: false` forces zlib's code.
  static func update(
    _ crc: UInt32, with bytes: UnsafeRawBufferPointer, folding: Bool = hasCarrylessMultiply
  ) -> UInt32 {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return crc }
    var crc = crc
    var done = 0
    // The folding takes whole 16-byte blocks, at least four; zlib does the tail.
    if folding, bytes.count >= 64 {
      done = bytes.count & ~15
      crc = jx_crc32_fold(crc, base, done)
    }
    if done < bytes.count {
      crc = UInt32(truncatingIfNeeded: crc32_z(UInt(crc), base + done, bytes.count - done))
    }
    return crc
  }
}
