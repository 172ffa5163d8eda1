import Foundation

/// A progress line on stderr while a merge runs: files done / total, files per second and
/// time left. Drawn at most ten times a second, from any thread; off when stderr is not
/// a terminal or with `--quiet`.
final class ProgressBar: @unchecked Sendable {
  private let enabled: Bool
  private let started = Date()
  private let lock = NSLock()
  private var lastDrawn = Date.distantPast

  init(enabled: Bool) {
    self.enabled = enabled
  }

  /// Draws `done` files of `total`, the number found so far (it grows while the
  /// directories are still being listed).
  func update(_ done: Int, of total: Int) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard done == total || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
    lastDrawn = now
    let elapsed = max(now.timeIntervalSince(started), 0.001)
    let rate = Double(done) / elapsed
    let left = rate > 0 ? Double(total - done) / rate : 0
    let width = 30
    let filled = total > 0 ? width * done / total : width
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    StandardError.write(String(format: "\r%@ %d/%d 个文件  %.0f 个/秒  剩余 %.0f 秒 ", bar, done, total, rate, left))
  }

  func finish() {
    guard enabled else { return }
    StandardError.write("\r\u{1B}[K")
  }
}
