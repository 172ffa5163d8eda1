import Foundation
import Testing
import _XLSXTestSupport

@testable import JixiaoKit

/// Every check runs through both C block functions: `portable: false` is what
/// `SHA256()` uses (SHA-NI where the CPU has it), `portable: true` the portable C.
/// On a CPU without SHA-NI the two are the same code, so the comparisons between them
/// prove nothing there; the portable rounds are then checked by the FIPS 180-4 vectors
/// and by `sha256sum` alone.
@Suite("SHA-256")
struct SHA256Tests {
  static let vectors: [(message: String, digest: String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
    ("The quick brown fox jumps over the lazy dog", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
  ]

  /// The digest through the public API (`portable: false`) or the portable C rounds.
  static func digest(_ bytes: some Sequence<UInt8>, portable: Bool) -> [UInt8] {
    guard portable else { return SHA256.digest(bytes) }
    var hash = SHA256(portable: true)
    hash.update(bytes)
    return hash.finalize()
  }

  /// `bytes` fed in pieces of random sizes from 1 to `maximum`.
  static func digestInPieces(
    _ bytes: [UInt8], portable: Bool, maximum: Int, using random: inout SeededGenerator
  ) -> [UInt8] {
    var hash = portable ? SHA256(portable: true) : SHA256()
    var index = 0
    while index < bytes.count {
      let end = min(index + Int.random(in: 1...maximum, using: &random), bytes.count)
      hash.update(bytes[index..<end])
      index = end
    }
    return hash.finalize()
  }

  static func randomBytes(_ count: Int, using random: inout SeededGenerator) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { raw in
      for start in stride(from: 0, to: count, by: 8) {
        withUnsafeBytes(of: random.next()) { word in
          raw[start..<min(start + 8, count)].copyBytes(from: word.prefix(count - start))
        }
      }
    }
    return bytes
  }

  @Test(arguments: vectors, [false, true])
  func knownVectors(_ vector: (message: String, digest: String), portable: Bool) {
    #expect(SHA256.hex(Self.digest(vector.message.utf8, portable: portable)) == vector.digest)
    if !portable { #expect(SHA256.hexDigest(vector.message.utf8) == vector.digest) }
  }

  @Test(arguments: [false, true])
  func millionAs(portable: Bool) {
    #expect(
      SHA256.hex(Self.digest([UInt8](repeating: 0x61, count: 1_000_000), portable: portable))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Feeding the bytes in pieces of any size gives the same digest.
  @Test func incrementalUpdates() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let whole = SHA256.digest(bytes)
    for size in [1, 3, 63, 64, 65, 200] {
      var hash = SHA256()
      var index = 0
      while index < bytes.count {
        hash.update(bytes[index..<min(index + size, bytes.count)])
        index += size
      }
      #expect(hash.finalize() == whole, "piece size \(size)")
    }
    // A non-contiguous sequence takes the slow path.
    var lazy = SHA256()
    lazy.update(bytes.lazy.map { $0 })
    #expect(lazy.finalize() == whole)
  }

  /// Every length from 0 to 200 bytes (the padding in the last block or a block of its
  /// own; one to four blocks), whole and in random pieces, agrees between SHA-NI and
  /// the portable rounds.
  @Test func everyLengthBothPaths() {
    var random = SeededGenerator(seed: 256)
    for length in 0...200 {
      let bytes = Self.randomBytes(length, using: &random)
      let reference = Self.digest(bytes, portable: false)
      #expect(Self.digest(bytes, portable: true) == reference, "length \(length), whole")
      for portable in [false, true] {
        let pieces = Self.digestInPieces(bytes, portable: portable, maximum: 150, using: &random)
        #expect(pieces == reference, "length \(length), in pieces, portable \(portable)")
      }
    }
  }

  /// Many hashes at once (as `merge` does) give the single-threaded digests.
  @Test func concurrentHashing() async {
    var random = SeededGenerator(seed: 99)
    let buffers = (0..<16).map { Self.randomBytes(10_000 + 777 * $0, using: &random) }
    let expected = buffers.map { Self.digest($0, portable: true) }
    let digests = await withTaskGroup(of: (Int, [UInt8]).self) { group in
      for (index, buffer) in buffers.enumerated() { group.addTask { (index, SHA256.digest(buffer)) } }
      var digests = [[UInt8]](repeating: [], count: buffers.count)
      for await (index, digest) in group { digests[index] = digest }
      return digests
    }
    #expect(digests == expected)
  }

  static let sha256sum = ["/usr/bin/sha256sum", "/bin/sha256sum"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Random buffers (around the block and padding boundaries, and a few larger ones)
  /// agree with coreutils' `sha256sum`.
  @Test(.enabled(if: sha256sum != nil))
  func matchesSha256sum() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-sha256-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var random = SeededGenerator(seed: 180_4)
    let lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 4096, 100_003, 1_048_593]
    var files: [(path: String, bytes: [UInt8])] = []
    for length in lengths {
      let bytes = Self.randomBytes(length, using: &random)
      let path = directory.appendingPathComponent("\(length).bin").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      files.append((path, bytes))
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.sha256sum))
    process.arguments = files.map(\.path)
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    let lines = text.split(separator: "\n")
    try #require(lines.count == files.count, "sha256sum printed: \(text)")

    for (line, file) in zip(lines, files) {
      let expected = String(line.prefix(64))
      #expect(line.hasSuffix(" " + file.path))
      for portable in [false, true] {
        #expect(SHA256.hex(Self.digest(file.bytes, portable: portable)) == expected, "\(file.bytes.count) bytes")
        let pieces = Self.digestInPieces(file.bytes, portable: portable, maximum: 10_000, using: &random)
        #expect(SHA256.hex(pieces) == expected, "\(file.bytes.count) bytes in pieces")
      }
    }
  }

  @Test("sha256sum cross-check skipped: sha256sum not found", .disabled(if: sha256sum != nil))
  func sha256sumMissing() {}

  @Test("No SHA-NI on this CPU: both paths run the portable C", .disabled(if: SHA256.hasHardware))
  func noHardware() {}
}
