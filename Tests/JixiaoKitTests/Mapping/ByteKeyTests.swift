import Testing
import _XLSXTestSupport

@testable import JixiaoKit

@Suite("Byte keys")
struct ByteKeyTests {
  @Test func substringSearchOnBytes() {
    #expect("项目资金".containsBytes("资金"))
    #expect("项目资金".containsBytes("项"))
    #expect(!"项目资金".containsBytes("资产"))
    #expect("资金".containsBytes("资金"))
    #expect(!"资".containsBytes("资金"))
    #expect("abc".containsBytes(""))
    #expect(!"".containsBytes("a"))
    #expect("a:b".containsBytes(":"))
  }

  /// Against a plain search, on texts made of a few CJK characters whose UTF-8 shares lead
  /// and last bytes (where a search that checks only some bytes would go wrong).
  @Test func agreesWithAPlainSearch() {
    let alphabet = ["资", "金", "质", "项", "目", "a", "b", "分", "份"]
    var random = SeededGenerator(seed: 11)
    func text(_ length: Int) -> String {
      (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }.joined()
    }
    for _ in 0..<3_000 {
      let haystack = text(Int.random(in: 0...8, using: &random))
      let needle = text(Int.random(in: 1...3, using: &random))
      let bytes = Array(haystack.utf8)
      let wanted = Array(needle.utf8)
      let plain = bytes.count >= wanted.count
        && (0...(bytes.count - wanted.count)).contains { Array(bytes[$0..<($0 + wanted.count)]) == wanted }
      #expect(haystack.containsBytes(needle) == plain, "\(haystack) / \(needle)")
    }
  }
}
