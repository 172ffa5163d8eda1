internal import CZlib

/// Writes a ZIP archive one entry at a time, deflating each entry as its bytes arrive
/// (with `compressInBackground`, on a thread of its own while the caller produces the
/// next bytes).
///
/// Every entry is raw deflate (method 8) with the DOS timestamp pinned to 1980-01-01
/// 00:00 and no file attributes, so the same entries always give the same bytes. The
/// local header is written first with zero sizes and patched once the entry ends (the
/// sink can overwrite), so there is no data descriptor. An entry that may outgrow
/// 4 GiB reserves 20 bytes of extra field in its local header: an ignorable padding
/// field that becomes the zip64 field if the sizes do not fit in 32 bits. The central
/// directory gets zip64 fields, and the archive zip64 end records, only when a size,
/// an offset or the entry count needs them.
final class ZipWriter {
  /// Where zip64 starts; lowered by tests to exercise zip64 without 4 GiB of data.
  struct Zip64Thresholds {
    /// Sizes and offsets at or above this need zip64 (classic fields hold 0xFFFFFFFF).
    var size: UInt64 = 0xFFFF_FFFF
    /// Entry counts at or above this need zip64 end records.
    var entries: Int = 0xFFFF
  }

  private struct Record {
    var name: [UInt8]
    var offset: UInt64
    var crc: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var zip64Sizes: Bool
  }

  private struct OpenEntry {
    var record: Record
    var reservedZip64: Bool
  }

  /// Header id of the padding field that holds a place for the zip64 field.
  static let paddingFieldID: UInt16 = 0xD935
  private static let zip64FieldID: UInt16 = 0x0001
  private static let dosTime: UInt16 = 0x0000  // 00:00:00
  private static let dosDate: UInt16 = 0x0021  // 1980-01-01
  private let sink: ByteSink
  private let thresholds: Zip64Thresholds
  private let deflater: EntryDeflater
  private var records: [Record] = []
  private var current: OpenEntry?
  private var finished = false
  /// Where an open entry's bytes go when they are deflated in the background.
  private var pipeline: ChunkPipeline?

  /// `level` is zlib's 0…9. With `compressInBackground`, an entry's bytes are deflated
  /// on a thread of its own while the caller produces the next ones.
  init(
    sink: ByteSink, level: Int32, thresholds: Zip64Thresholds = Zip64Thresholds(), compressInBackground: Bool = false
  ) throws(XLSXError) {
    self.sink = sink
    self.thresholds = thresholds
    let deflater = try EntryDeflater(sink: sink, level: level)
    self.deflater = deflater
    if compressInBackground {
      pipeline = try ChunkPipeline { (bytes: UnsafeRawBufferPointer) throws(XLSXError) in try deflater.add(bytes) }
    }
  }

  deinit {
    // An abandoned archive: what is still queued is of no use.
    pipeline?.stop(discardingPending: true)
  }

  /// Starts an entry; `mayExceed4GiB` reserves room for a zip64 field in its local header.
  func beginEntry(_ name: String, mayExceed4GiB: Bool) throws(XLSXError) {
    precondition(current == nil && !finished, "ZIP entries are written one at a time")
    let nameBytes = Array(name.utf8)
    let offset = sink.position
    var header = ByteWriter()
    header.uint32(0x0403_4b50)
    header.uint16(20)  // version needed: 2.0 (deflate)
    header.uint16(0)  // flags
    header.uint16(8)  // deflate
    header.uint16(Self.dosTime)
    header.uint16(Self.dosDate)
    header.uint32(0)  // CRC-32, patched
    header.uint32(0)  // compressed size, patched
    header.uint32(0)  // uncompressed size, patched
    header.uint16(UInt16(nameBytes.count))
    header.uint16(mayExceed4GiB ? 20 : 0)
    header.append(nameBytes)
    if mayExceed4GiB {
      header.uint16(Self.paddingFieldID)
      header.uint16(16)
      header.uint64(0)
      header.uint64(0)
    }
    try header.write(to: sink)
    deflater.startEntry()
    current = OpenEntry(
      record: Record(name: nameBytes, offset: offset, crc: 0, compressedSize: 0, uncompressedSize: 0, zip64Sizes: false),
      reservedZip64: mayExceed4GiB)
  }

  /// Adds bytes to the open entry.
  func write(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    guard current != nil, !bytes.isEmpty else { return }
    if let pipeline {
      try pipeline.submit(bytes)
    } else {
      try deflater.add(bytes)
    }
  }

  /// Adds bytes to the open entry.
  func write(_ bytes: [UInt8]) throws(XLSXError) {
    try withBytes(bytes) { (buffer: UnsafeRawBufferPointer) throws(XLSXError) in try write(buffer) }
  }

