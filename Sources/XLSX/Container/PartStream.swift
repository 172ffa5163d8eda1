internal import CZlib

/// The uncompressed bytes of one ZIP entry, produced chunk by chunk, so that a
/// worksheet of any size passes through a fixed amount of memory.
///
/// Checks as it goes: the part may not grow past its declared size or the limits, and
/// its CRC-32 is compared with the directory's when the last chunk has been produced.
final class PartStream {
  static let chunkSize = 64 << 10
  /// The longest match deflate writes; zlib's fast decoding loop needs this much output room.
  static let longestMatch: UInt64 = 258

  private let entry: ZipEntry
  private let compressed: UnsafeRawBufferPointer
  private let fileName: String
  private let limit: UInt64
  private var stream: UnsafeMutablePointer<z_stream>?
  private var output: UnsafeMutableRawBufferPointer?
  private var storedOffset = 0
  private var produced: UInt64 = 0
  private var crc: UInt32 = 0
  /// True once the last chunk has been produced (and checked).
  private(set) var finished = false

  init(
    entry: ZipEntry, compressed: UnsafeRawBufferPointer, archive: ArchiveBytes,
    limits: ReadLimits, fileName: String
  ) throws(XLSXError) {
    self.entry = entry
    self.compressed = compressed
    self.fileName = fileName
    self.limit = min(entry.uncompressedSize, limits.maxPartSize)
    guard entry.uncompressedSize <= limits.maxPartSize else {
      throw XLSXError(
        .limitExceeded, "部件解压后 \(entry.uncompressedSize) 字节，超过单个部件上限 \(limits.maxPartSize) 字节",
        file: fileName, part: entry.name)
    }
    if entry.uncompressedSize > limits.ratioCheckThreshold,
      entry.uncompressedSize / max(entry.compressedSize, 1) > limits.maxCompressionRatio
    {
      throw XLSXError(
        .limitExceeded,
        "压缩比 \(entry.uncompressedSize / max(entry.compressedSize, 1)):1 超过上限 \(limits.maxCompressionRatio):1（疑似压缩炸弹）",
        file: fileName, part: entry.name)
    }
    switch entry.method {
    case ZipEntry.stored:
      guard entry.compressedSize == entry.uncompressedSize else {
        throw XLSXError(.corruptZip, "ZIP 结构损坏：未压缩条目的大小不一致", file: fileName, part: entry.name)
      }
    case ZipEntry.deflated:
      let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      stream.initialize(to: z_stream())
      guard jx_inflateInit2(stream, -MAX_WBITS) == Z_OK else {
        stream.deallocate()
        throw XLSXError(.io, "zlib 初始化失败", file: fileName, part: entry.name)
      }
      stream.pointee.next_in = UnsafeMutablePointer(mutating: compressed.baseAddress?.assumingMemoryBound(to: Bytef.self))
      stream.pointee.avail_in = 0
      self.stream = stream
      // A small part needs no more than its own size, plus room for zlib's fast loop,
      // which only runs while a longest match (258 bytes) still fits in the output:
      // without it the last few hundred bytes of every part are decoded one by one.
      let size = Int(min(UInt64(Self.chunkSize), entry.uncompressedSize + Self.longestMatch))
      self.output = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
    default:
      throw XLSXError(
        .unsupportedCompression, "不支持的压缩方法 \(entry.method)（只支持存储和 deflate）",
        file: fileName, part: entry.name)
    }
  }

  deinit {
    if let stream {
      inflateEnd(stream)
      stream.deallocate()
    }
    output?.deallocate()
  }

  /// Whether chunks are inflated into the stream's own buffer (see ``nextWritable()``); a
  /// stored entry's chunks are the archive's bytes, which may be mapped read-only.
  var inflates: Bool { stream != nil }

