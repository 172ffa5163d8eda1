/// A value to write, with an optional style.
///
/// Values reuse the reader's ``CellValue``: `.string`, `.number`, `.bool`, `.error`
/// (`#N/A` …), `.date` (written as its serial with a date format) and `.empty` (no value:
/// the cell is left out, or written blank when it has a style, to carry a border or fill).
/// Literals make rows short to write: `["单位", 1.5, true]`.
///
/// A style is given either as a ``CellStyle`` or as a ``CellStyleID`` from
/// ``WorkbookWriter/register(_:)``; both write the same bytes, the id without comparing
/// or copying the style's fields for every cell.
public struct WriterCell: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
  /// How a cell looks.
  public enum Look: Sendable, Equatable {
    /// The default look (cell format 0).
    case plain
    // Boxed, so that a cell stays small to copy whatever the style holds.
    indirect case style(CellStyle)
    /// A style registered with the workbook the cell is written to.
    case registered(CellStyleID)
  }

  public var value: CellValue
  public var look: Look

  public init(_ value: CellValue, style: CellStyle? = nil) {
    self.value = value
    look = style.map(Look.style) ?? .plain
  }

  public init(_ value: CellValue, style: CellStyleID) {
    self.value = value
    look = .registered(style)
  }

  public init(stringLiteral value: String) { self.init(.string(value)) }
  public init(floatLiteral value: Double) { self.init(.number(value)) }
  public init(integerLiteral value: Int) { self.init(.number(Double(value))) }
  public init(booleanLiteral value: Bool) { self.init(.bool(value)) }

  /// No value and no style: the column is skipped.
  public static let empty = WriterCell(.empty)

  public static func string(_ text: String, style: CellStyle? = nil) -> WriterCell {
    WriterCell(.string(text), style: style)
  }

  public static func number(_ value: Double, style: CellStyle? = nil) -> WriterCell {
    WriterCell(.number(value), style: style)
  }

  public static func date(_ value: ExcelDateTime, style: CellStyle? = nil) -> WriterCell {
    WriterCell(.date(value), style: style)
  }

  public static func string(_ text: String, style: CellStyleID) -> WriterCell {
    WriterCell(.string(text), style: style)
  }

  public static func number(_ value: Double, style: CellStyleID) -> WriterCell {
    WriterCell(.number(value), style: style)
  }

  public static func date(_ value: ExcelDateTime, style: CellStyleID) -> WriterCell {
    WriterCell(.date(value), style: style)
  }
}

/// What the sheet writer emits for one cell once the value is checked and resolved
/// (error cells, which hold a text, are written apart).
enum EncodedValue {
  case sharedString(Int)
  case number(Double)
  case bool(Bool)
  /// A styled cell without a value.
  case blank
}

/// Excel's error values, the only texts an error cell may hold.
let excelErrorValues: Set<String> = [
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
]

extension ExcelDateTime {
  /// A date (and time) in the 1900 date system from its calendar fields; nil for fields
  /// out of range or a date Excel cannot show (before 1900-01-01 or after 9999-12-31).
  public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
    guard (1...12).contains(month), (1...31).contains(day), (0..<24).contains(hour), (0..<60).contains(minute),
      second >= 0, second < 60
    else { return nil }
    let unixDays = Self.unixDays(year: year, month: month, day: day)
    // Reject days that do not exist (February 30th): they come back as another date.
    guard Self.civil(fromUnixDays: unixDays) == (year, month, day) else { return nil }
    var serialDays = unixDays - Self.unixDays1899_12_30
    if serialDays < 61 { serialDays -= 1 }  // before Excel's fictitious 1900-02-29
    let serial = Double(serialDays) + (Double(hour * 3600 + minute * 60) + second) / 86_400
    guard serialDays >= 1, Self.isRepresentable(serial) else { return nil }
    self.init(serial: serial)
  }
}
