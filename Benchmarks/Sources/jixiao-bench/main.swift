// Reads every cell of every worksheet of the given .xlsx files and prints how many
// cells it saw: the reader's share of the work, timed by Benchmarks/run.
import XLSX

var cells = 0
var numbers = 0.0
var failures = 0
for path in CommandLine.arguments.dropFirst() {
  do {
    let workbook = try Workbook(path: path)
    for sheet in workbook.sheets where sheet.kind == .worksheet {
      try workbook.forEachRow(in: sheet) { row in
        cells += row.cells.count
        for cell in row.cells { if case .number(let value) = cell.value { numbers += value } }
      }
    }
  } catch {
    failures += 1
    print("error: \(error)")
  }
}
print("cells=\(cells) failures=\(failures) sum=\(numbers)")
