#include "CProcessTuning.h"

#include <stdlib.h>  // defines __GLIBC__ with glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void jx_tune_allocator(int keep_bytes, int grow_bytes) {
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_TOP_PAD)
  mallopt(M_TRIM_THRESHOLD, keep_bytes);
  mallopt(M_TOP_PAD, grow_bytes);
#else
  (void)keep_bytes;
  (void)grow_bytes;
#endif
}

int jx_lower_thread_priority(int increment) {
#if defined(__linux__)
  // On Linux a nice value belongs to a thread (PRIO_PROCESS with a thread id).
  pid_t thread = (pid_t)syscall(SYS_gettid);
  errno = 0;
  int current = getpriority(PRIO_PROCESS, (id_t)thread);
  if (current == -1 && errno != 0) return -1;
  return setpriority(PRIO_PROCESS, (id_t)thread, current + increment);
#else
  (void)increment;
  return -1;
#endif
}
