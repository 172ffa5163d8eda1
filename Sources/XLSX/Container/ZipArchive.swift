/// A read-only view of a ZIP archive held in memory: its central directory and a
/// lookup of entries by package part name.
///
/// Lookup is exact first, then case-insensitive and tolerant of backslashes, because
/// producers disagree on both (`xl\worksheets\sheet1.xml`, `xl/worksheets/Sheet1.xml`).
struct ZipArchive: Sendable {
  let bytes: ArchiveBytes
  let entries: [ZipEntry]
  let limits: ReadLimits
  /// File name for errors.
  let fileName: String
  /// The first entry of each lookup key (``ZipEntry/lookupKey``).
  private let foldedIndex: [String: Int]
  /// The first entry of each exact name; only built when two entries share a lookup key,
  /// since otherwise the folded index finds the exact match too (it has the same key).
  private let exactIndex: [String: Int]?

  private static let endOfDirectorySignature: UInt32 = 0x0605_4b50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
  private static let zip64EndSignature: UInt32 = 0x0606_4b50
  private static let directoryEntrySignature: UInt32 = 0x0201_4b50
  private static let localHeaderSignature: UInt32 = 0x0403_4b50

  init(bytes: ArchiveBytes, fileName: String, limits: ReadLimits) throws(XLSXError) {
    self.bytes = bytes
    self.fileName = fileName
    self.limits = limits
    let startsLikeZip = try FileSignature.check(bytes, fileName: fileName)
    let directory: Directory
    do {
      directory = try Self.locateDirectory(in: bytes, fileName: fileName, limits: limits)
    } catch {
      throw startsLikeZip || error.code != .corruptZip ? error : FileSignature.notAZip(bytes, fileName: fileName)
    }
    var entries: [ZipEntry] = []
    entries.reserveCapacity(directory.count)
    var offset = directory.offset
    for _ in 0..<directory.count {
      let (entry, next) = try Self.readDirectoryEntry(
        in: bytes, at: offset, shift: directory.shift, fileName: fileName)
      entries.append(entry)
      offset = next
    }
    try Self.checkSizes(of: entries, limits: limits, fileName: fileName)
    try Self.checkNoOverlap(entries, directoryOffset: directory.offset, fileName: fileName)

    // One dictionary where two would do the same work twice: hashing a name costs a few
    // hundred instructions, and a small workbook has about ten entries. Backwards, so
    // that of several entries with one key the first is kept.
    var folded: [String: Int] = [:]
    folded.reserveCapacity(entries.count)
    var files = 0
    for index in entries.indices.reversed() where !entries[index].isDirectory {
      folded[entries[index].lookupKey] = index
      files += 1
    }
    var exact: [String: Int]?
    if folded.count < files {
      var index: [String: Int] = [:]
      for (position, entry) in entries.enumerated().reversed() where !entry.isDirectory {
        index[entry.name] = position
      }
      exact = index
    }
    self.entries = entries
    self.foldedIndex = folded
    self.exactIndex = exact
  }

  /// The entry for a part path such as `xl/workbook.xml` (no leading slash).
  func entry(named path: String) -> ZipEntry? {
    if let index = exactIndex?[path] { return entries[index] }
    return foldedIndex[ZipEntry.lookupKey(path)].map { entries[$0] }
  }

  /// A stream over the uncompressed bytes of `entry`.
  func stream(_ entry: ZipEntry) throws(XLSXError) -> PartStream {
    let data = try compressedData(of: entry)
    return try PartStream(entry: entry, compressed: data, archive: bytes, limits: limits, fileName: fileName)
  }

  /// All uncompressed bytes of `entry` (for small parts: rels, workbook, styles).
  func contents(of entry: ZipEntry) throws(XLSXError) -> [UInt8] {
    let stream = try stream(entry)
    var result: [UInt8] = []
    result.reserveCapacity(Int(min(entry.uncompressedSize, 1 << 24)))
    while let chunk = try stream.next() { result.append(contentsOf: chunk) }
    return result
  }

  // MARK: - Directory

  private struct Directory {
    var offset: Int
    var count: Int
    /// Bytes prepended to the archive (self-extractors, broken writers).
    var shift: Int
  }

  private static func corrupt(_ message: String, _ fileName: String, part: String? = nil) -> XLSXError {
    XLSXError(.corruptZip, "ZIP 结构损坏：\(message)", file: fileName, part: part)
  }

