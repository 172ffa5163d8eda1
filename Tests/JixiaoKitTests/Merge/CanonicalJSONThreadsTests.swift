import Foundation
import OrderedJSON
import Testing

@testable import JixiaoKit

/// `CanonicalJSON.stream(threads:)` renders the reports in chunks of files on several
/// threads: the document is the same bytes as one writer's, whatever the number of threads.
@Suite("Canonical JSON on several threads")
struct CanonicalJSONThreadsTests {
  @Test func sameBytesAsOneWriterForAnyNumberOfThreads() throws {
    let mapping = try MappingLoader.loadDefault()
    let converter = Converter(mapping: mapping, tracing: false)
    let samples = SampleGoldenTests.samples.map { name in
      converter.convert(path: SampleGoldenTests.root.appendingPathComponent("Samples/\(name)").path, name: name)
    }
    try #require(samples.contains { $0.reports.isEmpty } && samples.contains { $0.reports.count > 1 })
    // Enough files for several chunks, with files without reports at chunk boundaries.
    var files: [FileResult] = []
    while files.count < CanonicalJSON.filesPerChunk * 3 + 5 { files += samples }
    let noTable = try #require(samples.first { $0.reports.isEmpty })
    files.insert(contentsOf: Array(repeating: noTable, count: CanonicalJSON.filesPerChunk), at: 0)
    files.insert(noTable, at: CanonicalJSON.filesPerChunk * 2)

    // The reports array as one writer writes it, in the document's place.
    var one = JSONStreamWriter(level: 1)
    one.array(files.lazy.flatMap(\.reports), CanonicalJSON.write(report:to:))
    let reports = String(decoding: one.bytes, as: UTF8.self)

    let sequential = CanonicalJSON.text(files: files, mapping: mapping)
    #expect(sequential.contains("\"reports\": " + reports + ",\n \"issues\""))
    for threads in [2, 3, 8] {
      var bytes: [UInt8] = []
      CanonicalJSON.stream(files: files, mapping: mapping, threads: threads) { bytes += $0 }
      #expect(String(decoding: bytes, as: UTF8.self) == sequential, "\(threads) threads")
    }
    // No reports at all: an empty array.
    var empty: [UInt8] = []
    CanonicalJSON.stream(files: [noTable, noTable], mapping: mapping, threads: 2) { empty += $0 }
    #expect(String(decoding: empty, as: UTF8.self).contains("\"reports\": [],\n \"issues\""))
  }
}
