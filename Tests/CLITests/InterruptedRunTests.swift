import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `jixiao merge` killed part-way leaves no partial or temporary file, and never
/// touches the outputs of an earlier run: SIGKILL while reading the inputs or while
/// writing the outputs, SIGTERM and SIGINT at either time, with unnamed (`O_TMPFILE`)
/// and with named temporary files.
///
/// The input is a few hundred copies of the sample workbooks. The test finds out from
/// `/proc/PID/fd` whether the run is still reading (no file open in the output directory)
/// or already writing (one is), so the signal lands where it is meant to; a run that was
/// too quick to catch is repeated on a bigger input rather than passing unexamined.
@Suite("jixiao merge killed part-way", .serialized)
struct InterruptedRunTests {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Samples")

  private static let oldWorkbook = Array("上一次运行的汇总工作簿（不是真正的 xlsx，只用来比较字节）".utf8)
  private static let oldJSON = Array("{\"上一次\": true}\n".utf8)

  enum Moment { case reading, writing }

  /// One prepared run: the input copies, the output directory with the old outputs, and
  /// the outputs an uninterrupted run produces from the same input.
  final class Bench {
    let root: URL
    var copies: Int
    private(set) var reference: (workbook: [UInt8], json: [UInt8])?

    init(copies: Int) throws {
      root = try CLIRunner.temporaryDirectory()
      self.copies = copies
      try makeInput()
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var output: URL { root.appendingPathComponent("out") }

    func makeInput() throws {
      let fm = FileManager.default
      let input = root.appendingPathComponent("提交")
      try? fm.removeItem(at: input)
      try fm.createDirectory(at: input, withIntermediateDirectories: true)
      let samples = try fm.contentsOfDirectory(atPath: InterruptedRunTests.samples.path).filter { $0.hasSuffix(".xlsx") }
      for copy in 0..<copies {
        let sample = samples[copy % samples.count]
        try fm.copyItem(
          at: InterruptedRunTests.samples.appendingPathComponent(sample),
          to: input.appendingPathComponent("\(copy / samples.count)-\(sample)"))
      }
      reference = nil
    }

    func resetOutputs() throws {
      let fm = FileManager.default
      try? fm.removeItem(at: output)
      try fm.createDirectory(at: output, withIntermediateDirectories: true)
      try Data(InterruptedRunTests.oldWorkbook).write(to: output.appendingPathComponent("汇总.xlsx"))
      try Data(InterruptedRunTests.oldJSON).write(to: output.appendingPathComponent("汇总.json"))
    }

    func start(environment extra: [String: String] = [:], outputDirectory: String = "out") throws -> Process {
      let process = Process()
      process.executableURL = CLIRunner.executable
      process.arguments = [
        "merge", "提交", "-o", "\(outputDirectory)/汇总.xlsx", "--json", "\(outputDirectory)/汇总.json", "--jobs", "1",
      ]
      process.currentDirectoryURL = root
      process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      return process
    }

    /// The outputs of an uninterrupted run (deterministic: the same input gives the same bytes).
    func referenceOutputs() throws -> (workbook: [UInt8], json: [UInt8]) {
      if let reference { return reference }
      let process = try start(outputDirectory: "reference")
      process.waitUntilExit()
      let directory = root.appendingPathComponent("reference")
      let outputs = (
        workbook: Array(try Data(contentsOf: directory.appendingPathComponent("汇总.xlsx"))),
        json: Array(try Data(contentsOf: directory.appendingPathComponent("汇总.json")))
      )
      try FileManager.default.removeItem(at: directory)
      reference = outputs
      return outputs
    }
  }

  /// Whether `pid` has a file open in `directory` (an output being written).
  private static func hasFileOpen(_ pid: Int32, in directory: URL) -> Bool {
    let prefix = directory.resolvingSymlinksInPath().path + "/"
    guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
    return descriptors.contains { descriptor in
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)"))?.hasPrefix(prefix)
        ?? false
    }
  }

  /// CPU seconds `pid` has used so far (user + system), from `/proc/PID/stat`.
  private static func cpuSeconds(_ pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return 0 }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  /// What a caught run left: the ended process, and the output directory's listing at
  /// the moment the signal was sent.
  struct Interrupted {
    var process: Process
    var listingAtSignal: [String]
  }

  struct NotCaught: Error {}

  /// Starts a merge over the old outputs and sends `signal` at `moment`; the process has
  /// ended when this returns. Nil when the run could not be caught at that moment.
  private func interrupt(
    _ bench: Bench, with signal: Int32, at moment: Moment, environment: [String: String] = [:]
  ) throws -> Interrupted? {
    try bench.resetOutputs()
    let process = try bench.start(environment: environment)
    let pid = process.processIdentifier
    var listingAtSignal: [String]?
    polling: while process.isRunning {
      switch moment {
      case .reading:
        // Past start-up (the signal handlers are installed first thing) and converting.
        if Self.cpuSeconds(pid) >= 0.3 {
          guard !Self.hasFileOpen(pid, in: bench.output) else { break polling }  // too late
          listingAtSignal = try listing(bench)
          kill(pid, signal)
          break polling
        }
        usleep(20_000)
      case .writing:
        if Self.hasFileOpen(pid, in: bench.output) {
          listingAtSignal = try listing(bench)
          kill(pid, signal)
          break polling
        }
        usleep(500)
      }
    }
    if listingAtSignal == nil, process.isRunning { kill(pid, SIGKILL) }
    process.waitUntilExit()
    return listingAtSignal.map { Interrupted(process: process, listingAtSignal: $0) }
  }

