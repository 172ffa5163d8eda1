import Testing
@testable import XLSX
import _XLSXTestSupport

/// Random strings, numbers and dates, written and read back: what comes out must be
/// exactly what went in. The generator is seeded, so a failure names its seed.
@Suite("Writer: property-based round trips")
struct WriterPropertyTests {
  static let seeds: [UInt64] = [1, 2, 3, 20_240_301, 0xDEAD_BEEF]

  @Test("Random strings: CJK, emoji, control characters, escapes, spaces, up to 32,767 characters", arguments: seeds)
  func strings(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    var texts = (0..<1500).map { _ in RandomValues.string(using: &random) }
    texts.append(RandomValues.string(utf16Length: SheetWriter.maxTextLength, using: &random))
    texts.append(String(repeating: "\u{0}", count: SheetWriter.maxTextLength))
    texts += ["", " ", "\r", "\r\n", "_x0000_", "_x005F_", "_X0041_", "\u{FEFF}BOM", "\u{2028}", "]]>", "e\u{301}"]
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "s")
      for chunk in stride(from: 0, to: texts.count, by: 7) {
        try sheet.appendRow(texts[chunk..<min(chunk + 7, texts.count)].map { .string($0) })
      }
    }
    let workbook = try Workbook(bytes: bytes)
    var read: [[UInt8]] = []
    try workbook.forEachRow(in: workbook.sheets[0]) { row in
      for cell in row.cells { read.append(Array(cell.value.string?.utf8 ?? "<not a string>".utf8)) }
    }
    #expect(read.count == texts.count, "seed \(seed)")
    for (index, text) in texts.enumerated() where index < read.count && read[index] != Array(text.utf8) {
      Issue.record("seed \(seed), string #\(index): wrote \(text.unicodeScalars.map { String($0.value, radix: 16) }), read \(String(decoding: read[index], as: UTF8.self).unicodeScalars.map { String($0.value, radix: 16) })")
      break
    }
  }

  @Test("Random numbers: ±0, subnormals, ±1.7e308, integers above 2^53, any finite bit pattern", arguments: seeds)
  func numbers(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    var numbers: [Double] = [
      0, -0.0, 5e-324, -5e-324, 2.2250738585072009e-308, 2.2250738585072014e-308, .leastNormalMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1.7e308, -1.7e308, 9_007_199_254_740_992,
      9_007_199_254_740_994, 18_446_744_073_709_551_616, 0.1, 1.0 / 3, 1e21, 1e-21, 123_456_789_012_345_678,
    ]
    numbers += (0..<3000).map { _ in RandomValues.number(using: &random) }
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "n")
      for chunk in stride(from: 0, to: numbers.count, by: 10) {
        try sheet.appendRow(numbers[chunk..<min(chunk + 10, numbers.count)].map { .number($0) })
      }
    }
    let workbook = try Workbook(bytes: bytes)
    var read: [Double] = []
    try workbook.forEachRow(in: workbook.sheets[0]) { row in read += row.cells.compactMap { $0.value.number } }
    #expect(read.count == numbers.count)
    for (written, back) in zip(numbers, read) where written.bitPattern != back.bitPattern {
      Issue.record("seed \(seed): wrote \(written) (\(written.bitPattern)), read \(back) (\(back.bitPattern))")
      break
    }
  }

  @Test("Random dates and times, 1900-01-01 to 9999-12-31, to the millisecond", arguments: seeds)
  func dates(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    var dates = (0..<2000).map { _ in
      ExcelDateTime(serial: Double(Int.random(in: 86_400_000..<2_958_466 * 86_400_000, using: &random)) / 86_400_000)
    }
    dates += (0..<500).map { _ in ExcelDateTime(serial: Double(Int.random(in: 1..<2_958_466, using: &random))) }
    dates.append(ExcelDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59.999)!)
    dates.append(ExcelDateTime(year: 1900, month: 1, day: 1)!)
    let bytes = try WriterTestSupport.workbookBytes { writer in
      let sheet = try writer.addSheet(named: "d")
      for chunk in stride(from: 0, to: dates.count, by: 10) {
        try sheet.appendRow(dates[chunk..<min(chunk + 10, dates.count)].map { .date($0) })
      }
    }
    let workbook = try Workbook(bytes: bytes)
    var read: [CellValue] = []
    try workbook.forEachRow(in: workbook.sheets[0]) { row in read += row.cells.map(\.value) }
    #expect(read == dates.map { CellValue.date($0) }, "seed \(seed)")
    // The calendar fields agree with the serial both ways.
    for date in dates.prefix(200) {
      let parts = date.components
      let rebuilt = ExcelDateTime(
        year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute,
        second: Double(parts.second) + Double(parts.millisecond) / 1000)
      #expect(rebuilt.map { ($0.serial - date.serial).magnitude < 1e-9 } == true, "\(date)")
    }
  }
}

/// Generators for the property tests.
enum RandomValues {
  private static let pools: [[ClosedRange<UInt32>]] = [
    [0x20...0x7E],  // ASCII
    [0x4E00...0x9FFF, 0x3000...0x303F, 0xFF01...0xFF5E],  // CJK, punctuation, full-width
    [0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2A6DF],  // emoji, CJK extension B (surrogate pairs in UTF-16)
    [0x00...0x1F, 0x7F...0x9F],  // controls
    [0xFFFE...0xFFFF, 0xFEFF...0xFEFF, 0x0300...0x036F, 0x2028...0x2029, 0xE000...0xE0FF],  // specials
  ]
  private static let fragments = ["_x0041_", "_x000D_", "_x", "_x12", "&amp;", "<t>", "]]>", "\r\n", " ", "\t", "_"]

  /// A short random string mixing every pool, with leading/trailing spaces now and then.
  static func string(using random: inout SeededGenerator) -> String {
    let length = Int.random(in: 0...(Bool.random(using: &random) ? 12 : 200), using: &random)
    var text = ""
    for _ in 0..<length {
      if Int.random(in: 0..<8, using: &random) == 0 {
        text += fragments.randomElement(using: &random)!
        continue
      }
      text.unicodeScalars.append(scalar(using: &random))
    }
    switch Int.random(in: 0..<6, using: &random) {
    case 0: return " " + text
    case 1: return text + "  "
    default: return text
    }
  }

  /// A random string of exactly `utf16Length` UTF-16 units.
  static func string(utf16Length: Int, using random: inout SeededGenerator) -> String {
    var scalars = String.UnicodeScalarView()
    var units = 0
    while units < utf16Length {
      var next = scalar(using: &random)
      if units + next.utf16.count > utf16Length { next = "a" }
      scalars.append(next)
      units += next.utf16.count
    }
    return String(scalars)
  }

  private static func scalar(using random: inout SeededGenerator) -> Unicode.Scalar {
    let pool = pools[Int.random(in: 0..<pools.count, using: &random)]
    let range = pool[Int.random(in: 0..<pool.count, using: &random)]
    return Unicode.Scalar(UInt32.random(in: range, using: &random)) ?? "?"
  }

  /// Any finite double: random bit patterns, integers, decimals and tiny values.
  static func number(using random: inout SeededGenerator) -> Double {
    switch Int.random(in: 0..<5, using: &random) {
    case 0:
      while true {
        let value = Double(bitPattern: random.next())
        if value.isFinite { return value }
      }
    case 1: return Double(Int64.random(in: .min ... .max, using: &random))
    case 2: return Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &random)) / 100
    case 3: return Double(bitPattern: UInt64.random(in: 1..<(1 << 52), using: &random))  // subnormal
    default: return Double.random(in: -1e6...1e6, using: &random)
    }
  }
}
