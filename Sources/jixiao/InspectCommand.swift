import ArgumentParser
import JixiaoKit

/// `jixiao inspect FILE [--mapping FILE]`
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "显示每个工作表找到的表格、每个标准字段取自哪个单元格和哪个别名，以及未映射的标签。",
    discussion: "为新省份的表头写映射文件时使用：先 inspect，把未映射的标签加进映射文件，再 convert。"
  )

  @Argument(help: "要检查的 .xlsx 文件。")
  var file: String

  @OptionGroup var mappingOptions: MappingOptions

  func run() throws {
    let mapping = try mappingOptions.load()
    let result = Converter(mapping: mapping).convert(path: file, name: file)
    StandardOutput.write(InspectionText.render(result, mapping: mapping))
    StandardOutput.flush()
    if result.status == .unreadable {
      for issue in result.issues { StandardError.write("jixiao: \(issue.message)\n") }
      throw ExitCode(2)
    }
  }
}
