/// Recognises what a file is before it is read as a ZIP package, so that the common
/// wrong inputs get an error that says what to do.
enum FileSignature {
  private static let compoundFileMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
  private static let zipMagic: [UInt8] = [0x50, 0x4B]

  /// Throws for files that are certainly not a ZIP package; returns whether the file
  /// starts like one (a file that doesn't may still be a ZIP with data prepended).
  static func check(_ bytes: ArchiveBytes, fileName: String) throws(XLSXError) -> Bool {
    let buffer = bytes.buffer
    guard !buffer.isEmpty else { throw XLSXError(.emptyFile, "文件为空（0 字节）", file: fileName) }
    if buffer.starts(with: compoundFileMagic) {
      if containsUTF16(buffer, "EncryptedPackage") {
        throw XLSXError(
          .encrypted, "工作簿设有打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 .xlsx", file: fileName)
      }
      throw XLSXError(
        .legacyXLS, "这是旧版 .xls（Excel 97-2003）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再提交", file: fileName)
    }
    return buffer.starts(with: zipMagic)
  }

  static func notAZip(_ bytes: ArchiveBytes, fileName: String) -> XLSXError {
    XLSXError(.notAZip, "不是 .xlsx 文件（文件内容不是 ZIP 压缩包）\(guessKind(bytes.buffer))", file: fileName)
  }

  /// Whether an OLE compound file names a stream `name` (directory names are UTF-16LE).
  private static func containsUTF16(_ buffer: UnsafeRawBufferPointer, _ name: String) -> Bool {
    let pattern: [UInt8] = name.utf8.flatMap { [$0, 0] as [UInt8] }
    guard buffer.count >= pattern.count else { return false }
    let first = pattern[0]
    var index = 0
    let last = buffer.count - pattern.count
    while index <= last {
      if buffer[index] == first {
        var matched = true
        for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
          matched = false
          break
        }
        if matched { return true }
      }
      index += 1
    }
    return false
  }

  private static func guessKind(_ buffer: UnsafeRawBufferPointer) -> String {
    let head = String(decoding: buffer.prefix(512), as: UTF8.self).lowercased()
    if head.contains("<html") || head.contains("<!doctype html") { return "，看起来是网页（HTML）" }
    if head.hasPrefix("<?xml") { return "，看起来是 XML 文本（可能是 Excel 2003 XML 表格）" }
    if head.hasPrefix("%pdf") { return "，看起来是 PDF 文件" }
    return ""
  }
}
