import OrderedJSON

/// What `jixiao validate --json` prints: the mapping used, the files with their issues
/// (canonical issue objects, in review order) and the summary; the same bytes for the
/// same inputs.
///
/// ```
/// { "mapping": {"name", "sha256"},
///   "files": [ {"file", "status", "reason", "reports", "issues": [Issue …]} ],
///   "summary": { "files": {"ok": n, "warnings": n, "errors": n, "unreadable": n, "skipped": n},
///                "severities": {"error": n, "warning": n, "info": n},
///                "codes": {code: n, …} },
///   "inputErrors": [ {"path", "message"} ] }
/// ```
/// `reason` is the skip reason (null unless `status` is `skipped`); `codes` lists the
/// codes that occur, in catalogue order.
public enum ValidationJSON {
  public static func document(_ run: ValidationRun, mapping: Mapping) -> JSONValue {
    .object([
      ("mapping", .object([("name", .string(mapping.name)), ("sha256", .string(mapping.sha256))])),
      ("files", .array(run.files.map(file))),
      ("summary", summary(run)),
      (
        "inputErrors",
        .array(run.inputErrors.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })
      ),
    ])
  }

  static func file(_ file: ValidationRun.File) -> JSONValue {
    .object([
      ("file", .string(file.name)),
      ("status", .string(file.status.rawValue)),
      ("reason", file.skipReason.map(JSONValue.string) ?? .null),
      ("reports", .integer(file.reports)),
      ("issues", .array(file.issues.map(CanonicalJSON.issue))),
    ])
  }

  static func summary(_ run: ValidationRun) -> JSONValue {
    .object([
      ("files", .object(run.statusCounts.map { ($0.status.rawValue, .integer($0.count)) })),
      ("severities", .object(run.severityCounts.map { ($0.severity.rawValue, .integer($0.count)) })),
      ("codes", .object(run.codeCounts.map { ($0.code, .integer($0.count)) })),
    ])
  }
}
