import Foundation
import Testing

@testable import JixiaoKit

/// Files converted as a walk finds them (``InputQueue``), results in the order of the
/// files' names whatever the order found and the number of threads.
@Suite("Parallel conversion")
struct ParallelConversionTests {
  /// Skipped inputs (not workbooks): converting them reads nothing, so the files need not exist.
  private func skipped(_ name: String) -> InputFile {
    InputFile(path: "/nonexistent/\(name)", name: name, skipReason: "不是 .xlsx 工作簿（扩展名 .csv）")
  }

  private let names = ["b/2.csv", "a.csv", "c/1.csv", "b/10.csv", "a/z.csv", "表.csv", "B.csv"]

  @Test(arguments: [1, 2, 4])
  func resultsComeInNameOrderWhateverTheOrderFound(jobs: Int) throws {
    let conversion = ParallelConversion(converter: Converter(mapping: try MappingLoader.loadDefault()), jobs: jobs)
    let queue = InputQueue()
    for name in names { queue.add(skipped(name)) }
    queue.close()
    let results = conversion.run(queue)
    #expect(results.map(\.file) == ["B.csv", "a.csv", "a/z.csv", "b/10.csv", "b/2.csv", "c/1.csv", "表.csv"])
    #expect(results.allSatisfy { $0.skipReason == "不是 .xlsx 工作簿（扩展名 .csv）" })
    #expect(conversion.run(names.map(skipped)).map(\.file) == results.map(\.file))
  }

  @Test func filesAddedWhileTheThreadsRunAreAllConverted() throws {
    let conversion = ParallelConversion(converter: Converter(mapping: try MappingLoader.loadDefault()), jobs: 3)
    let queue = InputQueue()
    let counts = ProgressLog()
    // The threads start on an empty queue and wait; the files come one at a time.
    let walk = Thread {
      for index in 0..<200 {
        queue.add(skipped(String(format: "%03d.csv", 199 - index)))
        if index % 50 == 0 { Thread.sleep(forTimeInterval: 0.005) }
      }
      queue.close()
    }
    walk.start()
    let results = conversion.run(queue) { done, found in counts.record(done: done, found: found) }
    #expect(results.map(\.file) == (0..<200).map { String(format: "%03d.csv", $0) })
    #expect(queue.count == 200)
    let log = counts.entries
    #expect(log.count == 200)
    #expect(log.map(\.done).sorted() == Array(1...200))
    #expect(log.allSatisfy { $0.done <= $0.found && $0.found <= 200 })
  }

  @Test func aClosedEmptyQueueGivesNoResults() throws {
    let conversion = ParallelConversion(converter: Converter(mapping: try MappingLoader.loadDefault()), jobs: 2)
    let queue = InputQueue()
    queue.close()
    #expect(conversion.run(queue).isEmpty)
    #expect(queue.all().isEmpty)
  }

  /// What the progress callback was told, from the worker threads.
  private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [(done: Int, found: Int)] = []

    func record(done: Int, found: Int) {
      lock.lock()
      log.append((done, found))
      lock.unlock()
    }

    var entries: [(done: Int, found: Int)] {
      lock.lock()
      defer { lock.unlock() }
      return log
    }
  }
}
