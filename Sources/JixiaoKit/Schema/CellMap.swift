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

  /// A map of `entries`, built in one go: an indicator's eight or so cells cost one
  /// allocation instead of eight insertions, and no strings. The entries are sorted in
  /// place; a key given twice keeps its last reference.
  init(_ entries: UnsafeMutableBufferPointer<(key: StaticString, reference: CellReference)>) {
    // Insertion sort (a handful of entries, usually given in order already); stable, so
    // of equal keys the last given stays last, and is the one kept below.
    for index in entries.indices.dropFirst() where Self.precedes(entries[index].key, entries[index - 1].key) {
      let entry = entries[index]
      var position = index
      while position > 0, Self.precedes(entry.key, entries[position - 1].key) {
        entries[position] = entries[position - 1]
        position -= 1
      }
      entries[position] = entry
    }
    var unique = 0
    for index in entries.indices
    where index + 1 == entries.count || Self.compare(entries[index + 1].key, entries[index].key) != 0 {
      entries[unique] = entries[index]
      unique += 1
    }
    self.init(sortedEntries: UnsafeBufferPointer(rebasing: entries[..<unique]))
  }

  /// A map of `entries` given in key order, each key once (what the caller knows when it
  /// goes through the fields in order: the table finder, for every indicator).
  init(sortedEntries entries: UnsafeBufferPointer<(key: StaticString, reference: CellReference)>) {
    assert(zip(entries, entries.dropFirst()).allSatisfy { Self.precedes($0.key, $1.key) }, "keys out of order")
    // Written on the stack first, then copied into a buffer of the exact size (a merge
    // holds hundreds of thousands of these maps).
    var bound = 0
    for entry in entries { bound += entry.key.utf8CodeUnitCount + 2 + CellReference.maxA1Length }
    storage = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
      var count = 0
      for entry in entries {
        count += entry.key.withUTF8Buffer {
          UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(fromContentsOf: $0)
        }
        buffer[count] = Self.keyEnd
        count += 1
        count += entry.reference.writeA1(into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
        buffer[count] = Self.entryEnd
        count += 1
      }
      return Array(UnsafeBufferPointer(rebasing: buffer[..<count]))
    }
  }

  /// Bytewise order of two keys (what ``locate(_:)`` keeps).
  private static func compare(_ left: StaticString, _ right: StaticString) -> Int32 {
    left.withUTF8Buffer { left in right.withUTF8Buffer { right in ByteKey.order(left, right) } }
  }

  private static func precedes(_ left: StaticString, _ right: StaticString) -> Bool {
    compare(left, right) < 0
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
      guard var newValue else { return replace(key, value: nil) }
      newValue.withUTF8 { replace(key, value: $0) }
    }
  }

  /// Stores `reference` (in A1 form) for `key`.
  public mutating func set(_ key: String, _ reference: CellReference) {
    reference.withA1Bytes { replace(key, value: $0) }
  }

  /// Replaces the entry of `key` with `key` and `value`, or removes it when `value` is nil.
  /// (The entry is put together on the stack: every indicator sets about eight.)
  private mutating func replace(_ key: String, value: UnsafeBufferPointer<UInt8>?) {
    let (range, found) = locate(key)
    guard let value else {
      if found { storage.removeSubrange(range) }
      return
    }
    var key = key
    key.withUTF8 { key in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: key.count + value.count + 2) { entry in
        _ = entry.initialize(fromContentsOf: key)
        entry[key.count] = Self.keyEnd
        _ = UnsafeMutableBufferPointer(rebasing: entry[(key.count + 1)...]).initialize(fromContentsOf: value)
        entry[entry.count - 1] = Self.entryEnd
        let bytes = UnsafeBufferPointer(entry)
        if found {
          storage.replaceSubrange(range, with: bytes)
        } else if range.lowerBound == storage.count {
          storage.append(contentsOf: bytes)
        } else {
          storage.insert(contentsOf: bytes, at: range.lowerBound)
        }
      }
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

  /// Calls `body` with the entries as they are stored, UTF-8 `key keyEnd value entryEnd`
  /// each, in key order: for writing JSON straight from the bytes.
  public func withEntryBytes(
    _ body: (_ entries: UnsafeBufferPointer<UInt8>, _ keyEnd: UInt8, _ entryEnd: UInt8) -> Void
  ) {
    storage.withUnsafeBufferPointer { body($0, Self.keyEnd, Self.entryEnd) }
  }

  /// The entry for `key` (found) or the empty range where it would go. Each entry's key
  /// is compared with `key` byte by byte as the entry is walked, in one pass.
  private func locate(_ key: String) -> (range: Range<Int>, found: Bool) {
    var key = key
    return key.withUTF8 { key in
      storage.withUnsafeBufferPointer { storage in
        var start = 0
        while start < storage.count {
          // How many bytes the entry's key shares with `key` from the start.
          var shared = 0
          while shared < key.count, storage[start + shared] != Self.keyEnd, storage[start + shared] == key[shared] {
            shared += 1
          }
          let keyEnds = storage[start + shared] == Self.keyEnd
          var entryEnd = start + shared
          while storage[entryEnd] != Self.entryEnd { entryEnd += 1 }
          entryEnd += 1
          if keyEnds && shared == key.count { return (start..<entryEnd, true) }
          // The entry comes after `key` when `key` is a prefix of its key or its first
          // differing byte is greater.
          let entryFollows = !keyEnds && (shared == key.count || storage[start + shared] > key[shared])
          if entryFollows { return (start..<start, false) }
          start = entryEnd
        }
        return (start..<start, false)
      }
    }
  }
}