  /// Finishes the open entry: flushes the deflater and patches the local header.
  func endEntry() throws(XLSXError) {
    guard var entry = current else { return }
    try pipeline?.drain()
    let totals = try deflater.finishEntry()
    entry.record.crc = totals.crc
    entry.record.compressedSize = totals.compressedSize
    entry.record.uncompressedSize = totals.uncompressedSize

    let needsZip64 =
      entry.record.compressedSize >= thresholds.size || entry.record.uncompressedSize >= thresholds.size
    var patch = ByteWriter()
    if needsZip64 {
      guard entry.reservedZip64 else {
        throw XLSXError(.io, "部件超过 4 GiB，但没有为 zip64 预留空间", part: String(decoding: entry.record.name, as: UTF8.self))
      }
      entry.record.zip64Sizes = true
      patch.uint16(45)  // version needed: 4.5 (zip64)
      try sink.overwrite(at: entry.record.offset + 4, with: patch.bytes)
      patch = ByteWriter()
      patch.uint32(entry.record.crc)
      patch.uint32(0xFFFF_FFFF)
      patch.uint32(0xFFFF_FFFF)
      try sink.overwrite(at: entry.record.offset + 14, with: patch.bytes)
      patch = ByteWriter()
      patch.uint16(Self.zip64FieldID)
      patch.uint16(16)
      patch.uint64(entry.record.uncompressedSize)
      patch.uint64(entry.record.compressedSize)
      try sink.overwrite(at: entry.record.offset + 30 + UInt64(entry.record.name.count), with: patch.bytes)
    } else {
      patch.uint32(entry.record.crc)
      patch.uint32(UInt32(entry.record.compressedSize))
      patch.uint32(UInt32(entry.record.uncompressedSize))
      try sink.overwrite(at: entry.record.offset + 14, with: patch.bytes)
    }
    records.append(entry.record)
    current = nil
  }

  /// Writes a whole entry.
  func addEntry(_ name: String, _ bytes: [UInt8]) throws(XLSXError) {
    try beginEntry(name, mayExceed4GiB: false)
    try write(bytes)
    try endEntry()
  }

  /// Writes the central directory and the end records, and flushes the sink.
  func finish() throws(XLSXError) {
    precondition(current == nil, "an entry is still open")
    guard !finished else { return }
    finished = true
    pipeline?.stop(discardingPending: false)
    pipeline = nil
    let directoryOffset = sink.position
    var directory = ByteWriter()
    for record in records {
      let offsetNeedsZip64 = record.offset >= thresholds.size
      var extra = ByteWriter()
      if record.zip64Sizes || offsetNeedsZip64 {
        if record.zip64Sizes {
          extra.uint64(record.uncompressedSize)
          extra.uint64(record.compressedSize)
        }
        if offsetNeedsZip64 { extra.uint64(record.offset) }
      }
      let zip64 = !extra.bytes.isEmpty
      let version: UInt16 = zip64 ? 45 : 20
      directory.uint32(0x0201_4b50)
      directory.uint16(version)  // made by: MS-DOS host, same version
      directory.uint16(version)  // needed
      directory.uint16(0)
      directory.uint16(8)
      directory.uint16(Self.dosTime)
      directory.uint16(Self.dosDate)
      directory.uint32(record.crc)
      directory.uint32(record.zip64Sizes ? 0xFFFF_FFFF : UInt32(record.compressedSize))
      directory.uint32(record.zip64Sizes ? 0xFFFF_FFFF : UInt32(record.uncompressedSize))
      directory.uint16(UInt16(record.name.count))
      directory.uint16(zip64 ? UInt16(4 + extra.bytes.count) : 0)
      directory.uint16(0)  // comment
      directory.uint16(0)  // disk
      directory.uint16(0)  // internal attributes
      directory.uint32(0)  // external attributes
      directory.uint32(offsetNeedsZip64 ? 0xFFFF_FFFF : UInt32(record.offset))
      directory.append(record.name)
      if zip64 {
        directory.uint16(Self.zip64FieldID)
        directory.uint16(UInt16(extra.bytes.count))
        directory.append(extra.bytes)
      }
      if directory.bytes.count >= 1 << 16 {
        try directory.write(to: sink)
        directory = ByteWriter()
      }
    }
    try directory.write(to: sink)
    let directoryEnd = sink.position
    let directorySize = directoryEnd - directoryOffset
    let count = records.count

    var end = ByteWriter()
    let needsZip64End =
      count >= thresholds.entries || directoryOffset >= thresholds.size || directorySize >= thresholds.size
    if needsZip64End {
      end.uint32(0x0606_4b50)
      end.uint64(44)  // size of the rest of this record
      end.uint16(45)
      end.uint16(45)
      end.uint32(0)  // this disk
      end.uint32(0)  // directory's disk
      end.uint64(UInt64(count))
      end.uint64(UInt64(count))
      end.uint64(directorySize)
      end.uint64(directoryOffset)
      end.uint32(0x0706_4b50)  // locator
      end.uint32(0)
      end.uint64(directoryEnd)
      end.uint32(1)  // disks
    }
    end.uint32(0x0605_4b50)
    end.uint16(0)
    end.uint16(0)
    let classicCount: UInt16 = count >= thresholds.entries ? 0xFFFF : UInt16(count)
    end.uint16(classicCount)
    end.uint16(classicCount)
    end.uint32(directorySize >= thresholds.size ? 0xFFFF_FFFF : UInt32(directorySize))
    end.uint32(directoryOffset >= thresholds.size ? 0xFFFF_FFFF : UInt32(directoryOffset))
    end.uint16(0)  // comment
    try end.write(to: sink)
    try sink.flush()
  }
}

