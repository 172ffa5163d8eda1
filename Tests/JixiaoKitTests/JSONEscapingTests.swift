import Foundation
import OrderedJSON
import Testing
import _XLSXTestSupport

/// JSON string escaping, which copies runs of plain bytes at once: every escape at every
/// position of a run, and the UTF-8 sequences that only look like U+2028 / U+2029.
@Suite("JSON string escaping")
struct JSONEscapingTests {
  /// The definition, scalar by scalar.
  private func reference(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{2028}": output += "\\u2028"
      case "\u{2029}": output += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    return output + "\""
  }

  private func written(_ text: String) -> String {
    JSONValue.string(text).serialized()
  }

  /// `text` through the stream writer, as a string value and as both the name and the
  /// value of a member given as UTF-8 (the writer checks and copies whole words of plain
  /// text): what ``written(_:)`` writes, in the writer's layout.
  private func expectStreamed(_ text: String, _ comment: Comment? = nil) {
    let expected = written(text)
    var json = JSONStreamWriter()
    json.string(text)
    #expect(String(decoding: json.takeBytes(), as: UTF8.self) == expected, comment)
    let utf8 = Array(text.utf8)
    utf8.withUnsafeBufferPointer { bytes in
      json.beginObject()
      json.member(utf8: bytes, utf8: bytes)
      json.endObject()
    }
    #expect(String(decoding: json.takeBytes(), as: UTF8.self) == "{\n " + expected + ": " + expected + "\n}", comment)
  }

  private func parsed(_ json: String) -> String? {
    try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
  }

  @Test func everyControlCharacter() {
    for value in 0..<0x20 {
      let text = String(Character(Unicode.Scalar(UInt8(value))))
      let expected: String
      switch value {
      case 0x0A: expected = "\"\\n\""
      case 0x0D: expected = "\"\\r\""
      case 0x09: expected = "\"\\t\""
      default: expected = "\"\\u" + String(format: "%04x", value) + "\""
      }
      #expect(written(text) == expected, "U+\(String(format: "%04X", value))")
      #expect(written("项\(text)目") == "\"项" + String(expected.dropFirst().dropLast()) + "目\"")
      expectStreamed(text)
      expectStreamed("项\(text)目")
    }
    #expect(written("\u{0}") == "\"\\u0000\"")
    #expect(written("\u{1}") == "\"\\u0001\"")
    #expect(written("\u{1F}") == "\"\\u001f\"")
    #expect(written("\u{8}\u{C}") == "\"\\u0008\\u000c\"")
    #expect(written("\u{7F}") == "\"\u{7F}\"", "DEL is not a JSON control")
    #expect(written("\u{85}") == "\"\u{85}\"")
  }

  /// Plain texts of every length around the writer's eight-byte words, ASCII and not.
  @Test func plainTextsOfEveryLength() {
    for length in 0...26 {
      expectStreamed(String(repeating: "a", count: length))
      expectStreamed(String("H14/分值（Ａ）🙂".prefix(length)))
    }
  }

  @Test func lineAndParagraphSeparatorsAnywhere() {
    #expect(written("\u{2028}") == "\"\\u2028\"")
    #expect(written("\u{2029}") == "\"\\u2029\"")
    #expect(written("\u{2028}\u{2029}\u{2028}") == "\"\\u2028\\u2029\\u2028\"")
    #expect(written("项\u{2028}") == "\"项\\u2028\"", "at the end")
    #expect(written("\u{2029}项") == "\"\\u2029项\"", "at the start")
    #expect(written("\n\u{2028}\"") == "\"\\n\\u2028\\\"\"", "between other escapes")
    #expect(written("a\u{2028}b\u{2029}c") == "\"a\\u2028b\\u2029c\"")
  }

