import ArgumentParser
import JixiaoKit

/// `jixiao validate PATH… [--mapping FILE] [--json] [--strict]`
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "校验绩效自评表：逐个文件列出问题，并按文件状态、级别和代码汇总。",
    discussion: """
      PATH 可以是文件或目录；目录会递归查找其中的 .xlsx、.xlsm 工作簿（忽略隐藏文件和 ~$ 锁定文件，\
      不进入符号链接指向的目录）；其他文件列为“已跳过”并说明原因。问题代码见 docs/issues.md。
      退出码：0 没有错误；1 发现错误（使用 --strict 时警告也算）；\
      2 有输入无法处理（路径不存在、文件无法读取，或直接指定的文件不是 .xlsx）；64 用法错误。
      """
  )

  @Argument(help: ArgumentHelp("要校验的 .xlsx 文件或目录（可以有多个）。", valueName: "path"))
  var paths: [String]

  @OptionGroup var mappingOptions: MappingOptions

  @Flag(name: .long, help: "输出一个 JSON 文档（文件、问题和汇总），而不是表格。")
  var json = false

  @Flag(name: .long, help: "警告也按错误计（有警告时退出码为 1）。")
  var strict = false

  func run() throws {
    let mapping = try mappingOptions.load()
    let (inputs, errors) = InputFiles.scan(paths)
    for error in errors { StandardError.write("jixiao: \(error.message)\n") }
    let run = ValidationRun(inputs: inputs, inputErrors: errors, converter: Converter(mapping: mapping, tracing: false))
    if json {
      StandardOutput.write(ValidationJSON.document(run, mapping: mapping).serialized() + "\n")
    } else {
      StandardOutput.write(ValidationText.render(run, strict: strict))
    }
    StandardOutput.flush()
    let status = run.exitCode(strict: strict)
    if status != 0 { throw ExitCode(status) }
  }
}
