/// The issue codes of `../shared/DOMAIN.md` §5 with their default severities. The
/// mapping's `severities` section overrides them (or switches a check off).
public enum IssueCatalogue {
  /// Every code, in catalogue order, with its default severity.
  public static let codes: [(code: String, severity: Severity)] = [
    ("file-unreadable", .error), ("no-table", .error), ("not-self-evaluation", .info), ("missing-field", .warning),
    ("total-mismatch", .error), ("grade-mismatch", .error), ("weights-not-100", .warning),
    ("group-weight-mismatch", .warning), ("score-exceeds-weight", .error), ("rate-mismatch", .error),
    ("funds-score-mismatch", .warning), ("funds-rows-mismatch", .warning), ("unit-suspect", .warning),
    ("target-met-score-deducted", .warning), ("target-missed-full-score", .warning),
    ("score-formula-mismatch", .info), ("missing-deviation", .warning), ("low-execution-unexplained", .warning),
    ("unknown-category", .warning), ("unparsed-value", .warning), ("formula-without-value", .warning),
    ("duplicate-report", .warning),
  ]

  /// The default severity of `code`, nil for an unknown code.
  public static func defaultSeverity(_ code: String) -> Severity? {
    codes.first { $0.code == code }?.severity
  }
}
