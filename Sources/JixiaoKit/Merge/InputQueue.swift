import Foundation

/// The files to convert, handed from the directory walk to the conversion threads as the
/// walk finds them: converting starts with the first file found, not after the last
/// directory is listed (which matters on a slow network share as much as with ten
/// thousand files).
///
/// The walk ``add(_:)``s files and ``close()``s the queue when it is done; the
/// conversion threads ``take()`` them, waiting when they have caught up with the walk.
public final class InputQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private var files: [InputFile] = []
  private var taken = 0
  private var isClosed = false

  /// An open queue, for a walk to fill.
  public init() {}

  /// A closed queue of `files`.
  public init(_ files: [InputFile]) {
    self.files = files
    isClosed = true
  }

  /// Adds a file at the end (before ``close()``).
  public func add(_ file: InputFile) {
    condition.lock()
    precondition(!isClosed, "InputQueue.add after close")
    files.append(file)
    condition.unlock()
    condition.signal()
  }

  /// Says that no more files will come.
  public func close() {
    condition.lock()
    isClosed = true
    condition.unlock()
    condition.broadcast()
  }

  /// The next file not yet taken and its position in the queue; waits while the queue
  /// is empty but open; nil once it is closed and every file has been taken.
  func take() -> (position: Int, file: InputFile)? {
    condition.lock()
    defer { condition.unlock() }
    while taken == files.count && !isClosed { condition.wait() }
    guard taken < files.count else { return nil }
    defer { taken += 1 }
    return (taken, files[taken])
  }

  /// The files added so far.
  public var count: Int {
    condition.lock()
    defer { condition.unlock() }
    return files.count
  }

  /// Every file, in the order added; waits until the queue is closed.
  public func all() -> [InputFile] {
    condition.lock()
    defer { condition.unlock() }
    while !isClosed { condition.wait() }
    return files
  }
}
