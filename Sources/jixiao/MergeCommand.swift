import ArgumentParser
import Foundation
import JixiaoKit

/// `jixiao merge PATH… -o OUT.xlsx [--json OUT.json] [--mapping FILE] [--jobs N] [--strict] [--quiet] [--stamp]`
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "把一批提交的绩效自评表汇总为一个工作簿和一个 JSON（主管部门的主要工作）。",
    discussion: """
      PATH 可以是文件或目录；目录递归查找 .xlsx、.xlsm（忽略隐藏文件和 ~$ 锁定文件），\
      .xls、.et、.csv 等列为“已跳过”并说明原因。每个输入文件都会出现在输出中并带有状态。
      结果按文件路径排序，与 --jobs 无关；相同输入得到逐字节相同的输出。
      退出码：0 没有错误；1 发现错误（--strict 时警告也算）；2 没有可读的文件，或输出无法写入；64 用法错误。
      """
  )

  @Argument(help: ArgumentHelp("要汇总的文件或目录（可以有多个）。", valueName: "path"))
  var paths: [String]

  @Option(name: .shortAndLong, help: ArgumentHelp("汇总工作簿（.xlsx）的路径。", valueName: "out.xlsx"))
  var output: String

  @Option(name: .long, help: ArgumentHelp("同时写出标准 JSON 到此路径。", valueName: "out.json"))
  var json: String?

  @OptionGroup var mappingOptions: MappingOptions

  @Option(name: .long, help: "并行处理的线程数（默认：全部 CPU 核）。")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(name: .long, help: "警告也按错误计（有警告时退出码为 1）。")
  var strict = false

  @Flag(name: .long, help: "不输出进度和摘要。")
  var quiet = false

  @Flag(name: .long, help: "在“说明”表中写入运行时间（输出将不再逐字节可重复）。")
  var stamp = false

  /// The results, never freed: the process ends soon after they are written, and
  /// freeing ten thousand files' reports piece by piece took about 0.15 s on one core.
  nonisolated(unsafe) private static var keptUntilExit: [FileResult] = []

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs 至少为 1") }
    guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("-o 的文件名应以 .xlsx 结尾：\(output)") }
  }

  func run() throws {
    let started = Date()
    // Never read our own outputs back in (an output inside an input directory).
    let outputs = [output, json].compactMap { $0 }.filter { InputFiles.couldList($0, from: paths) }
      .map(StandardPath.of)
    let isOutput: @Sendable (InputFile) -> Bool = { input in
      guard !outputs.isEmpty else { return false }
      let path = StandardPath.of(input.path)
      return outputs.contains { $0.utf8.elementsEqual(path.utf8) }
    }
    // The inputs are listed while the mapping loads, and converted as they are found.
    // Arguments that overlap are listed whole first, to be deduplicated.
    let queue = InputQueue()
    let listing = BackgroundTask { [paths] in
      defer { queue.close() }
      guard !InputFiles.mayOverlap(paths) else {
        let (inputs, errors) = InputFiles.scan(paths)
        for input in inputs where !isOutput(input) { queue.add(input) }
        return errors
      }
      return InputFiles.walk(paths) { input in
        if !isOutput(input) { queue.add(input) }
      }
    }
    let mapping = try mappingOptions.load()

    let progress = ProgressBar(enabled: !quiet && isatty(2) == 1)
    var files = ParallelConversion(converter: Converter(mapping: mapping, tracing: false), jobs: jobs).run(queue) {
      done, found in progress.update(done, of: found)
    }
    progress.finish()
    let errors = try listing.wait()
    if !quiet { for error in errors { StandardError.write("jixiao: \(error.message)\n") } }
    DuplicateReports.flag(&files, mapping: mapping)
    Self.keptUntilExit = files

    do {
      for path in [output, json].compactMap({ $0 }) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      }
      var notes: [(String, String)] = []
      if stamp { notes.append(("生成时间", ISO8601DateFormatter().string(from: started))) }
      for error in errors { notes.append(("无法处理的输入", error.message)) }
      // The two outputs are written at the same time, on two threads. The workbook takes
      // longest (its rows are rendered on this thread and deflated on another), so the
      // JSON's thread runs at a lower priority, on the time those two leave.
      let jsonWriter = json.map { path in
        BackgroundTask { [files] in
          ProcessTuning.lowerCurrentThreadPriority()
          return try OutputFile.stream(to: path) { sink in try CanonicalJSON.stream(files: files, mapping: mapping, to: sink) }
        }
      }
      let workbookError: Error?
      do {
        try ConsolidatedWorkbook(files: files, mapping: mapping, notes: notes).write(to: output)
        workbookError = nil
      } catch {
        workbookError = error
      }
      try jsonWriter?.wait()
      if let workbookError { throw workbookError }
    } catch {
      StandardError.write("jixiao: 无法写出汇总结果：\(error)\n")
      throw ExitCode(2)
    }

    let summary = MergeSummary(counts: ResultCounts(files), inputErrors: errors.count, seconds: Date().timeIntervalSince(started))
    if !quiet {
      StandardError.write(summary.line + "\n")
      StandardError.write("已写出 \(output)\(json.map { "、\($0)" } ?? "")\n")
    }
    let status = summary.exitCode(strict: strict)
    if status != 0 { throw ExitCode(status) }
  }
}

/// The one-line summary of a merge, and its exit code.
struct MergeSummary {
  let counts: ResultCounts
  let inputErrors: Int
  let seconds: Double

  var line: String {
    let byStatus = FileStatus.allCases.map { status in
      "\(status.chineseName) \(counts.files(status))"
    }
    let bySeverity = Severity.allCases.map { severity in "\(severity.chineseName) \(counts.issues(severity))" }
    return "汇总 \(counts.files) 个文件（\(byStatus.joined(separator: "，"))），\(counts.reports) 份报表；问题：\(bySeverity.joined(separator: "，"))；用时 \(String(format: "%.1f", seconds)) 秒"
  }

  /// 2 when nothing could be read; else 1 with errors (warnings too when strict); else 0.
  func exitCode(strict: Bool) -> Int32 {
    let unread = counts.files(.unreadable) + counts.files(.skipped)
    if counts.files == 0 || unread == counts.files { return 2 }
    if counts.issues(.error) > 0 { return 1 }
    if strict && counts.issues(.warning) > 0 { return 1 }
    return 0
  }
}

/// Runs a throwing job on its own thread; ``wait()`` returns its result when it is done,
/// or rethrows.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, Error>?

  init(_ job: @escaping @Sendable () throws -> Value) {
    Thread.detachNewThread { [self] in
      result = Result { try job() }
      done.signal()
    }
  }

  /// Blocks until the job is done; call it once.
  func wait() throws -> Value {
    done.wait()
    return try result!.get()
  }
}
