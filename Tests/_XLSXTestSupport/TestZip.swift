internal import CZlib
import Foundation

/// Builds ZIP archives byte by byte for tests, including the damaged and hostile
/// shapes the reader must reject (bad CRC, truncation, zip64 records, lying sizes).
public struct TestZip {
  public struct Entry {
    public var name: String
    public var data: [UInt8]
    public var deflate = true
    /// Overrides for hostile archives.
    public var crcOverride: UInt32?
    public var uncompressedSizeOverride: UInt32?
    public var flags: UInt16 = 0
    public var method: UInt16?

    public init(name: String, data: [UInt8], deflate: Bool = true) {
      self.name = name
      self.data = data
      self.deflate = deflate
    }
  }

  public var entries: [Entry] = []
  /// Write zip64 extra fields and the zip64 end records even though nothing needs them.
  public var forceZip64 = false
  /// Bytes put before the archive (self-extractor stubs).
  public var prefix: [UInt8] = []

  public init() {}

  public mutating func add(_ name: String, _ text: String, deflate: Bool = true) {
    entries.append(Entry(name: name, data: Array(text.utf8), deflate: deflate))
  }

  public func bytes() -> [UInt8] {
    var out = prefix
    var directory: [UInt8] = []
    for entry in entries {
      let offset = UInt64(out.count - prefix.count)
      let method = entry.method ?? (entry.deflate ? 8 : 0)
      let payload = method == 8 ? Self.deflate(entry.data) : entry.data
      let crc = entry.crcOverride ?? Self.crc(entry.data)
      let size = entry.uncompressedSizeOverride ?? UInt32(entry.data.count)
      let name = Array(entry.name.utf8)
      var zip64Extra: [UInt8] = []
      if forceZip64 {
        zip64Extra += le16(1) + le16(24) + le64(UInt64(size)) + le64(UInt64(payload.count)) + le64(offset)
      }
      out += le32(0x0403_4b50) + le16(45) + le16(entry.flags) + le16(method) + le16(0) + le16(0x21)
      out += le32(crc) + le32(UInt32(payload.count)) + le32(size) + le16(UInt16(name.count)) + le16(0)
      out += name + payload
      directory += le32(0x0201_4b50) + le16(45) + le16(45) + le16(entry.flags) + le16(method) + le16(0) + le16(0x21)
      directory += le32(crc)
      directory += forceZip64 ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) : le32(UInt32(payload.count)) + le32(size)
      directory += le16(UInt16(name.count)) + le16(UInt16(zip64Extra.count)) + le16(0) + le16(0) + le16(0) + le32(0)
      directory += forceZip64 ? le32(0xFFFF_FFFF) : le32(UInt32(offset))
      directory += name + zip64Extra
    }
    let directoryOffset = UInt64(out.count - prefix.count)
    out += directory
    if forceZip64 {
      let zip64End = UInt64(out.count - prefix.count)
      out += le32(0x0606_4b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
      out += le64(UInt64(entries.count)) + le64(UInt64(entries.count)) + le64(UInt64(directory.count)) + le64(directoryOffset)
      out += le32(0x0706_4b50) + le32(0) + le64(zip64End) + le32(1)
      out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(0xFFFF) + le16(0xFFFF)
      out += le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) + le16(0)
    } else {
      out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
      out += le32(UInt32(directory.count)) + le32(UInt32(directoryOffset)) + le16(0)
    }
    return out
  }

  public static func crc(_ data: [UInt8]) -> UInt32 {
    UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
  }

  public static func deflate(_ data: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    _ = jx_deflateInit2(&stream, level, -15, 8, Z_DEFAULT_STRATEGY)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 64)
    var input = data
    let produced = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = uInt(inBuffer.count)
        stream.next_out = outBuffer.baseAddress
        stream.avail_out = uInt(outBuffer.count)
        _ = CZlib.deflate(&stream, Z_FINISH)
        return outBuffer.count - Int(stream.avail_out)
      }
    }
    return Array(output[0..<produced])
  }
}

private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> ($0 * 8)) & 0xFF) } }
private func le64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8((value >> ($0 * 8)) & 0xFF) } }