  /// Interrupts a run, growing the input until one is caught at `moment`.
  private func interruptCaught(
    _ bench: Bench, with signal: Int32, at moment: Moment, environment: [String: String] = [:]
  ) throws -> Interrupted {
    for _ in 0..<4 {
      if let caught = try interrupt(bench, with: signal, at: moment, environment: environment) { return caught }
      bench.copies *= 2
      try bench.makeInput()
    }
    Issue.record("no run of up to \(bench.copies / 2) files could be caught while \(moment)")
    throw NotCaught()
  }

  private func listing(_ bench: Bench) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: bench.output.path).sorted()
  }

  private func outputs(_ bench: Bench) throws -> (workbook: [UInt8], json: [UInt8]) {
    (
      Array(try Data(contentsOf: bench.output.appendingPathComponent("汇总.xlsx"))),
      Array(try Data(contentsOf: bench.output.appendingPathComponent("汇总.json")))
    )
  }

  /// Nothing but the two outputs, both exactly as before.
  private func expectUntouched(_ bench: Bench, _ context: String) throws {
    let files = try listing(bench)
    #expect(files == ["汇总.json", "汇总.xlsx"], "\(context): \(files)")
    // Compared outside #expect, whose failure message would diff the bytes at length.
    let (workbook, json) = try outputs(bench)
    let sameWorkbook = workbook == Self.oldWorkbook
    let sameJSON = json == Self.oldJSON
    #expect(sameWorkbook, "\(context): the old workbook was changed")
    #expect(sameJSON, "\(context): the old JSON was changed")
  }

  /// Nothing but the two outputs, each either as before or complete (what an
  /// uninterrupted run writes): a signal while writing may come after one was committed.
  private func expectOldOrComplete(_ bench: Bench, _ context: String, allowing extra: [String] = []) throws {
    let files = try listing(bench).filter { !extra.contains($0) }
    #expect(files == ["汇总.json", "汇总.xlsx"], "\(context): \(files)")
    let (workbook, json) = try outputs(bench)
    if workbook != Self.oldWorkbook {
      let complete = workbook == (try bench.referenceOutputs().workbook)
      #expect(complete, "\(context): a partial workbook")
    }
    if json != Self.oldJSON {
      let complete = json == (try bench.referenceOutputs().json)
      #expect(complete, "\(context): a partial JSON")
    }
  }

  @Test func sigkillWhileReadingLeavesTheOldOutputs() throws {
    let bench = try Bench(copies: 300)
    let process = try interruptCaught(bench, with: SIGKILL, at: .reading).process
    #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
    try expectUntouched(bench, "SIGKILL while reading")
  }

  @Test(arguments: [(SIGTERM, 143), (SIGINT, 130)] as [(Int32, Int32)])
  func sigtermAndSigintWhileReadingExitAndLeaveTheOldOutputs(_ signal: Int32, _ status: Int32) throws {
    let bench = try Bench(copies: 300)
    let process = try interruptCaught(bench, with: signal, at: .reading).process
    #expect(process.terminationReason == .exit && process.terminationStatus == status)
    try expectUntouched(bench, "signal \(signal) while reading")
  }

  @Test func sigkillWhileWritingLeavesNoPartialFile() throws {
    // With O_TMPFILE the file being written has no name, so even SIGKILL leaves nothing.
    let bench = try Bench(copies: 60)
    for round in 1...2 {
      let process = try interruptCaught(bench, with: SIGKILL, at: .writing).process
      #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL)
      try expectOldOrComplete(bench, "SIGKILL while writing, round \(round)")
    }
  }

  @Test(arguments: [(SIGTERM, 143, true), (SIGINT, 130, true), (SIGTERM, 143, false)] as [(Int32, Int32, Bool)])
  func sigtermAndSigintWhileWritingLeaveNoTemporaryFile(_ signal: Int32, _ status: Int32, _ named: Bool) throws {
    // Named temporary files (the fallback where O_TMPFILE is missing) are the ones the
    // signal handler must remove; unnamed ones vanish with the process anyway.
    let bench = try Bench(copies: 60)
    let caught = try interruptCaught(
      bench, with: signal, at: .writing, environment: named ? ["JIXIAO_NAMED_TEMPORARY_FILES": "1"] : [:])
    #expect(caught.process.terminationReason == .exit && caught.process.terminationStatus == status)
    if named {
      // The run really was writing under a temporary name when the signal came.
      #expect(caught.listingAtSignal.contains { $0.hasPrefix(".汇总.") && $0.hasSuffix(".tmp") })
    }
    try expectOldOrComplete(bench, "signal \(signal) while writing, named temporary files: \(named)")
  }

  @Test func controlSigkillWithNamedTemporaryFilesLeavesOneBehind() throws {
    // The control for the tests above: without O_TMPFILE nothing can remove a named
    // temporary file after SIGKILL, and the listing check sees it. (The old outputs are
    // still intact: that part of the guarantee holds either way.)
    let bench = try Bench(copies: 60)
    let caught = try interruptCaught(
      bench, with: SIGKILL, at: .writing, environment: ["JIXIAO_NAMED_TEMPORARY_FILES": "1"])
    #expect(caught.process.terminationReason == .uncaughtSignal)
    let files = try listing(bench)
    #expect(files.contains { $0.hasPrefix(".汇总.") && $0.hasSuffix(".tmp") }, "\(files)")
    try expectOldOrComplete(bench, "SIGKILL with named temporary files", allowing: files.filter { $0.hasPrefix(".") })
  }
}
