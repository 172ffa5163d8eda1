import ArgumentParser
import JixiaoKit

@main
struct JixiaoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jixiao",
    abstract: "读取、校验并汇总预算绩效自评表（.xlsx）。",
    version: Jixiao.version,
    subcommands: [MergeCommand.self, ConvertCommand.self, InspectCommand.self, ValidateCommand.self, DumpCommand.self, MappingCommand.self]
  )
}
