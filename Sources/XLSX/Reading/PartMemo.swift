import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the small parts already read gave (the package's and the workbook's
/// relationships, the workbook part, the styles), by their exact stored bytes, for
/// workbooks opened one after another (a directory merge).
///
/// The units of one bureau fill in the template it sends them, and the programs they save
/// with write these parts the same way, so most files of a merge carry parts that are
/// byte for byte ones seen before (in the merge benchmark's 2,000 files: 4 distinct
/// `_rels/.rels`, 9 workbook relationships, 55 workbook parts, 38 styles parts). Each
/// costs libxml2 and zlib a document's start-up, and the styles about a sixth of opening
/// such a workbook; with a memo each distinct part is parsed once. A part is recognised
/// only by everything its reading depends on: what it is read as (and the part its
/// relationships belong to), its compressed bytes (compared in full, not by a hash),
/// compression method, flags, CRC-32 and sizes, and the ``ReadLimits`` in force. So a
/// workbook read with the memo gives exactly what it gives without it, and a part that
/// failed to read is never remembered. Bounded: at most ``capacity`` parts of at most
/// ``maxStoredBytes`` each, the oldest forgotten first. Safe to share between threads.
public final class PartMemo: Sendable {
  /// The most parts remembered.
  public let capacity: Int
  /// The largest stored (compressed) part remembered, in bytes.
  public let maxStoredBytes: Int

  /// What a part is read as, and what it gave.
  enum Reading: Sendable, Equatable {
    /// A relationships part of the part `source` ("" for the package's own).
    case relationships(source: String)
    case workbook
    case styles
  }

  enum Value: Sendable {
    case relationships([Relationship])
    case workbook(sheets: [WorkbookPartHandler.SheetEntry], uses1904: Bool)
    case numberFormatKinds([NumberFormatKind])
  }

  private struct Entry {
    var reading: Reading
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var uncompressedSize: UInt64
    var limits: ReadLimits
    var stored: [UInt8]
    var value: Value

    func isFor(_ reading: Reading, _ entry: ZipEntry, _ bytes: UnsafeRawBufferPointer, _ limits: ReadLimits) -> Bool {
      crc32 == entry.crc32 && stored.count == bytes.count && uncompressedSize == entry.uncompressedSize
        && method == entry.method && flags == entry.flags && self.reading == reading && self.limits == limits
        && stored.withUnsafeBytes { bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }
  }

  private struct State {
    var entries: [Entry] = []
    /// Parts answered from the memo (for tests).
    var hits = 0
  }

  private let state = Mutex(State())

  /// A memo of at most `capacity` parts of at most `maxStoredBytes` compressed bytes.
  public init(capacity: Int = 64, maxStoredBytes: Int = 64 << 10) {
    self.capacity = capacity
    self.maxStoredBytes = maxStoredBytes
  }

  /// What the part `entry`, stored as `bytes`, gave when read as `reading` under `limits`,
  /// if it has been read so before.
  func value(
    of entry: ZipEntry, readAs reading: Reading, stored bytes: UnsafeRawBufferPointer, limits: ReadLimits
  ) -> Value? {
    state.withLock { state in
      guard let value = state.entries.last(where: { $0.isFor(reading, entry, bytes, limits) })?.value else {
        return nil
      }
      state.hits += 1
      return value
    }
  }

  /// Remembers what the part `entry`, stored as `bytes`, gave when read as `reading`
  /// under `limits`.
  func remember(
    _ value: Value, of entry: ZipEntry, readAs reading: Reading, stored bytes: UnsafeRawBufferPointer,
    limits: ReadLimits
  ) {
    guard capacity > 0, bytes.count <= maxStoredBytes else { return }
    let new = Entry(
      reading: reading, method: entry.method, flags: entry.flags, crc32: entry.crc32,
      uncompressedSize: entry.uncompressedSize, limits: limits, stored: Array(bytes), value: value)
    state.withLock { state in
      guard !state.entries.contains(where: { $0.isFor(reading, entry, bytes, limits) }) else { return }
      if state.entries.count >= capacity { state.entries.removeFirst() }
      state.entries.append(new)
    }
  }

  /// How many parts are remembered (for tests).
  var count: Int { state.withLock { $0.entries.count } }
  /// How many times a part was answered from the memo instead of parsed (for tests).
  var hits: Int { state.withLock { $0.hits } }
}
