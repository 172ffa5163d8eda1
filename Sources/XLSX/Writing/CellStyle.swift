/// How a written cell looks. Equal styles share one entry of the workbook's `cellXfs`,
/// however many cells use them.
public struct CellStyle: Hashable, Sendable {
  public var bold: Bool
  public var fontColor: RGBColor?
  /// Solid background fill.
  public var fillColor: RGBColor?
  public var border: CellBorder?
  /// Wrap text within the cell.
  public var wrapText: Bool
  public var horizontalAlignment: HorizontalAlignment?
  public var verticalAlignment: VerticalAlignment?
  /// The number format; date cells without one get ``NumberFormat/date`` or
  /// ``NumberFormat/dateTime``.
  public var numberFormat: NumberFormat?

  public init(
    bold: Bool = false, fontColor: RGBColor? = nil, fillColor: RGBColor? = nil, border: CellBorder? = nil,
    wrapText: Bool = false, horizontalAlignment: HorizontalAlignment? = nil,
    verticalAlignment: VerticalAlignment? = nil, numberFormat: NumberFormat? = nil
  ) {
    self.bold = bold
    self.fontColor = fontColor
    self.fillColor = fillColor
    self.border = border
    self.wrapText = wrapText
    self.horizontalAlignment = horizontalAlignment
    self.verticalAlignment = verticalAlignment
    self.numberFormat = numberFormat
  }

  /// The default look (cell format 0).
  public static let plain = CellStyle()
}

/// A ``CellStyle`` registered with one workbook (``WorkbookWriter/register(_:)``): a
/// small value that cells of that workbook carry instead of the style.
public struct CellStyleID: Hashable, Sendable {
  /// The style table that issued the id.
  let table: ObjectIdentifier
  /// The style's position among the table's registered styles.
  let number: Int
}

/// An opaque RGB colour, `RGBColor(0x1F4E78)` or `RGBColor(hex: "#1F4E78")`.
public struct RGBColor: Hashable, Sendable, CustomStringConvertible {
  /// 0xRRGGBB.
  public var rgb: UInt32

  public init(_ rgb: UInt32) {
    self.rgb = rgb & 0xFF_FFFF
  }

  /// Parses `RRGGBB` or `#RRGGBB`; nil for anything else.
  public init?(hex: String) {
    let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
    guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
    rgb = value
  }

  public static let black = RGBColor(0x000000)
  public static let white = RGBColor(0xFFFFFF)
  public static let red = RGBColor(0xFF0000)

  /// `FFRRGGBB`, the ARGB form styles.xml uses.
  var argb: String {
    let digits = String(rgb, radix: 16, uppercase: true)
    return "FF" + String(repeating: "0", count: 6 - digits.count) + digits
  }

  /// `RRGGBB`.
  public var description: String { String(argb.dropFirst(2)) }
}

/// Lines around a cell.
public struct CellBorder: Hashable, Sendable {
  /// Which sides of a cell have a line.
  public struct Sides: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let left = Sides(rawValue: 1)
    public static let right = Sides(rawValue: 2)
    public static let top = Sides(rawValue: 4)
    public static let bottom = Sides(rawValue: 8)
    public static let all: Sides = [.left, .right, .top, .bottom]
  }

  public var style: BorderStyle
  /// The line colour; nil is automatic (black).
  public var color: RGBColor?
  public var sides: Sides

  public init(_ style: BorderStyle = .thin, color: RGBColor? = nil, sides: Sides = .all) {
    self.style = style
    self.color = color
    self.sides = sides
  }
}

/// Line styles of a border, as Excel names them.
public enum BorderStyle: String, Hashable, Sendable, CaseIterable {
  case thin, medium, thick, dashed, dotted, double, hair
}

public enum HorizontalAlignment: String, Hashable, Sendable, CaseIterable {
  case left, center, right, justify
  /// Centred across the selection (the cells to the right that are empty).
  case centerContinuous
}

public enum VerticalAlignment: String, Hashable, Sendable, CaseIterable {
  case top, center, bottom, justify
}

/// A number format code, such as `0.00`, `0.0%` or `yyyy-mm-dd`.
public struct NumberFormat: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public var code: String

  public init(_ code: String) {
    self.code = code
  }

  public init(stringLiteral code: String) {
    self.code = code
  }

  public var description: String { code }

  public static let general = NumberFormat("General")
  /// `0`
  public static let integer = NumberFormat("0")
  /// `0.00`
  public static let twoDecimals = NumberFormat("0.00")
  /// `#,##0.00`
  public static let thousands = NumberFormat("#,##0.00")
  /// `0.0%`
  public static let percentOneDecimal = NumberFormat("0.0%")
  /// `0.00%`
  public static let percentTwoDecimals = NumberFormat("0.00%")
  /// `yyyy-mm-dd`
  public static let date = NumberFormat("yyyy-mm-dd")
  /// `yyyy-mm-dd hh:mm:ss`
  public static let dateTime = NumberFormat("yyyy-mm-dd hh:mm:ss")
  /// `[h]:mm:ss`, elapsed time.
  public static let duration = NumberFormat("[h]:mm:ss")
  /// `@`, text.
  public static let text = NumberFormat("@")

  /// Excel's built-in format ids for codes that are the same in every locale.
  static let builtInIDs: [String: Int] = [
    "General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11,
    "@": 49,
  ]
}
