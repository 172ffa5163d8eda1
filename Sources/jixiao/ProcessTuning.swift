import CProcessTuning

/// Settings of the process for a run that reads thousands of files on several threads.
enum ProcessTuning {
  /// glibc's allocator: by default each thread's heap is shrunk as soon as its top is
  /// free (`madvise`) and grown again piece by piece (`mprotect`) for the next file: a
  /// merge of 2,000 workbooks made about 1,800 such calls. Here a heap keeps up to 256 MiB
  /// it has freed and grows 16 MiB at a time, so it settles at its peak size (which peak
  /// RSS counts anyway).
  static func tuneAllocator() {
    jx_tune_allocator(256 << 20, 16 << 20)
  }

  /// Lowers the calling thread's priority (nice +10, Linux), for work that can wait while
  /// other threads hold up the end of the run: it then runs on the cores they leave idle.
  static func lowerCurrentThreadPriority() {
    _ = jx_lower_thread_priority(10)
  }
}
