import OrderedJSON

/// Runs every check of the catalogue (`../shared/DOMAIN.md` §5) over a report. Each
/// check is a small type with one job; severities come from the mapping, and a check
/// whose code is switched off (`off`) reports nothing.
public struct Validator: Sendable {
  public let mapping: Mapping

  /// The checks, in catalogue order.
  static let checks: [any ReportCheck] = [
    RequiredFieldsCheck(), TotalCheck(), WeightsCheck(), GroupWeightCheck(), ScoreRangeCheck(), FundsRateCheck(),
    FundsScoreCheck(), FundsRowsCheck(), UnitCheck(), IndicatorScoringCheck(), LowExecutionCheck(), CategoryCheck(),
  ]

  public init(mapping: Mapping) {
    self.mapping = mapping
  }

  /// Every issue found in `report`.
  public func validate(_ report: Report) -> [ValidationIssue] {
    var context = CheckContext(report: report, mapping: mapping)
    for check in Self.checks { check.run(&context) }
    return context.issues
  }
}

/// One rule of the catalogue, run over one report.
protocol ReportCheck: Sendable {
  func run(_ context: inout CheckContext)
}

/// What a check sees (the report, the mapping's rules) and where it puts its findings.
struct CheckContext {
  let report: Report
  let mapping: Mapping
  private(set) var issues: [ValidationIssue] = []

  init(report: Report, mapping: Mapping) {
    self.report = report
    self.mapping = mapping
  }

  var tolerances: Tolerances { mapping.tolerances }

  /// Records an issue with the mapping's severity for `code` (nothing when it is off).
  mutating func report(
    _ code: String, _ message: String, cell: String? = nil, field: String? = nil, found: JSONValue? = nil,
    expected: JSONValue? = nil
  ) {
    guard let severity = mapping.severity(of: code) else { return }
    issues.append(
      ValidationIssue(
        code: code, severity: severity, message: message, file: report.source.file, sheet: report.source.sheet,
        cell: cell, field: field, found: found, expected: expected))
  }

  /// The allowed difference between a written score and a computed one: 0.5 when the
  /// written score is a whole number (units round), else 0.01.
  func scoreTolerance(for written: Double) -> Double {
    written == written.rounded() ? tolerances.wholeScore : tolerances.score
  }

  /// The funds row that is scored (the total row).
  var scoredFundsRow: FundsRow? { Scoring.scoredFundsRow(of: report, mapping: mapping) }
}

/// Numbers in messages: `94`, `4.9`, `0.333`.
enum Shown {
  static func number(_ value: Double) -> String {
    NumberText.rounded(value)
  }

  static func percent(_ fraction: Double) -> String {
    number(fraction * 100) + "%"
  }
}
