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
    json.key("schema")
    json.string("jixiao/1")
    json.key("generator")
    json.beginObject()
    json.key("name")
    json.string("jixiao")
    json.key("version")
    json.string(Jixiao.version)
    json.endObject()
    json.key("mapping")
    json.beginObject()
    json.key("name")
    json.string(mapping.name)
    json.key("sha256")
    json.string(mapping.sha256)
    json.endObject()
    func array<Element>(_ items: some Sequence<Element>, _ write: (Element, inout JSONStreamWriter) -> Void) throws {
      json.beginArray()
      for item in items {
        json.item()
        write(item, &json)
        if json.bytes.count > 1 << 16 {
          try sink(json.bytes)
          json.bytes.removeAll(keepingCapacity: true)
        }
      }
      json.endArray()
    }
    json.key("files")
    try array(files, write(file:to:))
    json.key("reports")
    try array(files.lazy.flatMap(\.reports), write(report:to:))
    json.key("issues")
    try array(files.lazy.flatMap(\.issues)) { issue, json in json.value(Self.issue(issue)) }
    json.endObject()
    json.bytes.append(UInt8(ascii: "\n"))
    try sink(json.bytes)
  }

  static func write(file result: FileResult, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.key("file")
    json.string(result.file)
    json.key("sha256")
    json.string(result.sha256)
    json.key("status")
    json.string(result.status.rawValue)
    json.key("reports")
    json.integer(result.reports.count)
    if let reason = result.skipReason {
      json.key("reason")
      json.string(reason)
    }
    json.endObject()
  }

  static func write(report: Report, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.key("source")
    json.beginObject()
    json.key("file")
    json.string(report.source.file)
    json.key("sheet")
    json.string(report.source.sheet)
    json.key("range")
    json.string(report.source.range)
    json.endObject()
    json.key("kind")
    json.string(report.kind.rawValue)
    json.key("year")
    json.integer(report.year)
    json.key("project")
    json.string(report.project)
    json.key("supervisor")
    json.string(report.supervisor)
    json.key("unit")
    json.string(report.unit)
    json.key("filledBy")
    json.string(report.filledBy)
    json.key("filledOn")
    json.string(report.filledOn)
    json.key("phone")
    json.string(report.phone)
    json.key("funds")
    json.beginArray()
    for row in report.funds {
      json.item()
      write(funds: row, to: &json)
    }
    json.endArray()
    json.key("goals")
    json.beginObject()
    json.key("expected")
    json.string(report.goals.expected)
    json.key("actual")
    json.string(report.goals.actual)
    json.key("cells")
    write(cells: report.goals.cells, to: &json)
    json.endObject()
    json.key("indicators")
    json.beginArray()
    for indicator in report.indicators {
      json.item()
      write(indicator: indicator, to: &json)
    }
    json.endArray()
    json.key("statedTotal")
    json.number(report.statedTotal)
    json.key("computedTotal")
    json.number(report.computedTotal)
    json.key("grade")
    json.string(report.grade)
    json.key("statedGrade")
    json.string(report.statedGrade)
    json.key("cells")
    write(cells: report.cells, to: &json)
    json.endObject()
  }

  static func write(funds row: FundsRow, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.key("item")
    json.string(row.item)
    json.key("initialBudget")
    json.number(row.initialBudget)
    json.key("budget")
    json.number(row.budget)
    json.key("executed")
    json.number(row.executed)
    json.key("rate")
    json.number(row.rate)
    json.key("weight")
    json.number(row.weight)
    json.key("score")
    json.number(row.score)
    if let unit = row.sourceUnit {
      json.key("sourceUnit")
      json.string(unit)
    }
    json.key("cells")
    write(cells: row.cells, to: &json)
    json.endObject()
  }

  static func write(indicator: Indicator, to json: inout JSONStreamWriter) {
    json.beginObject()
    json.key("level1")
    json.string(indicator.level1)
    json.key("level2")
    json.string(indicator.level2)
    json.key("name")
    json.string(indicator.name)
    json.key("target")
    write(value: indicator.target, to: &json)
    json.key("actual")
    write(value: indicator.actual, to: &json)
    json.key("weight")
    json.number(indicator.weight)
    json.key("score")
    json.number(indicator.score)
    json.key("deviation")
    json.string(indicator.deviation)
    json.key("row")
    json.integer(indicator.row)
    json.key("cells")
    write(cells: indicator.cells, to: &json)
    json.endObject()
  }

  static func write(value: Value?, to json: inout JSONStreamWriter) {
    guard let value else { return json.null() }
    json.beginObject()
    json.key("text")
    json.string(value.text)
    json.key("op")
    json.string(value.op?.rawValue)
    json.key("number")
    json.number(value.number)
    json.key("unit")
    json.string(value.unit)
    json.endObject()
  }

  /// Field → A1, in a fixed order.
  static func write(cells: CellMap, to json: inout JSONStreamWriter) {
    json.beginObject()
    cells.forEachUTF8 { key, reference in
      json.key(utf8: key)
      json.string(utf8: reference)
    }
    json.endObject()
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
