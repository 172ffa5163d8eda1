/// Why a workbook could not be read (or written).
///
/// Every error names the file and, where known, the part inside the package, the cell
/// and the line and column of the XML; ``description`` renders all of it for people
/// (in Chinese), ``code`` is a stable English identifier for programs.
public struct XLSXError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What went wrong, as a stable category.
  public enum Code: String, Sendable, Equatable {
    /// The file has no bytes.
    case emptyFile = "empty-file"
    /// The bytes are not a ZIP package (HTML, CSV, text renamed to .xlsx …).
    case notAZip = "not-a-zip"
    /// An OLE compound file holding `EncryptedPackage`: a password-protected workbook.
    case encrypted
    /// An OLE compound file without `EncryptedPackage`: a legacy .xls (BIFF) workbook.
    case legacyXLS = "legacy-xls"
    /// The ZIP structure is damaged (directory, headers, offsets, overlapping entries).
    case corruptZip = "corrupt-zip"
    /// A part is compressed with a method other than stored or deflate.
    case unsupportedCompression = "unsupported-compression"
    /// A part's CRC-32 or size does not match its directory entry.
    case checksumMismatch = "checksum-mismatch"
    /// A configured limit (sizes, ratio, entry count, text length) was exceeded.
    case limitExceeded = "limit-exceeded"
    /// A part the package requires is missing.
    case missingPart = "missing-part"
    /// A part is not well-formed XML.
    case malformedXML = "malformed-xml"
    /// A part declares a DOCTYPE (DTDs and entities are never processed).
    case forbiddenDTD = "forbidden-dtd"
    /// A cell or reference is invalid (bad A1 reference, shared-string index out of range …).
    case invalidCell = "invalid-cell"
    /// The workbook structure is inconsistent (a sheet without its part, unknown sheet …).
    case invalidWorkbook = "invalid-workbook"
    /// A value cannot be written (Excel limits: sheet names, cell length, grid size …).
    case invalidValue = "invalid-value"
    /// Reading or writing a file on disk failed.
    case io
  }

  /// The stable category.
  public var code: Code
  /// What happened, in Chinese, with the offending value.
  public var message: String
  /// The workbook file (as given by the caller), if known.
  public var file: String?
  /// The part inside the package (`xl/worksheets/sheet1.xml`), if any.
  public var part: String?
  /// The sheet name, if any.
  public var sheet: String?
  /// The A1 reference of the cell, if any.
  public var cell: String?
  /// 1-based line and column in the part's XML, if known.
  public var line: Int?
  public var column: Int?

  public init(
    _ code: Code, _ message: String, file: String? = nil, part: String? = nil,
    sheet: String? = nil, cell: String? = nil, line: Int? = nil, column: Int? = nil
  ) {
    self.code = code
    self.message = message
    self.file = file
    self.part = part
    self.sheet = sheet
    self.cell = cell
    self.line = line
    self.column = column
  }

  /// `文件 a.xlsx，部件 xl/worksheets/sheet1.xml，工作表「表1」，单元格 B7，第 3 行第 15 列：… [code]`
  public var description: String {
    var place: [String] = []
    if let file { place.append("文件 \(file)") }
    if let part { place.append("部件 \(part)") }
    if let sheet { place.append("工作表「\(sheet)」") }
    if let cell { place.append("单元格 \(cell)") }
    if let line {
      place.append(column.map { "第 \(line) 行第 \($0) 列" } ?? "第 \(line) 行")
    }
    let prefix = place.isEmpty ? "" : place.joined(separator: "，") + "："
    return "\(prefix)\(message) [\(code.rawValue)]"
  }

  /// A copy with the file, part and sheet filled in where still unknown.
  func located(file: String? = nil, part: String? = nil, sheet: String? = nil) -> XLSXError {
    var copy = self
    if copy.file == nil { copy.file = file }
    if copy.part == nil { copy.part = part }
    if copy.sheet == nil { copy.sheet = sheet }
    return copy
  }
}