  /// ``next()`` in the stream's own buffer, which the caller may rewrite until the next
  /// call: zlib keeps its own copy of what later chunks refer back to, and the CRC-32 has
  /// been taken. Only when ``inflates``.
  func nextWritable() throws(XLSXError) -> UnsafeMutableRawBufferPointer? {
    precondition(inflates, "a stored entry's bytes are the archive's")
    return try next().map { UnsafeMutableRawBufferPointer(mutating: $0) }
  }

  /// The next chunk of uncompressed bytes (valid until the next call), or nil at the end.
  func next() throws(XLSXError) -> UnsafeRawBufferPointer? {
    if finished { return nil }
    let chunk: UnsafeRawBufferPointer
    if let stream, let output {
      chunk = try inflateChunk(stream, into: output)
    } else {
      let count = min(Self.chunkSize, compressed.count - storedOffset)
      chunk = UnsafeRawBufferPointer(rebasing: compressed[storedOffset..<(storedOffset + count)])
      storedOffset += count
      if storedOffset == compressed.count { finished = true }
    }
    produced += UInt64(chunk.count)
    if produced > limit { throw sizeError() }
    crc = CRC32.update(crc, with: chunk)
    if finished { try verify() }
    return chunk.isEmpty && finished ? nil : chunk
  }

  private func inflateChunk(
    _ stream: UnsafeMutablePointer<z_stream>, into output: UnsafeMutableRawBufferPointer
  ) throws(XLSXError) -> UnsafeRawBufferPointer {
    stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = uInt(output.count)
    while stream.pointee.avail_out > 0 {
      if stream.pointee.avail_in == 0 {
        // Feed the input in slices that fit zlib's 32-bit counter.
        let consumed = UnsafeRawPointer(stream.pointee.next_in!) - compressed.baseAddress!
        let remaining = compressed.count - consumed
        stream.pointee.avail_in = uInt(min(remaining, 1 << 30))
      }
      // Z_FINISH: when the rest of the part fits in `output` (always, for a small part),
      // zlib skips copying it into a 32 KB sliding window that it would allocate first.
      // A call that does not reach the end then returns Z_BUF_ERROR instead of Z_OK.
      let status = inflate(stream, Z_FINISH)
      if status == Z_STREAM_END {
        finished = true
        break
      }
      if status == Z_BUF_ERROR {
        if stream.pointee.avail_out == 0 { break }  // the chunk is full
        let consumed = UnsafeRawPointer(stream.pointee.next_in!) - compressed.baseAddress!
        if stream.pointee.avail_in == 0 && consumed < compressed.count { continue }  // the next slice
        throw XLSXError(.corruptZip, "ZIP 结构损坏：压缩数据被截断", file: fileName, part: entry.name)
      }
      guard status == Z_OK else {
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "代码 \(status)"
        throw XLSXError(.corruptZip, "ZIP 结构损坏：解压失败（\(reason)）", file: fileName, part: entry.name)
      }
      if UInt64(output.count) - UInt64(stream.pointee.avail_out) + produced > limit { break }
    }
    return UnsafeRawBufferPointer(rebasing: output[0..<(output.count - Int(stream.pointee.avail_out))])
  }

  private func sizeError() -> XLSXError {
    if produced > entry.uncompressedSize {
      return XLSXError(
        .checksumMismatch, "部件实际大小超过目录中记录的 \(entry.uncompressedSize) 字节", file: fileName,
        part: entry.name)
    }
    return XLSXError(.limitExceeded, "部件解压后超过上限 \(limit) 字节", file: fileName, part: entry.name)
  }

  private func verify() throws(XLSXError) {
    guard produced == entry.uncompressedSize else {
      throw XLSXError(
        .checksumMismatch, "部件解压后 \(produced) 字节，与目录中记录的 \(entry.uncompressedSize) 字节不符",
        file: fileName, part: entry.name)
    }
    guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
      throw XLSXError(.checksumMismatch, "部件的 CRC-32 校验失败，文件已损坏", file: fileName, part: entry.name)
    }
  }
}