/// Deflates the bytes of one ZIP entry after another into the sink, keeping the entry's
/// CRC-32 and sizes. Apart from the archive's headers, so that it can run on the thread
/// of a ``ChunkPipeline``.
private final class EntryDeflater: @unchecked Sendable {
  private static let outputCapacity = 128 << 10
  /// zlib's memory level: 7 gives a hash table of 16 K entries rather than the default
  /// 8's 32 K. At the fast levels deflate spends much of its time sliding that table
  /// every 32 KiB of input; on a 200-file merge's workbook the smaller one took 6 M fewer
  /// instructions (about 12% of deflate's) for a file 0.1% larger.
  private static let memoryLevel: Int32 = 7

  private let sink: ByteSink
  private let stream: UnsafeMutablePointer<z_stream>
  private let output: UnsafeMutablePointer<UInt8>
  private var lastStatus: Int32 = Z_OK
  private var crc: UInt32 = 0
  private var compressedSize: UInt64 = 0
  private var uncompressedSize: UInt64 = 0

  init(sink: ByteSink, level: Int32) throws(XLSXError) {
    self.sink = sink
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    output = .allocate(capacity: Self.outputCapacity)
    // Raw deflate (-15: no zlib header), zlib's default strategy.
    guard jx_deflateInit2(stream, level, -15, Self.memoryLevel, Z_DEFAULT_STRATEGY) == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      output.deallocate()
      throw XLSXError(.io, "无法初始化 zlib 压缩（级别 \(level)）")
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    output.deallocate()
  }

  func startEntry() {
    crc = 0
    compressedSize = 0
    uncompressedSize = 0
  }

  func add(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    guard !bytes.isEmpty else { return }
    crc = CRC32.update(crc, with: bytes)
    uncompressedSize += UInt64(bytes.count)
    stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress!.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(bytes.count)
    repeat {
      compressedSize += try deflateStep(Z_NO_FLUSH)
    } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
  }

  /// Flushes the entry's last compressed bytes; its CRC-32 and sizes.
  func finishEntry() throws(XLSXError) -> (crc: UInt32, compressedSize: UInt64, uncompressedSize: UInt64) {
    stream.pointee.next_in = nil
    stream.pointee.avail_in = 0
    repeat {
      compressedSize += try deflateStep(Z_FINISH)
    } while lastStatus != Z_STREAM_END
    deflateReset(stream)
    return (crc, compressedSize, uncompressedSize)
  }

  /// Runs deflate once over the pending input into the output buffer and writes what it
  /// produced; returns the number of compressed bytes.
  private func deflateStep(_ flush: Int32) throws(XLSXError) -> UInt64 {
    stream.pointee.next_out = output
    stream.pointee.avail_out = uInt(Self.outputCapacity)
    let status = deflate(stream, flush)
    guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
      throw XLSXError(.io, "zlib 压缩失败（\(status)）")
    }
    lastStatus = status
    let produced = Self.outputCapacity - Int(stream.pointee.avail_out)
    if produced > 0 {
      try sink.write(UnsafeRawBufferPointer(start: output, count: produced))
    }
    return UInt64(produced)
  }
}

/// Little-endian fields for ZIP headers.
struct ByteWriter {
  private(set) var bytes: [UInt8] = []

  mutating func uint16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
  }

  mutating func uint32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  mutating func uint64(_ value: UInt64) {
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
  }

  mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

  func write(to sink: ByteSink) throws(XLSXError) {
    try withBytes(bytes) { (buffer: UnsafeRawBufferPointer) throws(XLSXError) in try sink.write(buffer) }
  }
}
