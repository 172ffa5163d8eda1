/// The name of an element or attribute as libxml2 hands it over: a NUL-terminated
/// UTF-8 local name, without its prefix. Compare it with ``is(_:)``; no `String` is made.
struct XMLName {
  let local: UnsafePointer<UInt8>

  /// Whether the local name equals `name` (an ASCII literal).
  @inline(__always)
  func `is`(_ name: StaticString) -> Bool {
    let expected = name.utf8Start
    let count = name.utf8CodeUnitCount
    var index = 0
    while index < count {
      if local[index] != expected[index] { return false }
      index += 1
    }
    return local[count] == 0
  }

  var string: String { String(cString: local) }
}

/// The attributes of a start tag, as libxml2's SAX2 array of
/// (localname, prefix, URI, value, end) pointer quintuples.
struct XMLAttributes {
  let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
  let count: Int

  /// The raw value bytes of the attribute with local name `name` and no namespace
  /// (or with any namespace if `anyNamespace`).
  @inline(__always)
  func value(_ name: StaticString, anyNamespace: Bool = false) -> UnsafeBufferPointer<UInt8>? {
    guard let base else { return nil }
    var index = 0
    while index < count {
      let slot = base + index * 5
      if let local = slot[0], XMLName(local: local).is(name), anyNamespace || slot[2] == nil,
        let start = slot[3], let end = slot[4]
      {
        return UnsafeBufferPointer(start: start, count: end - start)
      }
      index += 1
    }
    return nil
  }

  /// The value of `name` decoded as a `String`.
  func string(_ name: StaticString, anyNamespace: Bool = false) -> String? {
    value(name, anyNamespace: anyNamespace).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The value of an attribute in a namespace whose URI ends with `suffix`
  /// (`r:id` is `id` in `…/relationships`, in both transitional and strict packages).
  func string(_ name: StaticString, namespaceSuffix suffix: StaticString) -> String? {
    guard let base else { return nil }
    for index in 0..<count {
      let slot = base + index * 5
      guard let local = slot[0], XMLName(local: local).is(name), let uri = slot[2],
        String(cString: uri).hasSuffix(suffix.description), let start = slot[3], let end = slot[4]
      else { continue }
      return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
    }
    return nil
  }
}

/// Receives the events of one streamed XML part. Subclasses override what they need.
///
/// The callbacks cannot throw (they run inside libxml2); a handler that meets bad data
/// calls ``fail(_:)``, which stops the parser, and the parser rethrows the error.
class SAXHandler {
  /// The first error met; parsing stops when it is set.
  private(set) var failure: XLSXError?
  /// Called by the parser to stop itself when ``fail(_:)`` is used.
  var stop: () -> Void = {}
  /// The libxml2 context parsing the part, while the handler is bound to it (set by the
  /// parser), for ``bytePosition()``: a pointer, where a closure capturing it was retained
  /// and released on every call.
  final var parserContext: UnsafeMutableRawPointer?
  /// How deep the parser is in the element tree; parts of a workbook nest a few levels.
  final var depth = 0
  /// Deepest nesting accepted (libxml2's own default limit).
  static let maxDepth = 256

  func startElement(_ name: XMLName, _ attributes: XMLAttributes) {}
  func endElement(_ name: XMLName) {}
  func characters(_ text: UnsafeBufferPointer<UInt8>) {}

  /// libxml2 found the part malformed (`error`): a handler may first finish what the
  /// events before the fault would have, then it fails.
  func malformed(_ error: XLSXError) { fail(error) }

  /// Records `error` (the first one wins) and stops the parser.
  final func fail(_ error: XLSXError) {
    if failure == nil { failure = error }
    stop()
  }
}
