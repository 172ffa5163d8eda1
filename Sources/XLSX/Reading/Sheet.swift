/// Whether a sheet is shown in the workbook's tab bar.
public enum SheetState: String, Sendable, Equatable {
  case visible
  case hidden
  /// Hidden so that only a macro can show it again.
  case veryHidden
}

/// What a sheet holds. Only worksheets have cells.
public enum SheetKind: String, Sendable, Equatable {
  case worksheet
  case chartsheet
  case dialogsheet
  case macrosheet
}

/// A sheet as listed in the workbook, in workbook order.
public struct SheetInfo: Sendable, Equatable {
  /// 0-based position in the workbook.
  public var index: Int
  public var name: String
  public var state: SheetState
  public var kind: SheetKind
  /// The part holding the sheet (`xl/worksheets/sheet1.xml`), nil when the
  /// relationship is missing.
  public var partPath: String?

  public init(
    index: Int, name: String, state: SheetState = .visible, kind: SheetKind = .worksheet, partPath: String? = nil
  ) {
    self.index = index
    self.name = name
    self.state = state
    self.kind = kind
    self.partPath = partPath
  }
}
