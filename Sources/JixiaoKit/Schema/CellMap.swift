#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XLSX

/// Field → A1 reference of the cell a value was read from (`score` → `H14`), for
/// tracing. Kept as one short byte buffer rather than a dictionary: every indicator has
/// one, and a merge of ten thousand workbooks holds hundreds of thousands of them (a
/// dictionary of eight entries costs several times the memory).
public struct CellMap: Sendable, Equatable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
  /// UTF-8 `key 0x1F value 0x1E` entries sorted by key (bytewise, which is the order of
  /// `String` for the ASCII field names used). Neither byte occurs in field names or A1
  /// references.
  private var storage: [UInt8] = []
  private static let keyEnd: UInt8 = 0x1F
  private static let entryEnd: UInt8 = 0x1E

  public init() {}

  public init(dictionaryLiteral elements: (String, String)...) {
    for (key, value) in elements { self[key] = value }
  }

  /// The reference stored for `key`; setting nil removes it.
  public subscript(key: String) -> String? {
    get {
      let (range, found) = locate(key)
      guard found else { return nil }
      let valueStart = storage[range].firstIndex(of: Self.keyEnd)! + 1
      return String(decoding: storage[valueStart..<(range.upperBound - 1)], as: UTF8.self)
    }
    set {
      replace(key) { entry in
        guard let newValue else { return false }
        entry.append(contentsOf: newValue.utf8)
        return true
      }
    }
  }

  /// Stores `reference` (in A1 form) for `key`.
  public mutating func set(_ key: String, _ reference: CellReference) {
    replace(key) { entry in
      reference.appendA1(to: &entry)
      return true
    }
  }

  /// Replaces the entry of `key` with `key`, the value `writeValue` appends, or nothing
  /// when it returns false.
  private mutating func replace(_ key: String, _ writeValue: (inout [UInt8]) -> Bool) {
    let (range, found) = locate(key)
    var entry: [UInt8] = []
    entry.reserveCapacity(key.utf8.count + 12)
    entry.append(contentsOf: key.utf8)
    entry.append(Self.keyEnd)
    if writeValue(&entry) {
      entry.append(Self.entryEnd)
    } else {
      entry = []
    }
    if !found && range.lowerBound == storage.count {
      storage.append(contentsOf: entry)
    } else {
      storage.replaceSubrange(found ? range : range.lowerBound..<range.lowerBound, with: entry)
    }
  }

  public var isEmpty: Bool { storage.isEmpty }

  public var count: Int { storage.reduce(0) { $0 + ($1 == Self.entryEnd ? 1 : 0) } }

  /// Entries in key order.
  public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
    var entries: [(key: String, value: String)] = []
    var start = 0
    while start < storage.count {
      let keyEnd = storage[start...].firstIndex(of: Self.keyEnd)!
      let entryEnd = storage[keyEnd...].firstIndex(of: Self.entryEnd)!
      entries.append(
        (String(decoding: storage[start..<keyEnd], as: UTF8.self), String(decoding: storage[(keyEnd + 1)..<entryEnd], as: UTF8.self)))
      start = entryEnd + 1
    }
    return entries.makeIterator()
  }

  /// Calls `body` with each entry's key and value as UTF-8, in key order, without making
  /// strings (for writing JSON).
  public func forEachUTF8(_ body: (_ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void) {
    storage.withUnsafeBufferPointer { storage in
      var start = 0
      while start < storage.count {
        var keyEnd = start
        while storage[keyEnd] != Self.keyEnd { keyEnd += 1 }
        var entryEnd = keyEnd + 1
        while storage[entryEnd] != Self.entryEnd { entryEnd += 1 }
        body(UnsafeBufferPointer(rebasing: storage[start..<keyEnd]), UnsafeBufferPointer(rebasing: storage[(keyEnd + 1)..<entryEnd]))
        start = entryEnd + 1
      }
    }
  }

  /// The entry for `key` (found) or the empty range where it would go.
  private func locate(_ key: String) -> (range: Range<Int>, found: Bool) {
    var key = key
    return key.withUTF8 { key in
      storage.withUnsafeBufferPointer { storage in
        var start = 0
        while start < storage.count {
          var keyEnd = start
          while storage[keyEnd] != Self.keyEnd { keyEnd += 1 }
          var entryEnd = keyEnd
          while storage[entryEnd] != Self.entryEnd { entryEnd += 1 }
          entryEnd += 1
          // Compare the entry's key with `key` bytewise.
          let length = keyEnd - start
          let common = Swift.min(length, key.count)
          let order = common == 0 ? 0 : memcmp(storage.baseAddress! + start, key.baseAddress!, common)
          if order == 0 && length == key.count { return (start..<entryEnd, true) }
          if order > 0 || (order == 0 && key.count < length) { return (start..<start, false) }
          start = entryEnd
        }
        return (start..<start, false)
      }
    }
  }
}