/// A minimal workbook package around the given sheet XML bodies (`<sheetData>…`).
public enum TestWorkbook {
  public static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  public static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  public static func zip(
    sheets: [(name: String, body: String)], sharedStrings: [String]? = nil, styles: String? = nil,
    workbookExtra: String = "", sheetXMLOverride: [Int: String] = [:]
  ) -> TestZip {
    var zip = TestZip()
    zip.add("[Content_Types].xml", """
      <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
      """)
    zip.add("_rels/.rels", """
      <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/></Relationships>
      """)
    let sheetList = sheets.enumerated().map { index, sheet in
      "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
    }.joined()
    zip.add("xl/workbook.xml", """
      <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(workbookExtra)<sheets>\(sheetList)</sheets></workbook>
      """)
    var rels = sheets.indices.map { index in
      "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
    }
    if sharedStrings != nil {
      rels.append("<Relationship Id=\"rIdS\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
    }
    if styles != nil {
      rels.append("<Relationship Id=\"rIdT\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>")
    }
    zip.add("xl/_rels/workbook.xml.rels", """
      <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels.joined())</Relationships>
      """)
    for (index, sheet) in sheets.enumerated() {
      zip.add(
        "xl/worksheets/sheet\(index + 1).xml",
        sheetXMLOverride[index] ?? """
          <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipNamespace)">\(sheet.body)</worksheet>
          """)
    }
    if let sharedStrings {
      zip.add("xl/sharedStrings.xml", """
        <?xml version="1.0" encoding="UTF-8"?><sst xmlns="\(mainNamespace)" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\(sharedStrings.joined())</sst>
        """)
    }
    if let styles {
      zip.add("xl/styles.xml", """
        <?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\(mainNamespace)">\(styles)</styleSheet>
        """)
    }
    return zip
  }

  /// A workbook of one sheet `Sheet1` with `body` inside `<worksheet>`.
  public static func bytes(_ body: String, sharedStrings: [String]? = nil, styles: String? = nil) -> [UInt8] {
    zip(sheets: [("Sheet1", body)], sharedStrings: sharedStrings, styles: styles).bytes()
  }
}

/// Writes ZIP packages of stored (uncompressed) entries straight to a file, for parts
/// too big to build in memory: each entry is a list of byte runs, each run repeated a
/// number of times, so a 100 MB part is one small chunk repeated and never held whole.
public enum StreamedZip {
  public struct Entry {
    public var name: String
    public var runs: [(bytes: [UInt8], count: Int)]

    public init(name: String, runs: [(bytes: [UInt8], count: Int)]) {
      self.name = name
      self.runs = runs
    }

    public init(name: String, text: String) {
      self.init(name: name, runs: [(Array(text.utf8), 1)])
    }

    var size: Int { runs.reduce(0) { $0 + $1.bytes.count * $1.count } }

    var crc: UInt32 {
      var crc = crc32(0, nil, 0)
      for run in runs {
        run.bytes.withUnsafeBufferPointer { buffer in
          for _ in 0..<run.count { crc = crc32(crc, buffer.baseAddress, uInt(buffer.count)) }
        }
      }
      return UInt32(crc)
    }
  }

  /// Writes `entries` to `path` (replacing it); sizes must stay below 4 GiB.
  public static func write(_ entries: [Entry], to path: String) throws {
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    var offset: UInt64 = 0
    var directory: [UInt8] = []
    for entry in entries {
      let name = Array(entry.name.utf8)
      let size = UInt32(entry.size)
      let crc = entry.crc
      var header = le32(0x0403_4b50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
      header += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + name
      try handle.write(contentsOf: header)
      for run in entry.runs {
        let data = Data(run.bytes)
        for _ in 0..<run.count { try handle.write(contentsOf: data) }
      }
      directory += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
      directory += le32(crc) + le32(size) + le32(size)
      directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
      directory += le32(UInt32(offset)) + name
      offset += UInt64(header.count) + UInt64(size)
    }
    var end = le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
    end += le32(UInt32(directory.count)) + le32(UInt32(offset)) + le16(0)
    try handle.write(contentsOf: directory + end)
  }

  /// The parts of a one-sheet workbook (`Sheet1`), with the sheet's `<sheetData>` body
  /// and, if given, the shared-strings part's `<si>` items as runs.
  public static func workbook(sheetData: [(bytes: [UInt8], count: Int)], sharedStrings: [(bytes: [UInt8], count: Int)]? = nil)
    -> [Entry]
  {
    let main = TestWorkbook.mainNamespace
    let relationships = TestWorkbook.relationshipNamespace
    var entries = [
      Entry(name: "[Content_Types].xml", text: """
        <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """),
      Entry(name: "_rels/.rels", text: """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """),
      Entry(name: "xl/workbook.xml", text: """
        <?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\(main)" xmlns:r="\(relationships)"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """),
      Entry(name: "xl/_rels/workbook.xml.rels", text: """
        <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """),
    ]
    entries.append(
      Entry(
        name: "xl/worksheets/sheet1.xml",
        runs: [(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>".utf8), 1)]
          + sheetData + [(Array("</sheetData></worksheet>".utf8), 1)]))
    if let sharedStrings {
      entries.append(
        Entry(
          name: "xl/sharedStrings.xml",
          runs: [(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">".utf8), 1)]
            + sharedStrings + [(Array("</sst>".utf8), 1)]))
    }
    return entries
  }
}
