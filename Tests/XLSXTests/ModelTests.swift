import Testing
@testable import XLSX

@Suite("A1 references")
struct CellReferenceTests {
  @Test(arguments: [
    ("A1", 0, 0), ("b7", 6, 1), ("$C$3", 2, 2), ("Z1", 0, 25), ("AA1", 0, 26), ("XFD1048576", 1_048_575, 16_383),
  ])
  func parses(_ text: String, row: Int, column: Int) {
    #expect(CellReference(text) == CellReference(row: row, column: column))
  }

  @Test(arguments: ["", "A", "1", "A0", "XFE1", "A1048577", "1A", "A1B", "A-1", "ＡＢ1"])
  func rejects(_ text: String) {
    #expect(CellReference(text) == nil)
  }

  @Test func printsOneBasedA1() {
    #expect(CellReference(row: 0, column: 0).description == "A1")
    #expect(CellReference(row: 99, column: 702).description == "AAA100")
    for column in [0, 25, 26, 701, 702, 16_383] {
      #expect(CellReference("\(CellReference.columnName(column))1")?.column == column)
    }
  }

  @Test func parsesRanges() {
    #expect(CellRange("B2:A1")?.description == "A1:B2")
    #expect(CellRange("C3")?.description == "C3:C3")
    #expect(CellRange("A1:B2")?.contains(CellReference("B2")!) == true)
    #expect(CellRange("A1:B2")?.contains(CellReference("C2")!) == false)
    #expect(CellRange("A1:") == nil)
  }
}

@Suite("Number formats and dates")
struct NumberFormatTests {
  @Test(arguments: [
    ("General", NumberFormatKind.number), ("0.00", .number), ("0.0%", .percent), ("#,##0.00_);[Red](#,##0.00)", .number),
    ("0.00E+00", .number), ("@", .number), (#"0.00"天""#, .number), ("[DBNum1]General", .number),
    ("yyyy-mm-dd", .dateTime), (#"yyyy"年"m"月"d"日""#, .dateTime), ("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", .dateTime),
    ("m/d/yy h:mm", .dateTime), ("h:mm AM/PM", .dateTime), ("[$-409]mmm-yy", .dateTime), ("DD/MM/YYYY", .dateTime),
    ("[h]:mm:ss", .duration), ("[HH]:MM", .duration), ("[ss]", .duration), ("[Red]0.00", .number),
    (#"\d0"#, .number),
  ])
  func classifiesCodes(_ code: String, _ kind: NumberFormatKind) {
    #expect(NumberFormatKind(code: code) == kind, "\(code)")
  }

  @Test func classifiesBuiltInIDs() {
    for id in [14, 15, 22, 27, 31, 36, 45, 47, 50, 55, 57, 58] { #expect(NumberFormatKind(builtInID: id) == .dateTime, "\(id)") }
    #expect(NumberFormatKind(builtInID: 46) == .duration)
    for id in [0, 1, 2, 37, 44, 49, 59, 164] { #expect(NumberFormatKind(builtInID: id) == .number, "\(id)") }
    for id in [9, 10] { #expect(NumberFormatKind(builtInID: id) == .percent, "\(id)") }
  }

  @Test(arguments: [
    (0.5, false, "1899-12-30T12:00:00"), (1, false, "1900-01-01T00:00:00"), (59, false, "1900-02-28T00:00:00"),
    (60, false, "1900-02-29T00:00:00"), (61, false, "1900-03-01T00:00:00"), (44197, false, "2021-01-01T00:00:00"),
    (44197.999999999, false, "2021-01-02T00:00:00"), (10.632060185, false, "1900-01-10T15:10:10"),
    (0, true, "1904-01-01T00:00:00"), (42735, true, "2021-01-01T00:00:00"), (2_958_465, false, "9999-12-31T00:00:00"),
    (43831.0423726852, false, "2020-01-01T01:01:01"), (0.0000115740740740741, false, "1899-12-30T00:00:01"),
    (1.0005, false, "1900-01-01T00:00:43.200"),
  ])
  func rendersSerials(_ serial: Double, _ uses1904: Bool, _ iso: String) {
    #expect(ExcelDateTime(serial: serial, uses1904: uses1904).isoString == iso)
  }

  @Test(arguments: [
    ("2021-01-01", false, 44197.0), ("2021-01-01T12:00:00", false, 44197.5), ("1900-01-01", false, 1.0),
    ("1900-03-01", false, 61.0), ("2021-01-01T00:00:00Z", false, 44197.0), ("12:00:00", false, 0.5),
    ("2021-01-01", true, 42735.0),
  ])
  func parsesISODates(_ text: String, _ uses1904: Bool, _ serial: Double) {
    #expect(ExcelDateTime(iso: text, uses1904: uses1904)?.serial == serial)
  }

  @Test func rejectsNonDates() {
    for text in ["", "2021-13-01", "yesterday", "2021-01", "25:00"] { #expect(ExcelDateTime(iso: text, uses1904: false) == nil, "\(text)") }
  }

  @Test func parsesNumbersExactly() {
    for text in ["0", "-0", "1", "3.14", "0.1", "123456789012345", "1234567890123456789", "1e-5", "-2.5E+10", "4.9406564584124654e-324", "1.7976931348623157e308", " 7 "] {
      let bytes = Array(text.utf8)
      let parsed = bytes.withUnsafeBufferPointer(parseDouble)
      #expect(parsed == Double(text.trimmingSpaces), "\(text)")
    }
    for text in ["", "abc", "1e999", "nan", "inf", "0x10", "1.2.3", "--1"] {
      #expect(Array(text.utf8).withUnsafeBufferPointer(parseDouble) == nil, "\(text)")
    }
  }
}

extension String {
  fileprivate var trimmingSpaces: String { String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
}
