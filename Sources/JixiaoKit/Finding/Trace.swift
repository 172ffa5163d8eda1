import XLSX

/// How a table was read: for `jixiao inspect`, which cell fed each canonical field and
/// which alias matched, and which labels stayed unmapped.
public struct Trace: Sendable, Equatable {
  /// One canonical field (`header.project`, `indicators.columns.target`, `funds.rows.年度资金总额` …).
  public struct Match: Sendable, Equatable {
    public var field: String
    /// The label cell (A1), if the value was found through a label.
    public var labelCell: String?
    /// The label as written.
    public var label: String?
    /// The alias it matched (`/pattern/` for a regular expression).
    public var alias: String?
    /// The cell the value came from (A1), if any.
    public var valueCell: String?
    /// The value as text, shortened.
    public var value: String?
  }

  /// A label-looking cell no alias matched.
  public struct Unmapped: Sendable, Equatable {
    public var cell: String
    public var text: String
    /// Where it was: `indicator-header`, `funds-header`, `header-block`.
    public var area: String
  }

  public var matches: [Match] = []
  public var unmapped: [Unmapped] = []

  public init() {}
}
