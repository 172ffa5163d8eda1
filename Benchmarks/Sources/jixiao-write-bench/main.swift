// Writes the writer benchmark sheet with the XLSX writer: a header and 200,000 rows × 10
// columns of repeated Chinese strings, integers, decimals, dates and percentages — the
// same data as Benchmarks/write_xlsxwriter.py and write_openpyxl.py. Timed by
// Benchmarks/run-writer.
//
//   jixiao-write-bench OUT.xlsx [--rows N] [--level 0-9]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import XLSX

var arguments = Array(CommandLine.arguments.dropFirst())
var rows = 200_000
var level: Int?
var path: String?
while !arguments.isEmpty {
  let argument = arguments.removeFirst()
  switch argument {
  case "--rows": rows = arguments.isEmpty ? rows : Int(arguments.removeFirst()) ?? rows
  case "--level": level = arguments.isEmpty ? nil : Int(arguments.removeFirst())
  default: path = argument
  }
}
guard let path else {
  print("usage: jixiao-write-bench OUT.xlsx [--rows N] [--level 0-9]")
  exit(2)
}

func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func pad(_ value: Int, _ width: Int) -> String {
  let digits = String(value)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

let start = now()
do {
  var options = WorkbookWriter.Options()
  if let level { options.compressionLevel = level }
  let writer = try WorkbookWriter(path: path, options: options)
  let header = CellStyle(bold: true, fillColor: RGBColor(0xDDEBF7), border: CellBorder(.thin))
  let date = CellStyle(numberFormat: .date)
  let percent = CellStyle(numberFormat: .percentOneDecimal)
  let sheet = try writer.addSheet(
    named: "数据",
    layout: SheetLayout(columnWidths: [10, 12, 10, 10, 12, 20, 12, 12, 10, 12], frozenRows: 1))
  let titles = ["部门", "项目", "状态", "序号", "金额", "比值", "日期", "备注", "完成率", "调整"]
  try sheet.appendRow(titles.map { .string($0, style: header) })
  // The repeated strings, made once as the Python scripts do with their lists.
  let departments = (0..<50).map { "部门\(pad($0, 2))" }
  let projects = (0..<1000).map { "项目\(pad($0, 4))" }
  let states = ["完成", "未完成", "部分完成"]
  let notes = (0..<10_000).map { "备注\($0)" }
  var row: [WriterCell] = []
  row.reserveCapacity(10)
  for index in 0..<rows {
    row.removeAll(keepingCapacity: true)
    row.append(.string(departments[index % 50]))
    row.append(.string(projects[index % 1000]))
    row.append(.string(states[index % 3]))
    row.append(.number(Double(index)))
    row.append(.number(Double(index) * 1.25))
    row.append(.number(Double(index % 997) / 7))
    row.append(.date(ExcelDateTime(serial: Double(44_927 + index % 3650)), style: date))
    row.append(.string(notes[index % 10_000]))
    row.append(.number(Double(index % 1000) / 1000, style: percent))
    row.append(.number(Double(index) * -0.001))
    try sheet.appendRow(row)
  }
  try writer.close()
} catch {
  print("error: \(error)")
  exit(1)
}
let seconds = now() - start
print("jixiao rows=\(rows) seconds=\(Double(Int(seconds * 1000)) / 1000)")
