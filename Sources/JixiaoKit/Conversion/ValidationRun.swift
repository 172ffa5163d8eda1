/// What `jixiao validate` found: one entry per input file, in input order, and the
/// input paths that could not be used.
public struct ValidationRun: Sendable {
  /// One input file: converted (its issues sorted for review) or skipped.
  public struct File: Sendable {
    /// The file as named in outputs.
    public var name: String
    /// `.skipped` for a file that is not a workbook, else the converter's status.
    public var status: FileStatus
    /// Why the file was skipped.
    public var skipReason: String?
    /// True when the file was named on the command line (see `InputFile.isArgument`).
    public var isArgument: Bool
    public var reports: Int
    /// Sorted by `ValidationRun.sorted(_:sheetOrder:)`.
    public var issues: [ValidationIssue]
  }

  public var files: [File]
  /// Input paths that do not exist or could not be listed.
  public var inputErrors: [InputError]

  public init(files: [File], inputErrors: [InputError] = []) {
    self.files = files
    self.inputErrors = inputErrors
  }

  /// Converts every workbook among `inputs`; the others are listed as skipped.
  public init(inputs: [InputFile], inputErrors: [InputError] = [], converter: Converter) {
    let files = inputs.map { input -> File in
      if let reason = input.skipReason {
        return File(
          name: input.name, status: .skipped, skipReason: reason, isArgument: input.isArgument, reports: 0, issues: [])
      }
      let result = converter.convert(path: input.path, name: input.name)
      return File(
        name: input.name, status: result.status, skipReason: nil, isArgument: input.isArgument,
        reports: result.reports.count, issues: Self.sorted(result.issues, sheetOrder: result.sheets.map(\.sheet)))
    }
    self.init(files: files, inputErrors: inputErrors)
  }

  /// Every issue of every file.
  public var issues: [ValidationIssue] { files.flatMap(\.issues) }

  /// True when some input could not be processed: a missing path, an unreadable workbook,
  /// or a file named on the command line that is not a workbook.
  public var hasUnprocessedInput: Bool {
    !inputErrors.isEmpty || files.contains { $0.status == .unreadable || ($0.status == .skipped && $0.isArgument) }
  }

  /// 2 when an input could not be processed, else 1 when an issue is an error (with
  /// `strict`, also a warning), else 0.
  public func exitCode(strict: Bool) -> Int32 {
    if hasUnprocessedInput { return 2 }
    let failing: Set<Severity> = strict ? [.error, .warning] : [.error]
    return issues.contains { failing.contains($0.severity) } ? 1 : 0
  }

  /// Files per status, in `FileStatus` order.
  public var statusCounts: [(status: FileStatus, count: Int)] {
    Self.statusOrder.map { status in (status, files.filter { $0.status == status }.count) }
  }

  /// Issues per severity: error, warning, info.
  public var severityCounts: [(severity: Severity, count: Int)] {
    Severity.allCases.map { severity in (severity, issues.filter { $0.severity == severity }.count) }
  }

  /// Issues per code that occurs, in catalogue order (unknown codes last, by name), with
  /// the severity they were reported with (the most severe one if it differs).
  public var codeCounts: [(code: String, severity: Severity, count: Int)] {
    var counts: [String: (severity: Severity, count: Int)] = [:]
    for issue in issues {
      let previous = counts[issue.code]
      counts[issue.code] = (min(previous?.severity ?? issue.severity, issue.severity), (previous?.count ?? 0) + 1)
    }
    let known = IssueCatalogue.entries.map(\.code)
    let unknown = counts.keys.filter { !known.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return (known + unknown).compactMap { code in counts[code].map { (code, $0.severity, $0.count) } }
  }

  static let statusOrder = FileStatus.allCases

  /// Issues in review order: severity (error, warning, info); then sheet, in workbook
  /// order (file-level issues first); then cell in row-major order (row, then column);
  /// then code and message.
  public static func sorted(_ issues: [ValidationIssue], sheetOrder: [String] = []) -> [ValidationIssue] {
    func sheetKey(_ sheet: String?) -> (Int, String) {
      guard let sheet else { return (-1, "") }
      return (sheetOrder.firstIndex(of: sheet) ?? sheetOrder.count, sheet)
    }
    return issues.sorted { a, b in
      if a.severity != b.severity { return a.severity < b.severity }
      let (sa, sb) = (sheetKey(a.sheet), sheetKey(b.sheet))
      if sa.0 != sb.0 { return sa.0 < sb.0 }
      if sa.1 != sb.1 { return sa.1.utf8.lexicographicallyPrecedes(sb.1.utf8) }
      let (ca, cb) = (CellKey(a.cell), CellKey(b.cell))
      if ca != cb { return ca < cb }
      if a.code != b.code { return a.code.utf8.lexicographicallyPrecedes(b.code.utf8) }
      return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
    }
  }
}

/// An A1 reference (or the first cell of a range) as (row, column) for row-major order;
/// no cell sorts first, text that is not a reference last (by its text).
struct CellKey: Comparable {
  private let rank: Int
  private let row: Int
  private let column: Int
  private let text: String

  init(_ cell: String?) {
    guard let cell else {
      (rank, row, column, text) = (0, 0, 0, "")
      return
    }
    let first = cell.split(separator: ":").first.map(String.init) ?? cell
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for scalar in first.unicodeScalars where scalar != "$" {
      let value = Int(scalar.value)
      if digits == 0, (65...90).contains(value) || (97...122).contains(value) {
        column = min(column * 26 + (value & 0x1F), 1 << 40)
        letters += 1
      } else if letters > 0, (48...57).contains(value) {
        row = min(row * 10 + value - 48, 1 << 40)
        digits += 1
      } else {
        letters = 0
        break
      }
    }
    if letters > 0 && digits > 0 {
      (rank, self.row, self.column, text) = (1, row, column, "")
    } else {
      (rank, self.row, self.column, text) = (2, 0, 0, cell)
    }
  }

  static func < (a: CellKey, b: CellKey) -> Bool {
    (a.rank, a.row, a.column) < (b.rank, b.row, b.column)
      || ((a.rank, a.row, a.column) == (b.rank, b.row, b.column) && a.text.utf8.lexicographicallyPrecedes(b.text.utf8))
  }
}
