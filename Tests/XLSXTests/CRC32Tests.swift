import CZlib
import Testing
@testable import XLSX
import _XLSXTestSupport

@Suite("CRC-32")
struct CRC32Tests {
  /// zlib's crc32, the reference.
  private func zlibCRC(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
    UInt32(crc32_z(UInt(crc), bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count))
  }

  private func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SeededGenerator(seed: 0x4352_4333_32)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }

  /// Both ways on a CPU that can fold, zlib's alone otherwise.
  private let ways = CRC32.hasCarrylessMultiply ? [true, false] : [false]

  @Test func knownValues() {
    for folding in ways {
      #expect(Array("123456789".utf8).withUnsafeBytes { CRC32.update(0, with: $0, folding: folding) } == 0xCBF4_3926)
      #expect([UInt8]().withUnsafeBytes { CRC32.update(0, with: $0, folding: folding) } == 0)
      let zeros = [UInt8](repeating: 0, count: 4096)
      #expect(zeros.withUnsafeBytes { CRC32.update(0, with: $0, folding: folding) } == 0xC71C_0011)
    }
  }

  @Test func matchesZlibAtEveryLengthAndAlignment() {
    let data = randomBytes(4096 + 64)
    data.withUnsafeBytes { all in
      for folding in ways {
        for offset in 0..<16 {
          for length in Array(0...300) + [511, 512, 513, 1000, 1024, 4095, 4096] {
            let slice = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + length)])
            #expect(CRC32.update(0, with: slice, folding: folding) == zlibCRC(0, slice), "\(offset) \(length)")
            // Continuing from another CRC, as chunk after chunk does.
            #expect(
              CRC32.update(0x1234_5678, with: slice, folding: folding) == zlibCRC(0x1234_5678, slice),
              "\(offset) \(length)")
          }
        }
      }
    }
  }

  @Test func chunkByChunkEqualsAllAtOnce() {
    let data = randomBytes(200_000)
    data.withUnsafeBytes { all in
      var crc: UInt32 = 0
      var start = 0
      for size in [1, 63, 64, 65, 1000, 65_536, 17, 100_000] where start < all.count {
        let end = min(start + size, all.count)
        crc = CRC32.update(crc, with: UnsafeRawBufferPointer(rebasing: all[start..<end]))
        start = end
      }
      crc = CRC32.update(crc, with: UnsafeRawBufferPointer(rebasing: all[start...]))
      #expect(crc == zlibCRC(0, all))
    }
  }
}
