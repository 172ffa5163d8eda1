#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OrderedJSON

/// A reusable byte buffer for the text of one element, bounded by
/// ``ReadLimits/maxTextLength`` so that a single huge string cannot exhaust memory.
/// It owns raw storage (not an `Array`) because clearing and appending it is on the
/// hot path of every cell.
final class TextBuffer {
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0
  let limit: Int
  private(set) var overflowed = false

  init(limit: Int, capacity: Int = 256) {
    self.limit = limit
    self.capacity = capacity
    storage = .allocate(capacity: capacity)
  }

  deinit { storage.deallocate() }

  @inline(__always)
  func append(_ text: UnsafeBufferPointer<UInt8>) {
    guard let base = text.baseAddress, !text.isEmpty else { return }
    guard count + text.count <= limit else {
      overflowed = true
      return
    }
    if count + text.count > capacity {
      ByteStorage.grow(&storage, count: count, capacity: &capacity, toHold: count + text.count)
    }
    (storage + count).update(from: base, count: text.count)
    count += text.count
  }

  @inline(__always)
  func clear() {
    count = 0
    overflowed = false
  }

  var isEmpty: Bool { count == 0 }

  /// The bytes collected so far (valid until the next change).
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

  /// The text as a `String`, with Excel's `_xHHHH_` escapes decoded.
  var decodedString: String { EscapedText.decode(bytes) }

  /// The text as a `String`, exactly as written.
  var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Whether the text is exactly `word`.
  func equals(_ word: StaticString) -> Bool {
    count == word.utf8CodeUnitCount && memcmp(storage, word.utf8Start, count) == 0
  }
}

/// Excel's escape for characters XML cannot carry: `_x000D_` is a carriage return,
/// `_x005F_` a literal underscore (so `_x005F_x000D_` reads as the text `_x000D_`).
enum EscapedText {
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard let first = firstEscape(in: bytes, from: 0) else {
      return String(decoding: bytes, as: UTF8.self)
    }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count)
    output.append(contentsOf: bytes[0..<first])
    var index = first
    while index < bytes.count {
      guard let unit = escapedUnit(in: bytes, at: index) else {
        output.append(bytes[index])
        index += 1
        continue
      }
      index += 7
      var scalar: Unicode.Scalar?
      if UTF16.isLeadSurrogate(unit), let low = escapedUnit(in: bytes, at: index), UTF16.isTrailSurrogate(low) {
        scalar = Unicode.Scalar(0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00))
        index += 7
      } else {
        scalar = Unicode.Scalar(unit)
      }
      output.append(contentsOf: Array(String(Character(scalar ?? "\u{FFFD}")).utf8))
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Where the first `_xHHHH_` starts, found with `memchr` (most text has no underscore).
  private static func firstEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = start
    while index + 7 <= bytes.count {
      // An escape is 7 bytes long, so only the first count - 6 positions can start one.
      guard let found = memchr(base + index, Int32(UInt8(ascii: "_")), bytes.count - 6 - index) else { return nil }
      index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if escapedUnit(in: bytes, at: index) != nil { return index }
      index += 1
    }
    return nil
  }

  /// The UTF-16 unit of an `_xHHHH_` at `index`, or nil.
  private static func escapedUnit(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
    guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
      bytes[index + 6] == UInt8(ascii: "_")
    else { return nil }
    var value: UInt16 = 0
    for offset in 2..<6 {
      let byte = bytes[index + offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }
}
