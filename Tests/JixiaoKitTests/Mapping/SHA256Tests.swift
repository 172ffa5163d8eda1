import Testing

@testable import JixiaoKit

@Suite("SHA-256")
struct SHA256Tests {
  @Test(arguments: [
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
  ])
  func knownVectors(_ message: String, _ digest: String) {
    #expect(SHA256.hexDigest(message.utf8) == digest)
  }

  @Test func millionAs() {
    #expect(
      SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000))
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
}
