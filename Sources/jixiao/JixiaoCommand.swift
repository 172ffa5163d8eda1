import ArgumentParser
import JixiaoKit
import XLSX

@main
struct JixiaoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jixiao",
    abstract: "读取、校验并汇总预算绩效自评表（.xlsx）。",
    version: Jixiao.version,
    subcommands: [MergeCommand.self, ConvertCommand.self, InspectCommand.self, ValidateCommand.self, DumpCommand.self, MappingCommand.self]
  )

  /// Ctrl-C (SIGINT), SIGTERM and SIGHUP remove any temporary output file and end the
  /// run with 130, 143 or 129; existing outputs are never touched by an unfinished run.
  /// The allocator is tuned first (``ProcessTuning/tuneAllocator()``).
  static func main() {
    ProcessTuning.tuneAllocator()
    TerminationCleanup.install()
    main(nil)
  }
}
