/// The workbook's cell formats, deduplicated: each distinct ``CellStyle`` becomes one
/// `cellXfs` entry, and its font, fill, border and number format are shared with every
/// other style that has the same one.
final class StyleTable {
  struct Font: Hashable {
    var bold: Bool
    var color: RGBColor?
  }

  struct Alignment: Hashable {
    var horizontal: HorizontalAlignment?
    var vertical: VerticalAlignment?
    var wrapText: Bool
  }

  /// One `cellXfs/xf`.
  struct Format: Hashable {
    var numberFormatID: Int
    var fontID: Int
    var fillID: Int
    var borderID: Int
    var alignment: Alignment?
  }

  /// Excel's limit on cell formats in a workbook.
  static let maxFormats = 64_000
  /// The first id free for custom number formats.
  static let firstCustomFormatID = 164

  /// Fonts; 0 is the default.
  private(set) var fonts: [Font] = [Font(bold: false, color: nil)]
  /// Solid fill colours; fills 0 (none) and 1 (gray125) are Excel's required pair, so
  /// `fillColors[i]` is fill `i + 2`.
  private(set) var fillColors: [RGBColor] = []
  /// Borders; 0 is none.
  private(set) var borders: [CellBorder?] = [nil]
  /// Custom number formats with their ids (164…), in order of first use.
  private(set) var customFormats: [(id: Int, code: String)] = []
  /// Cell formats; 0 is the default.
  private(set) var formats: [Format] = [Format(numberFormatID: 0, fontID: 0, fillID: 0, borderID: 0, alignment: nil)]

  /// Registered styles, by id number, and their `cellXfs` index once a cell has used
  /// them (-1 before).
  private var registeredStyles: [CellStyle] = []
  private var registeredIndices: [Int] = []

  private var indexByStyle: [CellStyle: Int] = [CellStyle.plain: 0]
  private var indexByFormat: [Format: Int] = [:]
  private var fontIndex: [Font: Int] = [Font(bold: false, color: nil): 0]
  private var fillIndex: [RGBColor: Int] = [:]
  private var borderIndex: [CellBorder: Int] = [:]
  private var formatIDByCode: [String: Int] = [:]

  init() {
    indexByFormat[formats[0]] = 0
  }

  /// The `cellXfs` index of `style`, adding what is new.
  func index(of style: CellStyle) throws(XLSXError) -> Int {
    if let index = indexByStyle[style] { return index }
    let format = Format(
      numberFormatID: try numberFormatID(style.numberFormat),
      fontID: fontID(Font(bold: style.bold, color: style.fontColor)),
      fillID: style.fillColor.map(fillID) ?? 0,
      borderID: style.border.map(borderID) ?? 0,
      alignment: style.horizontalAlignment == nil && style.verticalAlignment == nil && !style.wrapText
        ? nil
        : Alignment(
          horizontal: style.horizontalAlignment, vertical: style.verticalAlignment, wrapText: style.wrapText))
    let index: Int
    if let existing = indexByFormat[format] {
      index = existing
    } else {
      guard formats.count < Self.maxFormats else {
        throw XLSXError(.invalidValue, "单元格样式超过 Excel 上限 \(Self.maxFormats) 种")
      }
      index = formats.count
      formats.append(format)
      indexByFormat[format] = index
    }
    indexByStyle[style] = index
    return index
  }

  /// An id for `style`. The style gets its `cellXfs` entry when a cell first uses it, as
  /// an unregistered style would, so registering changes nothing in the file.
  func register(_ style: CellStyle) -> CellStyleID {
    registeredStyles.append(style)
    registeredIndices.append(-1)
    return CellStyleID(table: ObjectIdentifier(self), number: registeredStyles.count - 1)
  }

  /// The style registered as `id`.
  func style(of id: CellStyleID) throws(XLSXError) -> CellStyle {
    try checkIssued(id)
    return registeredStyles[id.number]
  }

  /// The `cellXfs` index of the style registered as `id`, adding what is new.
  @inline(__always)
  func index(of id: CellStyleID) throws(XLSXError) -> Int {
    try checkIssued(id)
    let known = registeredIndices[id.number]
    if known >= 0 { return known }
    let index = try index(of: registeredStyles[id.number])
    registeredIndices[id.number] = index
    return index
  }

  @inline(__always)
  private func checkIssued(_ id: CellStyleID) throws(XLSXError) {
    guard id.table == ObjectIdentifier(self), registeredStyles.indices.contains(id.number) else {
      throw XLSXError(.invalidValue, "样式编号不是由本工作簿登记的（CellStyleID 只能用于登记它的工作簿）")
    }
  }

  private func numberFormatID(_ format: NumberFormat?) throws(XLSXError) -> Int {
    guard let code = format?.code else { return 0 }
    if let id = NumberFormat.builtInIDs[code] { return id }
    if let id = formatIDByCode[code] { return id }
    guard !code.isEmpty, code.utf16.count <= 255 else {
      throw XLSXError(.invalidValue, "数字格式「\(code)」无效：不能为空，且不超过 255 个字符")
    }
    if let bad = XMLText.firstForbiddenCharacter(in: code) {
      throw XLSXError(.invalidValue, "数字格式含有 XML 不允许的字符 U+\(bad)")
    }
    let id = Self.firstCustomFormatID + customFormats.count
    customFormats.append((id, code))
    formatIDByCode[code] = id
    return id
  }

  private func fontID(_ font: Font) -> Int {
    if let id = fontIndex[font] { return id }
    fonts.append(font)
    fontIndex[font] = fonts.count - 1
    return fonts.count - 1
  }

  private func fillID(_ color: RGBColor) -> Int {
    if let id = fillIndex[color] { return id }
    fillColors.append(color)
    fillIndex[color] = fillColors.count + 1
    return fillColors.count + 1
  }

  private func borderID(_ border: CellBorder) -> Int {
    if let id = borderIndex[border] { return id }
    borders.append(border)
    borderIndex[border] = borders.count - 1
    return borders.count - 1
  }
}

/// Checks on text that goes where `_xHHHH_` escapes are not decoded (attributes,
/// sheet names, document properties).
enum XMLText {
  /// The first character XML 1.0 cannot carry, as hex, or nil. (Found on the UTF-8 bytes:
  /// the controls are single bytes, U+FFFE and U+FFFF are EF BF BE and EF BF BF.)
  static func firstForbiddenCharacter(in text: String) -> String? {
    var text = text
    let forbidden = text.withUTF8 { bytes -> UInt32? in
      for index in bytes.indices {
        let byte = bytes[index]
        if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return UInt32(byte) }
        if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] | 1 == 0xBF {
          return bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF
        }
      }
      return nil
    }
    guard let value = forbidden else { return nil }
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
