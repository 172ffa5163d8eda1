import Foundation
import OrderedJSON
import Testing
import _XLSXTestSupport

@Suite("JSON writer")
struct JSONWriterTests {
  @Test func escapesWhatJSONAndJavaScriptNeedAndNothingElse() {
    let text = "言\"\\\n\r\t\u{1}\u{2028}\u{2029}稿e\u{301}"
    let written = JSONValue.string(text).serialized()
    #expect(written == "\"言\\\"\\\\\\n\\r\\t\\u0001\\u2028\\u2029稿e\u{301}\"")
    let parsed = try? JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String
    #expect(parsed == text)
  }

  @Test func bytesAndTextAgree() {
    let value = JSONValue.object([
      ("a", .array([.integer(1), .number(0.5), .null])), ("b", .array([.object([("c", .bool(true))])])), ("d", .object([])),
    ])
    var bytes: [UInt8] = []
    value.write(to: &bytes, indent: 1, level: 0)
    #expect(String(decoding: bytes, as: UTF8.self) == value.serialized())
    #expect(value.serialized() == "{\n \"a\": [1, 0.5, null],\n \"b\": [\n  {\n   \"c\": true\n  }\n ],\n \"d\": {}\n}")
    #expect(value.serialized(indent: 0) == "{\"a\":[1,0.5,null],\"b\":[{\"c\":true}],\"d\":{}}")
  }
}

@Suite("JSON stream writer")
struct JSONStreamWriterTests {
  /// Writes `value` through the stream writer the way CanonicalJSON does: objects and
  /// arrays of containers opened and closed, arrays of scalars handed over whole.
  private func stream(_ value: JSONValue, into json: inout JSONStreamWriter) {
    switch value {
    case .object(let pairs):
      json.beginObject()
      for (key, member) in pairs {
        var key = key
        key.withUTF8 { json.key(utf8: $0) }
        stream(member, into: &json)
      }
      json.endObject()
    case .array(let items) where items.contains(where: \.isContainer):
      json.beginArray()
      for item in items {
        json.item()
        stream(item, into: &json)
      }
      json.endArray()
    case .string(let text): json.string(text)
    case .number(let number): json.number(number)
    case .integer(let integer): json.integer(integer)
    case .null: json.null()
    default: json.value(value)
    }
  }

