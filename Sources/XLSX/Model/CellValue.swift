/// What a cell holds, interpreted by its type and number format.
///
/// The raw value is never lost: a date keeps its serial number (``ExcelDateTime/serial``)
/// and a number is the exact double written in the file.
public enum CellValue: Hashable, Sendable {
  /// Text (shared, inline or a formula's string result), exactly as stored.
  case string(String)
  /// A number, including numbers whose format is not a date.
  case number(Double)
  case bool(Bool)
  /// An error value such as `#DIV/0!` or `#N/A`.
  case error(String)
  /// A number shown with a date, time or duration format, or an ISO 8601 `t="d"` cell.
  case date(ExcelDateTime)
  /// No value: a formula cell without a cached result.
  case empty

  /// The text of a string value.
  public var string: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// The number of a number value (or the serial of a date).
  public var number: Double? {
    switch self {
    case .number(let value): value
    case .date(let date): date.serial
    default: nil
    }
  }

  /// Whether the cell shows nothing (no value, or an empty string).
  public var isBlank: Bool {
    switch self {
    case .empty: true
    case .string(let text): text.isEmpty
    default: false
    }
  }
}

/// One cell of a sheet.
public struct Cell: Hashable, Sendable {
  /// Where the cell is.
  public var reference: CellReference
  /// Its value.
  public var value: CellValue
  /// Index into the workbook's cell formats (`s` attribute), 0 when absent.
  public var styleIndex: Int
  /// The formula text when the cell has one (`""` for a cell that shares another's formula).
  public var formula: String?

  /// A formula whose result was never saved: the value is unknown, not empty.
  public var isFormulaWithoutValue: Bool { formula != nil && value == .empty }
}

extension Cell {
  /// Calls the memberwise initializer, whose labels differ (`formula` is declared last):
  /// an initializer that assigns the properties itself makes Swift 6.3 copy the finished
  /// cell and destroy the original, about 150 instructions for every cell read.
  public init(reference: CellReference, value: CellValue, formula: String? = nil, styleIndex: Int = 0) {
    self.init(reference: reference, value: value, styleIndex: styleIndex, formula: formula)
  }
}

/// One row of a sheet with its non-empty cells in column order.
public struct Row: Sendable {
  /// 0-based row index.
  public var index: Int
  public var cells: [Cell]

  public init(index: Int, cells: [Cell]) {
    self.index = index
    self.cells = cells
  }
}
