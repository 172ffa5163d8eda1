import Foundation
import Testing
@testable import XLSX

/// Inputs found by fuzzing the reader (`Fuzz/run`, docs/security.md), replayed through the
/// fuzz target's own code path (ReaderFuzzHarness) without sanitizers. Each fixture in
/// Fixtures/Fuzz is named after what it triggered and has its expected outcome below.
///
/// What only the fuzz build can see (sanitizer reports, leaks, output on libxml2's
/// generic error channel) is checked by `Fuzz/run --regress` over the same fixtures;
/// this test target cannot import libxml2 (its ICU headers clash with Foundation's).
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/Fuzz")

  /// What each fixture must give now that its bug is fixed.
  static let expectations: [String: Expected] = [
    // encoding="UTF-7" with bytes iconv cannot convert: libxml2 printed "encoding error :
    // input conversion failed …" and "I/O error : encoder error" to stderr.
    "sharedstrings-utf7-encoding-error-printed-to-stderr.bin": .fails(.directSharedStrings, .malformedXML),
    // 128-byte chunks: a chunk ending in `<c r` made CellBlanker read `r=` past its end
    // (ASan heap-buffer-overflow in the direct worksheet mode's blanking check). The
    // fuzzer's CR after the XML declaration is a space here, so that patches keep it.
    "worksheet-blanker-read-past-chunk-end.bin": .reads(.directWorksheet, count: 2),
    // Invalid UTF-8 right before a blanked cell: libxml2's message quotes the next bytes
    // ("Bytes: 0xBE 0x22 0x3E 0x3C"), which blanking had turned into a space. Same place,
    // other message; the reader now takes the message from an unfiltered read.
    "worksheet-blanker-error-quotes-blanked-bytes.bin": .fails(.directWorksheet, .malformedXML),
    // A cell read ahead with Japanese text blanked whole: libxml2 counts columns in
    // characters, so the tag mismatch after it was reported 6 columns further right
    // (the harness's differential check stopped). The reader reports errors from an
    // unfiltered read; the check now compares columns only when no such text was blanked.
    "worksheet-preread-multibyte-text-shifts-error-column.bin": .fails(.directWorksheet, .malformedXML),
    // 7-byte chunks: an empty cell on another row (`<c r="BE2"/>` in row 1) was read ahead,
    // so row 1 ended only when it was taken in, after the chunk libxml2 would have ended it
    // in, and an error came first: row 1 was lost. Such a cell is now left to libxml2.
    "worksheet-preread-row-ended-in-a-later-chunk.bin": .fails(.directWorksheet, .malformedXML),
    // 128-byte chunks: blanked cells moved the last `<` / `>` of a chunk, from which
    // libxml2's push parser decides how far it parses; row 1 then ended a chunk earlier
    // than without blanking, before the chunk that failed. Cells are now blanked only
    // before the chunk's last `>` that precedes its last `<`.
    "worksheet-preread-row-ended-a-chunk-early.bin": .fails(.directWorksheet, .malformedXML),
  ]

  enum Expected {
    case fails(ReaderFuzzHarness.Mode, XLSXError.Code)
    case reads(ReaderFuzzHarness.Mode, count: Int)
  }

  static let fixtureNames: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()

  @Test func everyFixtureHasAnExpectation() {
    #expect(Set(Self.fixtureNames) == Set(Self.expectations.keys))
  }

  @Test(arguments: fixtureNames)
  func replays(_ name: String) throws {
    let input = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
    let outcome = ReaderFuzzHarness.run(input)
    switch try #require(Self.expectations[name]) {
    case .fails(let mode, let code):
      #expect(outcome.mode == mode)
      #expect((outcome.error ?? outcome.sheetErrors.first)?.code == code)
    case .reads(let mode, let count):
      #expect(outcome.mode == mode)
      #expect(outcome.error == nil && outcome.sheetErrors.isEmpty)
      #expect(outcome.count == count)
    }
  }
}

/// The harness itself: if it stopped reaching the reader's depths, fuzzing would go on
/// "finding nothing" without testing anything.
@Suite("Fuzz harness")
struct FuzzHarnessTests {
  static let samples: [URL] = {
    let directory = Corpus.packageRoot.appendingPathComponent("Samples")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".xlsx") }.sorted().map { directory.appendingPathComponent($0) }
  }()

  @Test func readsEverySampleWholeWithBothDumps() throws {
    #expect(!Self.samples.isEmpty)
    for sample in Self.samples {
      let bytes = try [UInt8](Data(contentsOf: sample))
      for modeByte: UInt8 in [0, 14] {  // JSON dump, TSV dump
        let outcome = ReaderFuzzHarness.run([modeByte] + bytes)
        #expect(outcome.mode == .wholeFile)
        #expect(outcome.error == nil && outcome.sheetErrors.isEmpty, "\(sample.lastPathComponent)")
        #expect(outcome.count > 0, "\(sample.lastPathComponent)")
      }
    }
  }

  @Test(arguments: ReaderFuzzHarness.Mode.allCases.filter { $0.packedPart != nil })
  func packedModeReadsTheFixedPartItself(_ mode: ReaderFuzzHarness.Mode) throws {
    let part = try #require(FuzzFixedPackage.parts.first { $0.name == mode.packedPart })
    let outcome = ReaderFuzzHarness.run([mode.rawValue] + part.data)
    #expect(outcome.error == nil && outcome.sheetErrors.isEmpty)
    #expect(outcome.sheetNames == ["Sheet1", "隐藏", "Chart", "NoPart"])
    #expect(outcome.count == 18)  // 15 cells in Sheet1 and 3 in 隐藏
  }

  @Test func directModesGiveTheSameResultWhateverTheChunkSize() throws {
    let cases: [(ReaderFuzzHarness.Mode, String, Int)] = [
      (.directWorksheet, "xl/worksheets/sheet1.xml", 15), (.directSharedStrings, "xl/sharedStrings.xml", 4),
      (.directWorkbook, "xl/workbook.xml", 4), (.directStyles, "xl/styles.xml", 6),
      (.directRelationships, "xl/_rels/workbook.xml.rels", 6), (.directContentTypes, "[Content_Types].xml", 3),
    ]
    for (mode, name, count) in cases {
      let part = try #require(FuzzFixedPackage.parts.first { $0.name == name })
      for chunkByte: UInt8 in [0, 3, 16] {  // 1 B, 8 B and 64 KiB chunks
        let outcome = ReaderFuzzHarness.run([mode.rawValue, chunkByte] + part.data)
        #expect(outcome.mode == mode)
        #expect(outcome.error == nil, "\(mode) with chunk byte \(chunkByte)")
        #expect(outcome.count == count, "\(mode) with chunk byte \(chunkByte)")
      }
    }
  }
}
