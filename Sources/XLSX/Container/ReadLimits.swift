/// Bounds that keep a hostile or damaged workbook from exhausting memory or time.
///
/// Every limit is checked before or while the bytes are produced, so a zip bomb stops
/// with ``XLSXError/Code/limitExceeded`` long before it is inflated. `docs/security.md`
/// lists the defaults and why they were chosen.
public struct ReadLimits: Sendable, Equatable {
  /// Largest uncompressed size of one part (default 1 GiB).
  public var maxPartSize: UInt64 = 1 << 30
  /// Largest sum of the uncompressed sizes of all parts (default 1 GiB).
  public var maxTotalSize: UInt64 = 1 << 30
  /// Largest uncompressed / compressed ratio of a part bigger than
  /// ``ratioCheckThreshold`` (default 1000; real sheets stay below 100).
  public var maxCompressionRatio: UInt64 = 1000
  /// Parts smaller than this are not subject to the ratio check (default 1 MiB).
  public var ratioCheckThreshold: UInt64 = 1 << 20
  /// Largest number of entries in the ZIP directory (default 100,000).
  public var maxEntries: Int = 100_000
  /// Longest text of one cell or shared string, in bytes of UTF-8 (default 32 MiB).
  public var maxTextLength: Int = 32 << 20
  /// Largest number of shared strings (default 5,000,000): empty `<si/>` entries cost
  /// five bytes each in the file but a slot each in memory, so a small file could
  /// otherwise fill gigabytes.
  public var maxSharedStrings: Int = 5_000_000

  /// The defaults.
  public init() {}
}