  /// Other characters whose UTF-8 starts E2 80 (or ends A8 / A9) are copied as they are.
  @Test func lookAlikesAreCopied() {
    let lookAlikes = [
      "\u{2026}",  // … E2 80 A6
      "\u{2027}",  // ‧ E2 80 A7
      "\u{202A}",  // E2 80 AA
      "\u{202F}",  // E2 80 AF
      "\u{2014}",  // — E2 80 94
      "\u{2020}",  // † E2 80 A0
      "\u{20A8}",  // ₨ E2 82 A8
      "\u{20A9}",  // ₩ E2 82 A9
      "\u{E028}",  // EE 80 A8
      "\u{A8}\u{A9}",  // ¨© C2 A8, C2 A9
      "\u{828}",  // E0 A0 A8
      "\u{3028}",  // 〨 E3 80 A8
      "\u{12028}",  // F0 92 80 A8
      "……",
      "\u{2026}\u{2028}\u{2026}",
    ]
    for text in lookAlikes {
      expectStreamed(text)
      #expect(written(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
      #expect(parsed(written(text)) == text)
    }
    #expect(written("\u{2026}") == "\"\u{2026}\"")
    #expect(written("……") == "\"……\"")
    #expect(written("\u{2026}\u{2028}\u{2026}") == "\"…\\u2028…\"")
    #expect(written("\u{A8}\u{A9}") == "\"¨©\"")
    #expect(written("\u{20A8}") == "\"₨\"")
  }

  @Test func longRunsAroundEscapes() {
    let run = String(repeating: "绩效目标完成情况良好", count: 100)
    #expect(written(run) == "\"" + run + "\"")
    let text = run + "\"" + run + "\\" + run + "\n\u{2028}" + run + "\u{1}" + run
    let expected = "\"" + run + "\\\"" + run + "\\\\" + run + "\\n\\u2028" + run + "\\u0001" + run + "\""
    #expect(written(text) == expected)
    #expect(parsed(written(text)) == text)
    #expect(written(String(repeating: "\"", count: 300)) == "\"" + String(repeating: "\\\"", count: 300) + "\"")
    #expect(written(String(repeating: "a\n", count: 500)) == "\"" + String(repeating: "a\\n", count: 500) + "\"")
  }

  /// Runs of plain bytes are skipped eight at a time: every escape at every position of
  /// 24-byte runs of ASCII and of CJK (whose bytes are all above 0x7F), so in every lane
  /// of a word, and at the start and end of the text.
  @Test func everyEscapeInEveryLaneOfTheWordScan() {
    let escaped: [(String, String)] = [
      ("\"", "\\\""), ("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\u{0}", "\\u0000"),
      ("\u{1F}", "\\u001f"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029"),
    ]
    for run in [String(repeating: "abcdefgh", count: 3), String(repeating: "项目", count: 4)] {
      let characters = Array(run)
      for (text, code) in escaped {
        for position in 0...characters.count {
          let before = String(characters[..<position])
          let after = String(characters[position...])
          #expect(written(before + text + after) == "\"" + before + code + after + "\"", "\(position) \(code)")
          expectStreamed(before + text + after, "\(position) \(code)")
        }
      }
      // Bytes that only share a word with something to look at are copied.
      #expect(written(run + "\u{2026}" + run) == "\"" + run + "\u{2026}" + run + "\"")
      #expect(written(run + "\u{7F}!#[]" + run) == "\"" + run + "\u{7F}!#[]" + run + "\"")
    }
  }

  /// Random texts over an alphabet of plain and escaped characters, as a value, inside
  /// an array and as an object key.
  @Test func randomTextsAgreeWithTheDefinition() {
    var random = SeededGenerator(seed: 0x4A53_4F4E)
    func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
    let alphabet: [String] = [
      "a", "Z", " ", "/", "'", "项", "目", "（", "Ａ", "🙂", "e\u{301}", "…", "—", "\u{2027}", "\u{202A}", "¨", "₨",
      "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "\r\n",
    ]
    for _ in 0..<3_000 {
      let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined()
      let json = reference(text)
      #expect(written(text) == json, "\(text.debugDescription)")
      expectStreamed(text, "\(text.debugDescription)")
      #expect(parsed(written(text)) == text)
      #expect(JSONValue.array([.string(text)]).serialized() == "[" + json + "]")
      #expect(JSONValue.object([(text, .string(text))]).serialized(indent: 0) == "{" + json + ":" + json + "}")
    }
  }

  @Test func bytesAreTheSameAsTheText() {
    let text = "项\u{2028}目\"\u{2026}\\\u{1}"
    var bytes: [UInt8] = []
    JSONValue.string(text).write(to: &bytes, indent: 1, level: 0)
    #expect(bytes == Array(written(text).utf8))
    #expect(String(decoding: bytes, as: UTF8.self) == "\"项\\u2028目\\\"…\\\\\\u0001\"")
  }
}
