import Dispatch
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
  /// 64 KiB, so that thousands of files never become one string in memory. The reports,
  /// most of the document, are rendered on `threads` threads (the same bytes whatever
  /// their number); `sink` is called on the calling thread only.
  public static func stream(
    files: [FileResult], mapping: Mapping, threads: Int = 1, to sink: ([UInt8]) throws -> Void
  ) rethrows {
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
    try writeReports(of: files, threads: threads, to: &json, sink: sink)
    json.key("issues")
    try array(files.lazy.flatMap(\.issues)) { issue, json in json.value(Self.issue(issue)) }
    json.endObject()
    json.endLine()
    try sink(json.takeBytes())
  }

  /// Files whose reports are rendered together, about 800 KB of JSON for forms of
  /// twenty indicators.
  static let filesPerChunk = 64

  /// The `reports` array: its elements rendered in chunks of files, `threads` chunks at a
  /// time, each by a writer of its own, and handed to `sink` in order.
  private static func writeReports(
    of files: [FileResult], threads: Int, to json: inout JSONStreamWriter, sink: ([UInt8]) throws -> Void
  ) rethrows {
    json.beginArray()
    try sink(json.takeBytes())
    let chunks = stride(from: 0, to: files.count, by: filesPerChunk).map { start in
      start..<min(start + filesPerChunk, files.count)
    }
    // Whether reports come before each chunk: its first one then starts with a comma.
    var reportsSoFar = 0
    let continuing = chunks.map { chunk in
      defer { reportsSoFar += files[chunk].reduce(0) { $0 + $1.reports.count } }
      return reportsSoFar > 0
    }
    let batchSize = max(threads, 1) * 2
    for batchStart in stride(from: 0, to: chunks.count, by: batchSize) {
      let batch = batchStart..<min(batchStart + batchSize, chunks.count)
      let rendered = RenderedChunks(count: batch.count)
      let render: @Sendable (Int) -> Void = { offset in
        let chunk = batch.lowerBound + offset
        rendered.store(renderReports(of: files[chunks[chunk]], continuing: continuing[chunk]), at: offset)
      }
      if threads > 1 {
        DispatchQueue.concurrentPerform(iterations: batch.count, execute: render)
      } else {
        for offset in 0..<batch.count { render(offset) }
      }
      for bytes in rendered.all where !bytes.isEmpty { try sink(bytes) }
    }
    if reportsSoFar > 0 { json.noteElementsWrittenElsewhere() }
    json.endArray()
  }

  /// The reports of `files` as elements of the `reports` array, in bytes.
  private static func renderReports(of files: ArraySlice<FileResult>, continuing: Bool) -> [UInt8] {
    var json = JSONStreamWriter(level: 2, continuing: continuing)
    for file in files {
      for report in file.reports {
        json.item()
        write(report: report, to: &json)
      }
    }
    return json.takeBytes()
  }

  /// The bytes of a batch of chunks, each stored by the thread that rendered it into a
  /// slot of its own (raw storage, so that no two threads touch one array's buffer).
  private final class RenderedChunks: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[UInt8]>

    init(count: Int) {
      slots = .allocate(capacity: count)
      slots.initialize(repeating: [])
    }

    deinit {
      slots.deinitialize()
      slots.deallocate()
    }

    /// Called once per slot, from any thread.
    func store(_ bytes: [UInt8], at offset: Int) {
      slots[offset] = bytes
    }

    /// Read once every `store` has returned.
    var all: [[UInt8]] { Array(slots) }
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
