import Testing
@testable import XLSX
import _XLSXTestSupport

@Suite("Writer: XML emitter")
struct XMLEmitterTests {
  private func text(_ value: String) -> String { WriterTestSupport.render { $0.text(value) } }
  private func attribute(_ value: String) -> String { WriterTestSupport.render { $0.attributeValue(value) } }
  private func number(_ value: Double) -> String { WriterTestSupport.render { $0.number(value) } }

  @Test("Markup characters in text become entities; quotes stay")
  func markupInText() {
    #expect(text("a & b < c > d \"e\" 'f'") == "a &amp; b &lt; c &gt; d \"e\" 'f'")
    #expect(text("预算单位（万元）") == "预算单位（万元）")
    #expect(text("") == "")
  }

  @Test("Characters XML 1.0 forbids become _xHHHH_, tab and line feed stay")
  func forbiddenCharacters() {
    #expect(text("a\u{0}b") == "a_x0000_b")
    #expect(text("\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}") == "_x0001__x0008__x000B__x000C__x000E__x001F_")
    #expect(text("x\u{FFFE}y\u{FFFF}z") == "x_xFFFE_y_xFFFF_z")
    #expect(text("tab\there\nline") == "tab\there\nline")
    #expect(text("\u{FFFD}\u{FFFC}\u{EFFF}") == "\u{FFFD}\u{FFFC}\u{EFFF}")
  }

  @Test("A carriage return is written _x000D_ so that XML line-end handling keeps it")
  func carriageReturn() {
    #expect(text("a\r\nb\rc") == "a_x000D_\nb_x000D_c")
  }

  @Test("A literal _xHHHH(_) has its underscore escaped; other underscores stay")
  func literalEscapePattern() {
    #expect(text("_x000D_") == "_x005F_x000D_")
    #expect(text("a_x00aF_b") == "a_x005F_x00aF_b")
    #expect(text("_x005F_") == "_x005F_x005F_")
    #expect(text("snake_case _x12_ _xGGGG_ _X1234_ _x12") == "snake_case _x12_ _xGGGG_ _X1234_ _x12")
    // Without its closing underscore too: the next character's escape would supply one.
    #expect(text("_x1234") == "_x005F_x1234")
    #expect(text("_x127b\u{FFFE}") == "_x005F_x127b_xFFFE_")
    #expect(text("_x0041\r") == "_x005F_x0041_x000D_")
  }

  @Test("Attributes escape quotes and white space; forbidden characters become U+FFFD")
  func attributes() {
    #expect(attribute("a\"b&c<d>e") == "a&quot;b&amp;c&lt;d&gt;e")
    #expect(attribute("t\tn\nr\r") == "t&#9;n&#10;r&#13;")
    #expect(attribute("_x000D_") == "_x000D_")
    #expect(attribute("a\u{1}b") == "a\u{FFFD}b")
  }

  @Test("Numbers: integers without a fraction, others in shortest round-trip form")
  func numbers() {
    #expect(number(0) == "0")
    #expect(number(-0.0) == "-0")
    #expect(number(15) == "15")
    #expect(number(-42) == "-42")
    #expect(number(1.5) == "1.5")
    #expect(number(0.1) == "0.1")
    #expect(number(0.1 + 0.2) == "0.30000000000000004")
    #expect(number(9_007_199_254_740_991) == "9007199254740991")
    #expect(number(9_007_199_254_740_992) == "9007199254740992")
    #expect(number(1.7976931348623157e308) == "1.7976931348623157e+308")
    #expect(number(-1.7976931348623157e308) == "-1.7976931348623157e+308")
    #expect(number(5e-324) == "5e-324")
    #expect(number(2.2250738585072014e-308) == "2.2250738585072014e-308")
    for value in [1e16, 1e20, 123_456_789_012_345_680_000.0, 1e-7, 0.000123, 3.0e15 + 0.5, 2.0.squareRoot()] {
      #expect(Double(number(value)) == value, "\(value) → \(number(value))")
      #expect(!number(value).hasSuffix(".0"))
    }
  }

  @Test("Short decimals take the fast path and stay shortest")
  func shortDecimals() {
    #expect(number(1.25) == "1.25")
    #expect(number(-0.001) == "-0.001")
    #expect(number(0.0001) == "0.0001")
    #expect(number(1234.5678) == "1234.5678")
    #expect(number(123_456_789.123) == "123456789.123")
    #expect(number(0.3) == "0.3")
    #expect(number(0.1 + 0.2) == "0.30000000000000004")
    #expect(number(1e-5) == "1e-05")
    #expect(number(1.0 / 3) == "0.3333333333333333")
    // Against Swift's shortest representation: same double back, never more digits.
    var random = SeededGenerator(seed: 99)
    func significantDigits(_ text: String) -> Int {
      let mantissa = text.split(separator: "e")[0].filter(\.isNumber)
      return mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
    }
    for _ in 0..<20_000 {
      let scale = [1.0, 10, 100, 1000, 10_000, 1e6, 1e9][Int.random(in: 0..<7, using: &random)]
      let value = Double(Int.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random)) / scale
      let text = number(value)
      #expect(Double(text) == value, "\(value) → \(text)")
      #expect(significantDigits(text) <= significantDigits(value.description), "\(value) → \(text)")
    }
  }

  @Test("Integers: every length, the short paths' bounds and the extremes")
  func integers() {
    var values = [
      0, 9, 10, 99, 100, 999, 1_000, 9_999, 10_000, 99_999, 100_000, 999_999, 1_048_576, -1, -99, -100, -100_000,
      Int.max, Int.min,
    ]
    values += Array(stride(from: 0, through: 120_000, by: 7))
    for value in values {
      #expect(WriterTestSupport.render { $0.integer(value) } == String(value))
    }
  }

  @Test("Column letters")
  func columnNames() {
    for column in [0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 16_383] {
      #expect(WriterTestSupport.render { $0.columnName(column) } == CellReference.columnName(column))
    }
  }

  @Test("Elements and attributes")
  func elements() {
    let xml = WriterTestSupport.render { xml in
      xml.declaration()
      xml.start("a", [XMLAttribute("n", 3), XMLAttribute("w", 12.5), XMLAttribute("s", "x&y")])
      xml.empty("b")
      xml.element("c", text: " 空格 ")
      xml.end("a")
    }
    #expect(
      xml
        == "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<a n=\"3\" w=\"12.5\" s=\"x&amp;y\"><b/><c> 空格 </c></a>")
  }

  @Test("A streaming emitter hands over every byte through its small buffer")
  func drainsInChunks() {
    final class Collector { var bytes: [UInt8] = []; var calls = 0 }
    let collector = Collector()
    let emitter = XMLEmitter(capacity: 64) { (chunk: UnsafeRawBufferPointer) throws(XLSXError) in
      collector.bytes += chunk
      collector.calls += 1
    }
    let long = String(repeating: "汉字&_x0041_", count: 100)
    emitter.text(long)
    emitter.number(1.25)
    emitter.flush()
    let expected = String(repeating: "汉字&amp;_x005F_x0041_", count: 100) + "1.25"
    #expect(String(decoding: collector.bytes, as: UTF8.self) == expected)
    #expect(collector.calls > 10)
    #expect(emitter.failure == nil)
  }

  @Test("A failing drain is remembered, not thrown mid-element")
  func drainFailure() {
    let emitter = XMLEmitter(capacity: 64) { (_: UnsafeRawBufferPointer) throws(XLSXError) in
      throw XLSXError(.io, "disk full")
    }
    emitter.text(String(repeating: "x", count: 1000))
    emitter.flush()
    #expect(emitter.failure?.code == .io)
  }
}
