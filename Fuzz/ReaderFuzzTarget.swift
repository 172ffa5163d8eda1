// libFuzzer entry point for the XLSX reader. Not part of the SwiftPM build: `Fuzz/run`
// compiles it with `swiftc -sanitize=fuzzer,address -parse-as-library` into one module
// with the reading side of Sources/XLSX and Tests/XLSXTests/ReaderFuzzHarness.swift (the
// code path, which the regression tests share). See docs/security.md.
internal import CLibXML2

#if canImport(Glibc)
import Glibc
#endif

/// Executions and time spent per mode, printed when the process exits.
nonisolated(unsafe) private var modeExecutions = [Int](repeating: 0, count: ReaderFuzzHarness.Mode.allCases.count)
nonisolated(unsafe) private var modeNanoseconds = [UInt64](repeating: 0, count: ReaderFuzzHarness.Mode.allCases.count)
/// Executions that read without any error (whole workbook, or the direct parse).
nonisolated(unsafe) private var modeClean = [Int](repeating: 0, count: ReaderFuzzHarness.Mode.allCases.count)

private func monotonicNanoseconds() -> UInt64 {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

private func printModeStatistics() {
  var lines = ""
  for mode in ReaderFuzzHarness.Mode.allCases {
    let index = Int(mode.rawValue)
    let seconds = Double(modeNanoseconds[index]) / 1e9
    let rate = seconds > 0 ? Int(Double(modeExecutions[index]) / seconds) : 0
    lines += "mode-stats: \(mode) execs=\(modeExecutions[index]) read-without-error=\(modeClean[index])"
    lines += " seconds-in-target=\(Int(seconds)) exec/s-in-target=\(rate)\n"
  }
  var bytes = Array(lines.utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

/// Where libxml2's generic error channel writes, instead of stderr: anything written
/// there is a finding (a library that prints to the user's terminal on hostile input).
nonisolated(unsafe) private var genericErrorSink: UnsafeMutablePointer<FILE>?

private func checkGenericErrorSink() {
  guard let sink = genericErrorSink, ftell(sink) > 0 else { return }
  rewind(sink)
  var text = [UInt8](repeating: 0, count: 4096)
  let count = fread(&text, 1, text.count, sink)
  let message = "libxml2 wrote to its generic error channel (stderr in production):\n"
    + String(decoding: text.prefix(count), as: UTF8.self)
  var bytes = Array(message.utf8)
  _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
  abort()
}

@_cdecl("LLVMFuzzerInitialize")
public func readerFuzzInitialize(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
  if getenv("JIXIAO_FUZZ_STATS") != nil { atexit { printModeStatistics() } }
  xmlInitParser()
  genericErrorSink = tmpfile()
  xmlSetGenericErrorFunc(genericErrorSink, nil)  // nil: libxml2's default handler, writing to the sink
  return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func readerFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeBufferPointer(start: data, count: size)
  guard let mode = ReaderFuzzHarness.mode(of: input) else { return 0 }
  let start = monotonicNanoseconds()
  let outcome = ReaderFuzzHarness.run(input)
  let index = Int(mode.rawValue)
  modeNanoseconds[index] += monotonicNanoseconds() - start
  modeExecutions[index] += 1
  if outcome.error == nil && outcome.sheetErrors.isEmpty { modeClean[index] += 1 }
  checkGenericErrorSink()
  return 0
}
