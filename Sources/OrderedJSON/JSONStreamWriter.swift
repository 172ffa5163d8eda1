/// Writes JSON straight into UTF-8 bytes, in exactly the layout ``JSONValue`` writes with
/// an indent of one space, without building values first: the fast path for long
/// documents. Open objects and arrays with `begin…`, close them with `end…`; inside an
/// object, ``key(_:)`` precedes every value; inside an array, ``item()`` precedes every
/// element. Arrays opened with ``beginArray()`` are laid out one element per line, as
/// ``JSONValue`` lays out arrays of objects; write an array of scalars with
/// ``value(_:)`` to keep it on one line.
///
/// ```swift
/// var json = JSONStreamWriter()
/// json.beginObject()
/// json.key("name"); json.string("汇总")
/// json.endObject()   // {\n "name": "汇总"\n}
/// ```
public struct JSONStreamWriter {
  /// The bytes written so far; a caller may hand them on and empty the array at any
  /// point (the writer keeps its place in the document).
  public var bytes: [UInt8] = []
  /// The level of the outermost value (its indentation in spaces).
  private let baseLevel: Int
  /// Per open object or array: whether it holds anything yet.
  private var opened: [Bool] = []

  /// A writer whose first value stands `level` levels deep in a larger document.
  public init(level: Int = 0) {
    baseLevel = level
    bytes.reserveCapacity(1 << 16)
  }

  /// The level of a value written now.
  private var level: Int { baseLevel + opened.count }

  // MARK: - Containers

  public mutating func beginObject() {
    bytes.append(UInt8(ascii: "{"))
    opened.append(false)
  }

  public mutating func endObject() { close(UInt8(ascii: "}")) }

  /// Opens an array whose elements (objects, as a rule) go one per line.
  public mutating func beginArray() {
    bytes.append(UInt8(ascii: "["))
    opened.append(false)
  }

  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// Starts the next member of the open object: `"name": `. `name` is written as given,
  /// so it must be plain text that JSON does not escape (jixiao's keys are ASCII words).
  public mutating func key(_ name: StaticString) {
    startElement()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    bytes.append(UInt8(ascii: " "))
  }

  /// Starts the next member of the open object, its name given as UTF-8 (escaped as
  /// needed).
  public mutating func key(utf8 name: UnsafeBufferPointer<UInt8>) {
    startElement()
    JSONValue.writeString(utf8: name, to: &bytes)
    bytes.append(UInt8(ascii: ":"))
    bytes.append(UInt8(ascii: " "))
  }

  /// Starts the next element of the open array.
  public mutating func item() { startElement() }

  private mutating func startElement() {
    if opened[opened.count - 1] { bytes.append(UInt8(ascii: ",")) }
    opened[opened.count - 1] = true
    newline(spaces: level)
  }

  private mutating func close(_ bracket: UInt8) {
    let hadElements = opened.removeLast()
    if hadElements { newline(spaces: level) }
    bytes.append(bracket)
  }

  private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

  private mutating func newline(spaces count: Int) {
    bytes.append(UInt8(ascii: "\n"))
    var remaining = count
    while remaining > 0 {
      let run = min(remaining, Self.spaces.count)
      Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<run])) }
      remaining -= run
    }
  }

  // MARK: - Values

  /// A string, or null.
  public mutating func string(_ text: String?) {
    guard let text else { return null() }
    JSONValue.writeString(text, to: &bytes)
  }

  /// A string given as UTF-8.
  public mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) { JSONValue.writeString(utf8: text, to: &bytes) }

  /// A number in its shortest round-trip form, or null (also for NaN and infinities).
  public mutating func number(_ value: Double?) {
    guard let value else { return null() }
    // Whole numbers below 10^15 (most weights, scores and amounts) are written without
    // making a String: their digits and `.0`, as `Double.description` writes them.
    if value == value.rounded(.towardZero), abs(value) < 1e15, value != 0 || value.sign == .plus {
      writeDigits(of: Int64(value))
      bytes.append(UInt8(ascii: "."))
      bytes.append(UInt8(ascii: "0"))
      return
    }
    bytes.append(contentsOf: JSONValue.format(value).utf8)
  }

  private mutating func writeDigits(of value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var count = 0
      repeat {
        digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
    }
  }

  /// An integer, or null.
  public mutating func integer(_ value: Int?) {
    guard let value else { return null() }
    writeDigits(of: Int64(value))
  }

  public mutating func null() { bytes.append(contentsOf: "null".utf8) }

  // MARK: - Members

  /// `"name": "text"` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, _ text: String?) {
    key(name)
    string(text)
  }

  /// `"name": number` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, number value: Double?) {
    key(name)
    number(value)
  }

  /// `"name": integer` (or `null`) in the open object.
  public mutating func member(_ name: StaticString, integer value: Int?) {
    key(name)
    integer(value)
  }

  /// Any value, laid out as ``JSONValue/write(to:indent:level:)`` lays it out here.
  public mutating func value(_ value: JSONValue) { value.write(to: &bytes, indent: 1, level: level) }
}
