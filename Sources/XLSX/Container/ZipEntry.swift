/// One entry of a ZIP central directory.
struct ZipEntry: Sendable {
  /// The name as stored (may use backslashes, any case).
  let name: String
  let method: UInt16
  let flags: UInt16
  let crc32: UInt32
  let compressedSize: UInt64
  let uncompressedSize: UInt64
  /// Offset of the local file header, already corrected for data prepended to the archive.
  let localHeaderOffset: UInt64

  static let stored: UInt16 = 0
  static let deflated: UInt16 = 8

  /// Bit 0 of the general-purpose flags: the entry is encrypted.
  var isEncrypted: Bool { flags & 0x1 != 0 }

  var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }

  /// The name as a package part path: forward slashes, no leading slash, lower case.
  var lookupKey: String { ZipEntry.lookupKey(name) }

  static func lookupKey(_ name: String) -> String {
    var key = name.replacingBackslashes().lowercased()
    while key.hasPrefix("/") { key.removeFirst() }
    return key
  }
}

extension String {
  func replacingBackslashes() -> String {
    guard utf8.contains(UInt8(ascii: "\\")) else { return self }
    return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
  }
}