  private func randomValue(depth: Int, using random: inout SeededGenerator) -> JSONValue {
    let texts = ["", "分值", "a\"b", "行\n", "H14", "\u{2028}"]
    switch Int.random(in: 0..<(depth > 3 ? 6 : 9), using: &random) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &random))
    case 2: return .integer(Int.random(in: -5...500, using: &random))
    case 3: return .number([0.1, 15, 1e16, -2.5, .nan][Int.random(in: 0..<5, using: &random)])
    case 4, 5: return .string(texts[Int.random(in: 0..<texts.count, using: &random)])
    case 6:  // scalars only: one line
      return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in .string(texts[Int.random(in: 0..<texts.count, using: &random)]) })
    case 7:
      return .array((0..<Int.random(in: 1...3, using: &random)).map { _ in
        .object([("k", randomValue(depth: depth + 1, using: &random))])
      })
    default:
      return .object((0..<Int.random(in: 0...4, using: &random)).map { index in
        (["level1", "名称", "c\"d", "x"][index], randomValue(depth: depth + 1, using: &random))
      })
    }
  }

  /// Containers nested past the 64 levels kept in one word, with elements before and after
  /// the inner container at some levels and none at others, as JSONValue writes them.
  @Test func deepNestingAsJSONValueWritesIt() {
    var random = SeededGenerator(seed: 64)
    for depth in [63, 64, 65, 66, 129, 200] {
      var value = JSONValue.integer(depth)
      for _ in 0..<depth {
        let before: [JSONValue] = Bool.random(using: &random) ? [.integer(1)] : []
        let after: [JSONValue] = Bool.random(using: &random) ? [.string("x")] : []
        if Bool.random(using: &random) {
          value = .array(before + [value] + after)
        } else {
          value = .object(before.map { ("b", $0) } + [("v", value)] + after.map { ("a", $0) })
        }
      }
      var expected: [UInt8] = []
      value.write(to: &expected, indent: 1, level: 0)
      var json = JSONStreamWriter()
      stream(value, into: &json)
      #expect(json.bytes == expected, "depth \(depth)")
    }
  }

  @Test func writesWhatJSONValueWritesAtEveryLevel() {
    var random = SeededGenerator(seed: 20261122)
    for round in 0..<500 {
      let value = randomValue(depth: 0, using: &random)
      let level = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17][round % 10]  // indentation across whole words
      var expected: [UInt8] = []
      value.write(to: &expected, indent: 1, level: level)
      var json = JSONStreamWriter(level: level)
      stream(value, into: &json)
      #expect(json.bytes == expected, "\(value.serialized())")
    }
  }

  @Test func numbersAsJSONValueWritesThem() {
    var values: [Double] = [
      0, -0.0, 1, -1, 15, 0.5, 2.5, 1e14, 999_999_999_999_999, 1e15, -1e15, 1e16, 9_007_199_254_740_992, 1e-5,
      .nan, .infinity, -.infinity, .ulpOfOne, .greatestFiniteMagnitude, 123456.789,
    ]
    var random = SeededGenerator(seed: 5)
    for _ in 0..<2_000 {
      values.append(Double(Int64.random(in: -2_000_000_000_000_000...2_000_000_000_000_000, using: &random)))
      values.append(Double(Int.random(in: -100_000...100_000, using: &random)) / [1, 4, 100, 1_000][Int.random(in: 0..<4, using: &random)])
    }
    // Short decimals (written without Double.description) and the values around their
    // bounds: 0.001, 2^50 digits, 15 fraction digits, and decimals that need 17 digits.
    values += [
      0.001, 0.001.nextUp, 0.001.nextDown, 0.00099, 0.1 + 0.2, 1.0 / 3, 0.1, 0.7, 2.675, 1e-3 * 7, 0x1p50 / 10,
      (0x1p50 / 10).nextUp, 112_589_990_684_262.4, 11_258_999_068_426.25, 123_456_789_012_345.6,
      99_999_999_999_999.99, 0.123456789012345, 0.1234567890123456, 1.000000000000001, 9_007_199_254_740_991.5,
      0x1p-10, 0x1p-9 * 3, 4_503_599_627_370_495.5, 1e15 + 0.5, 1e14 + 0.25,
    ]
    for _ in 0..<20_000 {
      let digits = Int.random(in: 1...15, using: &random)
      var power = 1.0
      for _ in 0..<digits { power *= 10 }
      let integer = Int.random(in: -2_000_000_000_000...2_000_000_000_000, using: &random) >> Int.random(in: 0...40, using: &random)
      values.append(Double(integer) / power)
      // Any double in the short decimals' range, which mostly needs 16 or 17 digits.
      let magnitude = Double(bitPattern: UInt64.random(in: 0.0005.bitPattern...1e15.bitPattern, using: &random))
      values.append(Bool.random(using: &random) ? magnitude : -magnitude)
    }
    values += values.map { -$0 }
    for value in values {
      var json = JSONStreamWriter()
      json.number(value)
      #expect(String(decoding: json.bytes, as: UTF8.self) == JSONValue.format(value), "\(value)")
    }
    for value in [0, 7, -7, Int.max, Int.min, 1_000_000] {
      var json = JSONStreamWriter()
      json.integer(value)
      #expect(String(decoding: json.bytes, as: UTF8.self) == String(value))
    }
  }

  @Test func decimalDigitsWrittenInPlace() {
    var buffer = [UInt8](repeating: 0, count: 24)
    for value in [0, 5, 9, 10, 99, 100, -1, -10, 1_048_576, Int.max, Int.min] {
      let length = buffer.withUnsafeMutableBufferPointer { ByteStorage.writeDecimal(value, at: $0.baseAddress!) }
      #expect(String(decoding: buffer[..<length], as: UTF8.self) == String(value))
    }
    #expect(buffer.withUnsafeMutableBufferPointer { ByteStorage.writeDecimal(Int.min, at: $0.baseAddress!) } == 20)
  }

  @Test func emptyContainersAndFlushedPieces() {
    var json = JSONStreamWriter()
    var written: [UInt8] = []
    json.beginObject()
    json.key("files")
    json.beginArray()
    json.endArray()
    json.key("cells")
    json.beginObject()
    json.endObject()
    written += json.takeBytes()  // handed on: the writer keeps its place
    #expect(json.count == 0)
    json.key("reports")
    json.beginArray()
    json.item()
    json.integer(1)
    json.endArray()
    json.endObject()
    written += json.bytes
    #expect(String(decoding: written, as: UTF8.self) == "{\n \"files\": [],\n \"cells\": {},\n \"reports\": [\n  1\n ]\n}")
  }

  /// `array(_:_:)` writes what the explicit calls write, for nested, empty and one-element
  /// arrays; and a buffer grown far past its first 64 KiB keeps every byte.
  @Test func arrayOfElementsAndGrowth() {
    let rows: [[Int]] = [[1, 2], [], [3]]
    var byHelper = JSONStreamWriter()
    byHelper.array(rows) { row, json in json.array(row) { number, json in json.integer(number) } }
    var byHand = JSONStreamWriter()
    byHand.beginArray()
    for row in rows {
      byHand.item()
      byHand.beginArray()
      for number in row {
        byHand.item()
        byHand.integer(number)
      }
      byHand.endArray()
    }
    byHand.endArray()
    #expect(byHelper.bytes == byHand.bytes)
    #expect(String(decoding: byHelper.bytes, as: UTF8.self) == "[\n [\n  1,\n  2\n ],\n [],\n [\n  3\n ]\n]")

    var long = JSONStreamWriter()
    let text = String(repeating: "绩效", count: 50_000)  // 300,000 bytes
    long.array([text, "尾"]) { item, json in json.string(item) }
    #expect(long.bytes == Array("[\n \"\(text)\",\n \"尾\"\n]".utf8))
  }

  /// Static keys of every length up to past two words are written as the same names
  /// given as UTF-8 are.
  @Test func staticKeysOfEveryLength() {
    let keys: [StaticString] = [
      "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghij",
      "abcdefghijk", "abcdefghijkl", "abcdefghijklm", "abcdefghijklmn", "abcdefghijklmno", "abcdefghijklmnop",
      "abcdefghijklmnopq", "abcdefghijklmnopqr", "abcdefghijklmnopqrs", "abcdefghijklmnopqrst",
      "abcdefghijklmnopqrstuvwxyz0123456789",
    ]
    for level in [0, 2] {
      var byStatic = JSONStreamWriter(level: level)
      var byUTF8 = JSONStreamWriter(level: level)
      byStatic.beginObject()
      byUTF8.beginObject()
      for key in keys {
        byStatic.key(key)
        byStatic.integer(key.utf8CodeUnitCount)
        key.withUTF8Buffer { byUTF8.key(utf8: $0) }
        byUTF8.integer(key.utf8CodeUnitCount)
      }
      byStatic.endObject()
      byUTF8.endObject()
      #expect(byStatic.bytes == byUTF8.bytes, "\(String(decoding: byStatic.bytes, as: UTF8.self))")
    }
  }

  /// An object written from entry bytes equals the same entries written member by member,
  /// for names and texts of every length around a word (8 bytes) holding, at any place,
  /// each kind of byte: plain ASCII, the ones next to plain's bounds, escapes, DEL,
  /// multi-byte UTF-8 and U+2028.
  @Test func objectFromEntryBytesEqualsMemberByMember() {
    let pieces = [
      "a", "Z", "~", " ", "!", "#", "[", "]", "\"", "\\", "\u{7F}", "\u{1}", "\u{1D}", "\t", "\n", "名", "é",
      "\u{2028}", "0", "9", "\u{80}", "\u{FF}",
    ]
    var random = SeededGenerator(seed: 8)
    func text() -> String {
      // Mostly plain letters, so that long plain runs and one odd byte anywhere both occur.
      let length = Int.random(in: 0...19, using: &random)
      return (0..<length).map { _ in
        Int.random(in: 0..<4, using: &random) == 0 ? pieces.randomElement(using: &random)! : "k"
      }.joined()
    }
    for _ in 0..<3_000 {
      let entries = (0..<Int.random(in: 0...5, using: &random)).map { _ in (text(), text()) }
      var bytes: [UInt8] = []
      for (name, text) in entries { bytes += Array(name.utf8) + [0x1F] + Array(text.utf8) + [0x1E] }
      let level = Int.random(in: 0...3, using: &random)
      var fromBytes = JSONStreamWriter(level: level)
      bytes.withUnsafeBufferPointer { fromBytes.object(entries: $0, keyEnd: 0x1F, entryEnd: 0x1E) }
      #expect(fromBytes.bytes == objectWrittenMemberByMember(entries, level: level), "\(entries)")
    }
  }
}

/// `entries` as one object of string members written one by one at `level`: what the
/// writers' fast paths for whole maps are compared with.
func objectWrittenMemberByMember(_ entries: some Sequence<(String, String)>, level: Int) -> [UInt8] {
  var json = JSONStreamWriter(level: level)
  json.beginObject()
  for (name, text) in entries {
    var name = name
    name.withUTF8 { json.key(utf8: $0) }
    json.string(text)
  }
  json.endObject()
  return json.bytes
}

extension JSONValue {
  fileprivate var isContainer: Bool {
    switch self {
    case .array, .object: true
    default: false
    }
  }
}
