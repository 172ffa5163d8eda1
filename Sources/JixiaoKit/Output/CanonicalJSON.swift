import OrderedJSON

/// The canonical JSON document (`../shared/DOMAIN.md` §3): keys in the contract's order,
/// numbers at full precision, the same bytes for the same inputs.
public enum CanonicalJSON {
  /// The whole document for a set of converted files, ending in a newline.
  public static func text(files: [FileResult], mapping: Mapping) -> String {
    var bytes: [UInt8] = []
    stream(files: files, mapping: mapping) { bytes.append(contentsOf: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Writes the document piece by piece to `sink`, as UTF-8 bytes in pieces of about
  /// 64 KiB, so that thousands of files never become one string in memory.
  public static func stream(files: [FileResult], mapping: Mapping, to sink: ([UInt8]) throws -> Void) rethrows {
    var json = JSONStreamWriter()
    json.beginObject()
    json.member("schema", "jixiao/1")
    json.key("generator")
    json.beginObject()
    json.member("name", "jixiao")
    json.member("version", Jixiao.version)
    json.endObject()
    json.key("mapping")
    json.beginObject()
    json.member("name", mapping.name)
    json.member("sha256", mapping.sha256)
    json.endObject()
    // Long arrays are handed to the sink as they grow.
    func array<Element>(_ items: some Sequence<Element>, _ write: (Element, inout JSONStreamWriter) -> Void) throws {
      try json.array(items) { item, json in
        write(item, &json)
        if json.count > 1 << 16 { try sink(json.takeBytes()) }
      }
    }
    json.key("files")
    try array(files, write(file:to:))
    json.key("reports")
    try array(files.lazy.flatMap(\.reports), write(report:to:))
    json.key("issues")
    try array(files.lazy.flatMap(\.issues)) { issue, json in json.value(Self.issue(issue)) }
    json.endObject()
    json.endLine()
    try sink(json.takeBytes())
  }

  static func write(file result: FileResult, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.member("file", result.file)
    json.member("sha256", result.sha256)
    json.member("status", result.status.rawValue)
    json.member("reports", integer: result.reports.count)
    if let reason = result.skipReason {
      json.member("reason", reason)
    }
    json.endObject()
  }

  static func write(report: Report, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.key("source")
    json.beginObject()
    json.member("file", report.source.file)
    json.member("sheet", report.source.sheet)
    json.member("range", report.source.range)
    json.endObject()
    json.member("kind", report.kind.rawValue)
    json.member("year", integer: report.year)
    json.member("project", report.project)
    json.member("supervisor", report.supervisor)
    json.member("unit", report.unit)
    json.member("filledBy", report.filledBy)
    json.member("filledOn", report.filledOn)
    json.member("phone", report.phone)
    json.key("funds")
    json.array(report.funds, write(funds:to:))
    json.key("goals")
    json.beginObject()
    json.member("expected", report.goals.expected)
    json.member("actual", report.goals.actual)
    json.key("cells")
    write(cells: report.goals.cells, to: &json)
    json.endObject()
    json.key("indicators")
    json.array(report.indicators, write(indicator:to:))
    json.member("statedTotal", number: report.statedTotal)
    json.member("computedTotal", number: report.computedTotal)
    json.member("grade", report.grade)
    json.member("statedGrade", report.statedGrade)
    json.key("cells")
    write(cells: report.cells, to: &json)
    json.endObject()
  }

  static func write(funds row: FundsRow, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.member("item", row.item)
    json.member("initialBudget", number: row.initialBudget)
    json.member("budget", number: row.budget)
    json.member("executed", number: row.executed)
    json.member("rate", number: row.rate)
    json.member("weight", number: row.weight)
    json.member("score", number: row.score)
    if let unit = row.sourceUnit {
      json.member("sourceUnit", unit)
    }
    json.key("cells")
    write(cells: row.cells, to: &json)
    json.endObject()
  }

  static func write(indicator: Indicator, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.member("level1", indicator.level1)
    json.member("level2", indicator.level2)
    json.member("name", indicator.name)
    json.key("target")
    write(value: indicator.target, to: &json)
    json.key("actual")
    write(value: indicator.actual, to: &json)
    json.member("weight", number: indicator.weight)
    json.member("score", number: indicator.score)
    json.member("deviation", indicator.deviation)
    json.member("row", integer: indicator.row)
    json.key("cells")
    write(cells: indicator.cells, to: &json)
    json.endObject()
  }

  static func write(value: Value?, to json: inout JSONStreamWriter) {
    guard let value else { return json.null() }
    json.beginObject()
    json.member("text", value.text)
    json.member("op", value.op?.rawValue)
    json.member("number", number: value.number)
    json.member("unit", value.unit)
    json.endObject()
  }

  /// Field → A1, in a fixed order.
  static func write(cells: CellMap, to json: inout JSONStreamWriter) {
    cells.withEntryBytes { json.object(entries: $0, keyEnd: $1, entryEnd: $2) }
  }

  public static func issue(_ issue: ValidationIssue) -> JSONValue {
    .object([
      ("code", .string(issue.code)), ("severity", .string(issue.severity.rawValue)), ("message", .string(issue.message)),
      ("file", .string(issue.file)), ("sheet", optional(issue.sheet)), ("cell", optional(issue.cell)),
      ("field", optional(issue.field)), ("found", issue.found ?? .null), ("expected", issue.expected ?? .null),
    ])
  }

  private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
}
