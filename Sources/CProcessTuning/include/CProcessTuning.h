// Process settings the command-line tool makes that Swift's Glibc module cannot reach:
// the allocator's (mallopt, in <malloc.h>) and a thread's scheduling priority (which
// takes the kernel's thread id).
#ifndef JIXIAO_CPROCESSTUNING_H
#define JIXIAO_CPROCESSTUNING_H

/// Lets each heap keep up to `keep_bytes` it has freed (M_TRIM_THRESHOLD) and grow
/// `grow_bytes` beyond what an allocation needs (M_TOP_PAD). No-op without glibc.
void jx_tune_allocator(int keep_bytes, int grow_bytes);

/// Raises the calling thread's nice value by `increment` (a lower priority), on Linux;
/// 0, or -1 where it is not done. Only the calling thread is affected.
int jx_lower_thread_priority(int increment);

#endif