  private static func locateDirectory(
    in bytes: ArchiveBytes, fileName: String, limits: ReadLimits
  ) throws(XLSXError) -> Directory {
    let minimumRecord = 22
    guard bytes.count >= minimumRecord else { throw corrupt("文件太短，没有中央目录结尾记录", fileName) }
    // The end record sits in the last 22 + 65,535 (comment) bytes; prefer the one whose
    // comment runs exactly to the end of the file.
    var candidate: Int?
    var position = bytes.count - minimumRecord
    let lowest = max(0, bytes.count - minimumRecord - 0xFFFF)
    while position >= lowest {
      if bytes.integer(at: position, as: UInt32.self) == endOfDirectorySignature {
        let commentLength = Int(bytes.integer(at: position + 20, as: UInt16.self) ?? 0)
        if position + minimumRecord + commentLength == bytes.count { candidate = position; break }
        if candidate == nil { candidate = position }
      }
      position -= 1
    }
    guard let end = candidate else { throw corrupt("找不到中央目录结尾记录", fileName) }

    var count = Int(bytes.integer(at: end + 10, as: UInt16.self)!)
    var size = UInt64(bytes.integer(at: end + 12, as: UInt32.self)!)
    var offset = UInt64(bytes.integer(at: end + 16, as: UInt32.self)!)
    var recordStart = end
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF,
      end >= 20, bytes.integer(at: end - 20, as: UInt32.self) == zip64LocatorSignature
    {
      guard let zip64Offset = bytes.integer(at: end - 12, as: UInt64.self),
        zip64Offset < UInt64(bytes.count),
        bytes.integer(at: Int(zip64Offset), as: UInt32.self) == zip64EndSignature,
        let count64 = bytes.integer(at: Int(zip64Offset) + 32, as: UInt64.self),
        let size64 = bytes.integer(at: Int(zip64Offset) + 40, as: UInt64.self),
        let offset64 = bytes.integer(at: Int(zip64Offset) + 48, as: UInt64.self)
      else { throw corrupt("zip64 中央目录结尾记录无效", fileName) }
      guard count64 <= UInt64(Int.max) else { throw corrupt("条目数无效", fileName) }
      count = Int(count64)
      size = size64
      offset = offset64
      recordStart = Int(zip64Offset)
    }
    guard count <= limits.maxEntries else {
      throw XLSXError(
        .limitExceeded, "ZIP 条目数 \(count) 超过上限 \(limits.maxEntries)", file: fileName)
    }
    // Each directory entry takes at least 46 bytes: a count the directory cannot hold is a lie.
    guard size <= UInt64(recordStart), UInt64(count) * 46 <= size else {
      throw corrupt("中央目录大小 \(size) 与条目数 \(count) 不符", fileName)
    }
    // Data prepended to the archive shifts every offset by the same amount.
    let actualStart = recordStart - Int(size)
    let shift = actualStart - Int(min(offset, UInt64(Int.max / 2)))
    guard shift >= 0 else { throw corrupt("中央目录偏移 \(offset) 超出文件范围", fileName) }
    if count > 0, bytes.integer(at: actualStart, as: UInt32.self) != directoryEntrySignature {
      throw corrupt("中央目录偏移 \(offset) 处没有目录条目", fileName)
    }
    return Directory(offset: actualStart, count: count, shift: shift)
  }

