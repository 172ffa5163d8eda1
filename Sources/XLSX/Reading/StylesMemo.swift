import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What styles parts already read gave, by their exact stored bytes, for workbooks opened
/// one after another (a directory merge).
///
/// The units of one bureau fill in the template it sends them, and the programs they save
/// with rewrite `xl/styles.xml` the same way, so most files of a merge carry a styles part
/// that is byte for byte one seen before. Parsing it costs about a sixth of opening such a
/// workbook; with a memo it is parsed once per distinct part. A part is recognised only by
/// everything its reading depends on: its compressed bytes (compared in full, not by a
/// hash), compression method, flags, CRC-32 and sizes, and the ``ReadLimits`` in force. So
/// a workbook read with the memo gives exactly what it gives without it, and a part that
/// failed to read is never remembered. Bounded: at most ``capacity`` parts of at most
/// ``maxStoredBytes`` each, the oldest forgotten first. Safe to share between threads.
public final class StylesMemo: Sendable {
  /// The most parts remembered.
  public let capacity: Int
  /// The largest stored (compressed) part remembered, in bytes.
  public let maxStoredBytes: Int

  private struct Entry {
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var uncompressedSize: UInt64
    var limits: ReadLimits
    var stored: [UInt8]
    var kinds: [NumberFormatKind]

    func isFor(_ entry: ZipEntry, _ bytes: UnsafeRawBufferPointer, _ limits: ReadLimits) -> Bool {
      crc32 == entry.crc32 && stored.count == bytes.count && uncompressedSize == entry.uncompressedSize
        && method == entry.method && flags == entry.flags && self.limits == limits
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
  public init(capacity: Int = 16, maxStoredBytes: Int = 64 << 10) {
    self.capacity = capacity
    self.maxStoredBytes = maxStoredBytes
  }

  /// The number-format kinds of the styles part `entry`, stored as `bytes`, read under
  /// `limits`, if that part has been read before.
  func kinds(of entry: ZipEntry, stored bytes: UnsafeRawBufferPointer, limits: ReadLimits) -> [NumberFormatKind]? {
    state.withLock { state in
      guard let kinds = state.entries.last(where: { $0.isFor(entry, bytes, limits) })?.kinds else { return nil }
      state.hits += 1
      return kinds
    }
  }

  /// Remembers what the styles part `entry`, stored as `bytes`, gave under `limits`.
  func remember(
    _ kinds: [NumberFormatKind], of entry: ZipEntry, stored bytes: UnsafeRawBufferPointer, limits: ReadLimits
  ) {
    guard capacity > 0, bytes.count <= maxStoredBytes else { return }
    let new = Entry(
      method: entry.method, flags: entry.flags, crc32: entry.crc32, uncompressedSize: entry.uncompressedSize,
      limits: limits, stored: Array(bytes), kinds: kinds)
    state.withLock { state in
      guard !state.entries.contains(where: { $0.isFor(entry, bytes, limits) }) else { return }
      if state.entries.count >= capacity { state.entries.removeFirst() }
      state.entries.append(new)
    }
  }

  /// How many parts are remembered (for tests).
  var count: Int { state.withLock { $0.entries.count } }
  /// How many times a part was answered from the memo instead of parsed (for tests).
  var hits: Int { state.withLock { $0.hits } }
}
