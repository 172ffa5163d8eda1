import OrderedJSON

/// The canonical JSON document (`../shared/DOMAIN.md` §3): keys in the contract's order,
/// numbers at full precision, the same bytes for the same inputs.
public enum CanonicalJSON {
  /// The whole document for a set of converted files.
  public static func document(files: [FileResult], mapping: Mapping) -> JSONValue {
    .object([
      ("schema", .string("jixiao/1")),
      ("generator", .object([("name", .string("jixiao")), ("version", .string(Jixiao.version))])),
      ("mapping", .object([("name", .string(mapping.name)), ("sha256", .string(mapping.sha256))])),
      ("files", .array(files.map(file))),
      ("reports", .array(files.flatMap(\.reports).map(report))),
      ("issues", .array(files.flatMap(\.issues).map(issue))),
    ])
  }

  /// Writes the same document as ``document(files:mapping:)`` piece by piece to `sink`, as
  /// UTF-8 bytes, so that thousands of files never become one string in memory.
  public static func stream(files: [FileResult], mapping: Mapping, to sink: ([UInt8]) throws -> Void) rethrows {
    func header(_ pairs: [(String, JSONValue)]) -> String {
      var text = ""
      for (key, value) in pairs {
        text += "\n \"\(key)\": "
        value.write(to: &text, indent: 1, level: 1)
        text += ","
      }
      return text
    }
    try sink(
      Array(("{"
        + header([
          ("schema", .string("jixiao/1")),
          ("generator", .object([("name", .string("jixiao")), ("version", .string(Jixiao.version))])),
          ("mapping", .object([("name", .string(mapping.name)), ("sha256", .string(mapping.sha256))])),
        ])).utf8))
    func array<Element>(_ key: String, _ items: some Sequence<Element>, last: Bool, _ render: (Element) -> JSONValue) throws {
      var first = true
      // Written as bytes, handed on as text in pieces of about 64 KiB.
      var chunk = Array("\n \"\(key)\": [".utf8)
      for item in items {
        chunk.append(contentsOf: (first ? "\n  " : ",\n  ").utf8)
        first = false
        render(item).write(to: &chunk, indent: 1, level: 2)
        if chunk.count > 1 << 16 {
          try sink(chunk)
          chunk.removeAll(keepingCapacity: true)
        }
      }
      chunk.append(contentsOf: (first ? "]" : "\n ]").utf8)
      chunk.append(contentsOf: (last ? "\n}\n" : ",").utf8)
      try sink(chunk)
    }
    try array("files", files, last: false, file)
    try array("reports", files.lazy.flatMap(\.reports), last: false, report)
    try array("issues", files.lazy.flatMap(\.issues), last: true, issue)
  }

  static func file(_ result: FileResult) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("file", .string(result.file)),
      ("sha256", optional(result.sha256)),
      ("status", .string(result.status.rawValue)),
      ("reports", .integer(result.reports.count)),
    ]
    if let reason = result.skipReason { pairs.append(("reason", .string(reason))) }
    return .object(pairs)
  }

  public static func report(_ report: Report) -> JSONValue {
    .object([
      (
        "source",
        .object([
          ("file", .string(report.source.file)), ("sheet", .string(report.source.sheet)),
          ("range", .string(report.source.range)),
        ])
      ),
      ("kind", .string(report.kind.rawValue)),
      ("year", report.year.map(JSONValue.integer) ?? .null),
      ("project", optional(report.project)),
      ("supervisor", optional(report.supervisor)),
      ("unit", optional(report.unit)),
      ("filledBy", optional(report.filledBy)),
      ("filledOn", optional(report.filledOn)),
      ("phone", optional(report.phone)),
      ("funds", .array(report.funds.map(funds))),
      (
        "goals",
        .object([
          ("expected", optional(report.goals.expected)), ("actual", optional(report.goals.actual)),
          ("cells", cells(report.goals.cells)),
        ])
      ),
      ("indicators", .array(report.indicators.map(indicator))),
      ("statedTotal", number(report.statedTotal)),
      ("computedTotal", number(report.computedTotal)),
      ("grade", optional(report.grade)),
      ("statedGrade", optional(report.statedGrade)),
      ("cells", cells(report.cells)),
    ])
  }

  static func funds(_ row: FundsRow) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("item", .string(row.item)), ("initialBudget", number(row.initialBudget)), ("budget", number(row.budget)),
      ("executed", number(row.executed)), ("rate", number(row.rate)), ("weight", number(row.weight)),
      ("score", number(row.score)),
    ]
    if let unit = row.sourceUnit { pairs.append(("sourceUnit", .string(unit))) }
    pairs.append(("cells", cells(row.cells)))
    return .object(pairs)
  }

  static func indicator(_ indicator: Indicator) -> JSONValue {
    .object([
      ("level1", optional(indicator.level1)), ("level2", optional(indicator.level2)), ("name", .string(indicator.name)),
      ("target", indicator.target.map(value) ?? .null), ("actual", indicator.actual.map(value) ?? .null),
      ("weight", number(indicator.weight)), ("score", number(indicator.score)),
      ("deviation", optional(indicator.deviation)), ("row", .integer(indicator.row)), ("cells", cells(indicator.cells)),
    ])
  }

  static func value(_ value: Value) -> JSONValue {
    .object([
      ("text", .string(value.text)), ("op", optional(value.op?.rawValue)), ("number", number(value.number)),
      ("unit", optional(value.unit)),
    ])
  }

  public static func issue(_ issue: ValidationIssue) -> JSONValue {
    .object([
      ("code", .string(issue.code)), ("severity", .string(issue.severity.rawValue)), ("message", .string(issue.message)),
      ("file", .string(issue.file)), ("sheet", optional(issue.sheet)), ("cell", optional(issue.cell)),
      ("field", optional(issue.field)), ("found", issue.found ?? .null), ("expected", issue.expected ?? .null),
    ])
  }

  private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
  private static func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }

  /// Field → A1, in a fixed order.
  private static func cells(_ cells: CellMap) -> JSONValue {
    .object(cells.map { ($0.key, .string($0.value)) })
  }
}