  private static func readDirectoryEntry(
    in bytes: ArchiveBytes, at offset: Int, shift: Int, fileName: String
  ) throws(XLSXError) -> (ZipEntry, next: Int) {
    guard bytes.integer(at: offset, as: UInt32.self) == directoryEntrySignature,
      let flags = bytes.integer(at: offset + 8, as: UInt16.self),
      let method = bytes.integer(at: offset + 10, as: UInt16.self),
      let crc = bytes.integer(at: offset + 16, as: UInt32.self),
      let compressed32 = bytes.integer(at: offset + 20, as: UInt32.self),
      let uncompressed32 = bytes.integer(at: offset + 24, as: UInt32.self),
      let nameLength = bytes.integer(at: offset + 28, as: UInt16.self),
      let extraLength = bytes.integer(at: offset + 30, as: UInt16.self),
      let commentLength = bytes.integer(at: offset + 32, as: UInt16.self),
      let localOffset32 = bytes.integer(at: offset + 42, as: UInt32.self),
      let nameBytes = bytes.slice(offset + 46, count: Int(nameLength)),
      let extra = bytes.slice(offset + 46 + Int(nameLength), count: Int(extraLength))
    else { throw corrupt("中央目录条目在偏移 \(offset) 处被截断", fileName) }

    var compressed = UInt64(compressed32)
    var uncompressed = UInt64(uncompressed32)
    var localOffset = UInt64(localOffset32)
    // The zip64 extra field (id 1) holds, in order, whichever of the three are 0xFFFFFFFF.
    var cursor = 0
    while cursor + 4 <= extra.count {
      let id = UInt16(extra[cursor]) | UInt16(extra[cursor + 1]) << 8
      let length = Int(UInt16(extra[cursor + 2]) | UInt16(extra[cursor + 3]) << 8)
      let body = cursor + 4
      guard body + length <= extra.count else { break }
      if id == 0x0001 {
        var field = body
        func next() -> UInt64? {
          guard field + 8 <= body + length else { return nil }
          defer { field += 8 }
          return extra.loadUnaligned(fromByteOffset: field, as: UInt64.self).littleEndian
        }
        if uncompressed32 == 0xFFFF_FFFF, let value = next() { uncompressed = value }
        if compressed32 == 0xFFFF_FFFF, let value = next() { compressed = value }
        if localOffset32 == 0xFFFF_FFFF, let value = next() { localOffset = value }
      }
      cursor = body + length
    }
    let entry = ZipEntry(
      name: String(decoding: nameBytes, as: UTF8.self), method: method, flags: flags, crc32: crc,
      compressedSize: compressed, uncompressedSize: uncompressed,
      localHeaderOffset: localOffset &+ UInt64(shift))
    return (entry, offset + 46 + Int(nameLength) + Int(extraLength) + Int(commentLength))
  }

  private static func checkSizes(
    of entries: [ZipEntry], limits: ReadLimits, fileName: String
  ) throws(XLSXError) {
    var total: UInt64 = 0
    for entry in entries {
      let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
      total = overflow ? .max : sum
    }
    guard total <= limits.maxTotalSize else {
      throw XLSXError(
        .limitExceeded,
        "解压后总大小 \(total) 字节超过上限 \(limits.maxTotalSize) 字节", file: fileName)
    }
  }

  /// Entries whose data overlap (a known zip-bomb construction) make the archive invalid.
  private static func checkNoOverlap(
    _ entries: [ZipEntry], directoryOffset: Int, fileName: String
  ) throws(XLSXError) {
    let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
    var previousEnd: UInt64 = 0
    var previousName = ""
    for entry in ordered {
      if entry.localHeaderOffset < previousEnd {
        throw corrupt("条目「\(entry.name)」与「\(previousName)」的数据重叠", fileName, part: entry.name)
      }
      // Local header (30 bytes + name) and data; the local extra field is not counted
      // because it may differ from the central one.
      let (end, overflow) = entry.localHeaderOffset.addingReportingOverflow(
        30 + UInt64(entry.name.utf8.count) &+ entry.compressedSize)
      if overflow || end > UInt64(directoryOffset) {
        throw corrupt("条目「\(entry.name)」的数据超出文件范围", fileName, part: entry.name)
      }
      previousEnd = end
      previousName = entry.name
    }
  }

  /// The compressed bytes of `entry`, found through its local header.
  func compressedData(of entry: ZipEntry) throws(XLSXError) -> UnsafeRawBufferPointer {
    let fail = { (message: String) in
      XLSXError(.corruptZip, "ZIP 结构损坏：\(message)", file: fileName, part: entry.name)
    }
    guard entry.localHeaderOffset < UInt64(bytes.count) else { throw fail("本地文件头偏移超出文件范围") }
    let header = Int(entry.localHeaderOffset)
    guard bytes.integer(at: header, as: UInt32.self) == Self.localHeaderSignature,
      let nameLength = bytes.integer(at: header + 26, as: UInt16.self),
      let extraLength = bytes.integer(at: header + 28, as: UInt16.self)
    else { throw fail("本地文件头无效") }
    let start = header + 30 + Int(nameLength) + Int(extraLength)
    guard entry.compressedSize <= UInt64(bytes.count),
      let data = bytes.slice(start, count: Int(entry.compressedSize))
    else { throw fail("压缩数据超出文件范围") }
    if entry.isEncrypted {
      throw XLSXError(.encrypted, "部件已加密，无法读取", file: fileName, part: entry.name)
    }
    return data
  }
}
