#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands byte chunks to a consumer that runs on a thread of its own, so that producing
/// the next bytes (rendering XML) and consuming the last ones (CRC-32 and deflate)
/// overlap. At most ``depth`` chunks wait; ``submit(_:)`` blocks when the consumer lags.
/// The consumer sees the chunks in order. Its first error stops it: later chunks are
/// dropped and ``submit(_:)`` and ``drain()`` throw that error.
///
/// ``stop(discardingPending:)`` ends the thread; until then the thread holds the pipeline.
final class ChunkPipeline: @unchecked Sendable {
  static let depth = 2

  private let consume: (UnsafeRawBufferPointer) throws(XLSXError) -> Void
  // Everything below is guarded by `mutex`.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var pending: [[UInt8]] = []
  private var spare: [[UInt8]] = []
  private var consuming = false
  private var stopping = false
  private var failure: XLSXError?
  private var thread: pthread_t?

  init(consume: @escaping (UnsafeRawBufferPointer) throws(XLSXError) -> Void) throws(XLSXError) {
    self.consume = consume
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
    let context = Unmanaged.passRetained(self).toOpaque()
    #if canImport(Darwin)
    var handle: pthread_t?
    #else
    var handle = pthread_t()
    #endif
    let status = pthread_create(
      &handle, nil,
      { context in
        let pipeline = Unmanaged<ChunkPipeline>.fromOpaque(context!).takeRetainedValue()
        pipeline.run()
        return nil
      }, context)
    guard status == 0 else {
      Unmanaged<ChunkPipeline>.fromOpaque(context).release()
      throw XLSXError(.io, "无法启动压缩线程（\(status)）")
    }
    thread = handle
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  /// Queues a copy of `bytes` for the consumer.
  func submit(_ bytes: UnsafeRawBufferPointer) throws(XLSXError) {
    pthread_mutex_lock(mutex)
    while pending.count >= Self.depth && failure == nil { pthread_cond_wait(changed, mutex) }
    if let failure {
      pthread_mutex_unlock(mutex)
      throw failure
    }
    var chunk = spare.popLast() ?? []
    pthread_mutex_unlock(mutex)
    chunk.removeAll(keepingCapacity: true)
    chunk.append(contentsOf: bytes)
    pthread_mutex_lock(mutex)
    pending.append(chunk)
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// Waits until every queued chunk is consumed; throws the consumer's error if it failed.
  func drain() throws(XLSXError) {
    pthread_mutex_lock(mutex)
    while (!pending.isEmpty || consuming) && failure == nil { pthread_cond_wait(changed, mutex) }
    let failure = failure
    pthread_mutex_unlock(mutex)
    if let failure { throw failure }
  }

  /// Consumes what is queued (or drops it), then ends the thread and waits for it.
  func stop(discardingPending: Bool) {
    pthread_mutex_lock(mutex)
    stopping = true
    if discardingPending { pending.removeAll() }
    pthread_cond_broadcast(changed)
    let thread = self.thread
    self.thread = nil
    pthread_mutex_unlock(mutex)
    if let thread { pthread_join(thread, nil) }
  }

  private func run() {
    pthread_mutex_lock(mutex)
    while true {
      while pending.isEmpty && !stopping { pthread_cond_wait(changed, mutex) }
      if pending.isEmpty { break }
      let chunk = pending.removeFirst()
      consuming = true
      pthread_mutex_unlock(mutex)
      var error: XLSXError?
      do { try withBytes(chunk, consume) } catch let thrown { error = thrown }
      pthread_mutex_lock(mutex)
      consuming = false
      if let error {
        failure = error
        pending.removeAll()
      }
      spare.append(chunk)
      pthread_cond_broadcast(changed)
    }
    pthread_mutex_unlock(mutex)
  }
}
