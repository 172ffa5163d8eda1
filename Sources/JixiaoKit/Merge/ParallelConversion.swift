import Foundation

/// Converts many workbooks on several threads. Results come back in the order of the
/// files' names whatever the number of threads and the order the files were found in,
/// so outputs are the same with `--jobs 1` and `--jobs 8`.
public struct ParallelConversion: Sendable {
  public let converter: Converter
  /// Worker threads (at least 1).
  public let jobs: Int

  public init(converter: Converter, jobs: Int) {
    self.converter = converter
    self.jobs = max(1, jobs)
  }

  /// Converts every input (skipped inputs become skipped results); `progress` is called
  /// after each file, from the worker threads, with the number of files done and the
  /// number found so far.
  public func run(_ inputs: [InputFile], progress: @escaping @Sendable (_ done: Int, _ found: Int) -> Void = { _, _ in })
    -> [FileResult]
  {
    run(InputQueue(inputs), progress: progress)
  }

  /// Converts the files of `queue` as they come, until it is closed.
  public func run(_ queue: InputQueue, progress: @escaping @Sendable (_ done: Int, _ found: Int) -> Void = { _, _ in })
    -> [FileResult]
  {
    let state = State()
    let group = DispatchGroup()
    for _ in 0..<jobs {
      group.enter()
      Thread.detachNewThread { [converter] in
        while let (position, input) = queue.take() {
          var result: FileResult
          if let reason = input.skipReason {
            result = FileResult(file: input.name, sha256: nil, reports: [], issues: [], sheets: [], skipReason: reason)
            result.path = StandardPath.of(input.path)
          } else {
            result = converter.convert(path: input.path, name: input.name)
            // A finished file is reduced to what the outputs need.
            result.sheets = []
          }
          progress(state.store(result, at: position), queue.count)
        }
        group.leave()
      }
    }
    group.wait()
    return state.results(inOrder: InputFiles.nameOrder(queue.all()))
  }

  /// The results, behind a lock.
  private final class State: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var slots: [FileResult?] = []

    /// Stores the result of the file at `position` in the queue; returns the number done.
    func store(_ result: FileResult, at position: Int) -> Int {
      lock.lock()
      defer { lock.unlock() }
      if position >= slots.count { slots.append(contentsOf: repeatElement(nil, count: position + 1 - slots.count)) }
      slots[position] = result
      done += 1
      return done
    }

    /// The results of the files at `positions`, in that order.
    func results(inOrder positions: [Int]) -> [FileResult] {
      lock.lock()
      defer { lock.unlock() }
      return positions.compactMap { slots[$0] }
    }
  }
}
