import Foundation
import OrderedJSON
import Testing

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
