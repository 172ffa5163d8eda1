/// What a sheet's XML needs before its rows: column widths, frozen panes and the
/// autofilter range. It is given when the sheet is added, because `<cols>` and
/// `<sheetViews>` precede `<sheetData>` and rows are streamed.
public struct SheetLayout: Sendable, Equatable {
  /// Widths by 0-based column, in Excel's units (the width its dialog shows, about one
  /// digit of the default font); nil keeps the default. ``ColumnWidth`` estimates them.
  public var columnWidths: [Double?]
  /// Rows kept in view at the top (0 for none).
  public var frozenRows: Int
  /// Columns kept in view at the left (0 for none).
  public var frozenColumns: Int
  /// The range whose first row gets filter buttons.
  public var autoFilter: CellRange?

  public init(
    columnWidths: [Double?] = [], frozenRows: Int = 0, frozenColumns: Int = 0, autoFilter: CellRange? = nil
  ) {
    self.columnWidths = columnWidths
    self.frozenRows = frozenRows
    self.frozenColumns = frozenColumns
    self.autoFilter = autoFilter
  }
}

/// Where a hyperlink leads.
public enum HyperlinkTarget: Hashable, Sendable {
  /// A cell of a sheet in the same workbook.
  case cell(sheet: String, reference: CellReference)
  /// Another file, by a path relative to the workbook (`sub/a.xlsx`) or absolute.
  case file(String)
  /// A web address (`https://…`, `mailto:…`).
  case url(String)
}

/// A note attached to a cell, shown when the pointer rests on it.
struct CellComment {
  var reference: CellReference
  var text: String
  var author: String
}

/// A hyperlink collected while its sheet is written.
struct CellHyperlink {
  var reference: CellReference
  var target: HyperlinkTarget
  var tooltip: String?
}
