import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao convert FILE [-o DIR] [--mapping FILE] [--format json|xlsx|both]`
struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "把一个绩效自评表工作簿转换为标准 JSON 和标准工作簿。",
    discussion: """
      输出文件名取自输入文件名：自评表.xlsx → 自评表.jixiao.json、自评表.jixiao.xlsx（不会覆盖输入文件）。
      -o - 把 JSON 写到标准输出。摘要写到标准错误。
      退出码：0 已转换；2 文件无法读取或其中没有自评表；64 用法错误。
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, xlsx, both
  }

  @Argument(help: "要转换的 .xlsx 文件。")
  var file: String

  @Option(name: .shortAndLong, help: "输出目录（默认当前目录）；- 表示把 JSON 写到标准输出。")
  var output: String = "."

  @OptionGroup var mappingOptions: MappingOptions

  @Option(name: .long, help: "输出格式：json、xlsx 或 both（默认）。")
  var format: Format = .both

  func run() throws {
    let mapping = try mappingOptions.load()
    let result = Converter(mapping: mapping).convert(path: file, name: file)
    StandardError.write(ConversionSummary.text(result))
    guard !result.reports.isEmpty else { throw ExitCode(2) }

    let json = CanonicalJSON.text(files: [result], mapping: mapping)
    if output == "-" {
      StandardOutput.write(json)
      StandardOutput.flush()
      return
    }
    let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let directory = URL(fileURLWithPath: output, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      if format != .xlsx {
        let path = directory.appendingPathComponent("\(stem).jixiao.json").path
        try OutputFile.write(Array(json.utf8), to: path)
        StandardError.write("已写出 \(path)\n")
      }
      if format != .json {
        let path = directory.appendingPathComponent("\(stem).jixiao.xlsx").path
        try ConsolidatedWorkbook(files: [result], mapping: mapping).write(to: path)
        StandardError.write("已写出 \(path)\n")
      }
    } catch {
      StandardError.write("jixiao: 无法写出结果：\(error)\n")
      throw ExitCode(2)
    }
  }
}

/// `--mapping FILE`, shared by the commands that read tables.
struct MappingOptions: ParsableArguments {
  @Option(name: .long, help: "映射文件（YAML，通常写 extends: default）；默认使用内置的 default 映射。")
  var mapping: String?

  func load() throws -> Mapping {
    do {
      if let mapping { return try MappingLoader.load(path: mapping) }
      return try MappingLoader.loadDefault()
    } catch {
      StandardError.write("jixiao: \(error)\n")
      throw ExitCode(2)
    }
  }
}
