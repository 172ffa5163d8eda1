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

  var isDirectory: Bool { name.utf8.last == UInt8(ascii: "/") || name.utf8.last == UInt8(ascii: "\\") }

  /// The name as a package part path: forward slashes, no leading slash, lower case.
  var lookupKey: String { ZipEntry.lookupKey(name) }

  static func lookupKey(_ name: String) -> String {
    switch asciiKeyShape(name) {
    case .key: return name
    case .foldable: return foldASCII(name)
    case .nonASCII:
      var key = name.replacingBackslashes().lowercased()
      while key.hasPrefix("/") { key.removeFirst() }
      return key
    }
  }

  // Part names are nearly always ASCII and most are keys already: checking and folding
  // their bytes costs a fraction of `lowercased()` and the backslash pass, and a name
  // that is its own key needs no new string.
  private enum KeyShape { case key, foldable, nonASCII }

  private static func asciiKeyShape(_ name: String) -> KeyShape {
    // On the contiguous bytes: iterating the UTF-8 view costs several times as much.
    name.utf8.withContiguousStorageIfAvailable(asciiKeyShape) ?? asciiKeyShape(name.utf8)
  }

  private static func asciiKeyShape(_ bytes: some Collection<UInt8>) -> KeyShape {
    var shape = KeyShape.key
    for byte in bytes {
      if byte >= 0x80 { return .nonASCII }
      if byte == UInt8(ascii: "\\") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { shape = .foldable }
    }
    if bytes.first == UInt8(ascii: "/") { shape = .foldable }
    return shape
  }

  /// An ASCII name with backslashes made slashes, letters made lower case and leading
  /// slashes dropped.
  private static func foldASCII(_ name: String) -> String {
    var bytes = Array(name.utf8)
    for index in bytes.indices {
      switch bytes[index] {
      case UInt8(ascii: "\\"): bytes[index] = UInt8(ascii: "/")
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] += 32
      default: break
      }
    }
    let start = bytes.firstIndex { $0 != UInt8(ascii: "/") } ?? bytes.count
    return String(decoding: bytes[start...], as: UTF8.self)
  }
}

extension String {
  func replacingBackslashes() -> String {
    guard utf8.contains(UInt8(ascii: "\\")) else { return self }
    return String(decoding: utf8.map { $0 == UInt8(ascii: "\\") ? UInt8(ascii: "/") : $0 }, as: UTF8.self)
  }
}
