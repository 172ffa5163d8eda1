import Foundation

/// Converts many workbooks on several threads. Results come back in input order
/// whatever the number of threads, so outputs are the same with `--jobs 1` and `--jobs 8`.
public struct ParallelConversion: Sendable {
  public let converter: Converter
  /// Worker threads (at least 1).
  public let jobs: Int

  public init(converter: Converter, jobs: Int) {
    self.converter = converter
    self.jobs = max(1, jobs)
  }

  /// Converts every input (skipped inputs become skipped results); `progress` is called
  /// after each file with the number done, from the worker threads.
  public func run(_ inputs: [InputFile], progress: @escaping @Sendable (Int) -> Void = { _ in }) -> [FileResult] {
    let state = State(count: inputs.count)
    let group = DispatchGroup()
    for _ in 0..<min(jobs, max(inputs.count, 1)) {
      group.enter()
      Thread.detachNewThread { [converter] in
        while let index = state.nextIndex() {
          let input = inputs[index]
          var result: FileResult
          if let reason = input.skipReason {
            result = FileResult(file: input.name, sha256: nil, reports: [], issues: [], sheets: [], skipReason: reason)
            result.path = StandardPath.of(input.path)
          } else {
            result = converter.convert(path: input.path, name: input.name)
            // A finished file is reduced to what the outputs need.
            result.sheets = []
          }
          progress(state.store(result, at: index))
        }
        group.leave()
      }
    }
    group.wait()
    return state.results()
  }

  /// The work queue and the results, behind one lock.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var done = 0
    private var slots: [FileResult?]

    init(count: Int) {
      slots = Array(repeating: nil, count: count)
    }

    func nextIndex() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < slots.count else { return nil }
      defer { next += 1 }
      return next
    }

    func store(_ result: FileResult, at index: Int) -> Int {
      lock.lock()
      defer { lock.unlock() }
      slots[index] = result
      done += 1
      return done
    }

    func results() -> [FileResult] {
      lock.lock()
      defer { lock.unlock() }
      return slots.compactMap { $0 }
    }
  }
}
