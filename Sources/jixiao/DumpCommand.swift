import ArgumentParser
import OrderedJSON
import XLSX

#if canImport(Glibc)
import Glibc
#endif

/// `jixiao dump FILE [--sheet NAME|INDEX] [--format tsv|json]`
struct DumpCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump",
    abstract: "列出工作簿的工作表、单元格和合并区域（读取器所见的原样内容）。"
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tsv, json
  }

  @Argument(help: "要读取的 .xlsx 文件。")
  var file: String

  @Option(name: .long, help: "只输出这个工作表：名称，或从 1 开始的序号。")
  var sheet: String?

  @Option(name: .long, help: "输出格式：tsv（每个单元格一行）或 json（与一致性语料的期望文件同形）。")
  var format: Format = .tsv

  func run() throws {
    do {
      let workbook = try Workbook(path: file)
      let selected = try selectSheets(of: workbook)
      switch format {
      case .json:
        let json = try WorkbookDump.json(of: workbook, sheets: selected)
        StandardOutput.write(json.serialized() + "\n")
      case .tsv:
        try WorkbookDump.tsv(of: workbook, sheets: selected) { StandardOutput.write($0) }
      }
      StandardOutput.flush()
    } catch let error as XLSXError {
      StandardError.write("jixiao: \(error)\n")
      throw ExitCode(2)
    }
  }

  private func selectSheets(of workbook: Workbook) throws -> [SheetInfo]? {
    guard let sheet else { return nil }
    if let found = workbook.sheet(named: sheet) { return [found] }
    if let number = Int(sheet), number >= 1, number <= workbook.sheets.count {
      return [workbook.sheets[number - 1]]
    }
    let names = workbook.sheets.map { "「\($0.name)」" }.joined(separator: "、")
    throw ValidationError("文件 \(file) 中没有工作表「\(sheet)」；现有工作表：\(names)")
  }
}
