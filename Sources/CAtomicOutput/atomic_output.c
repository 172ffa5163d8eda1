#define _GNU_SOURCE
#include "CAtomicOutput.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int jx_open_unnamed(const char *directory, mode_t mode) {
#ifdef O_TMPFILE
  return open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
#else
  (void)directory;
  (void)mode;
  errno = EOPNOTSUPP;
  return -1;
#endif
}

static int link_unnamed(int descriptor, const char *path) {
  char source[64];
  snprintf(source, sizeof source, "/proc/self/fd/%d", descriptor);
  if (linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0) return 0;
#ifdef AT_EMPTY_PATH
  // Without /proc, AT_EMPTY_PATH does the same for a process allowed to use it.
  int saved = errno;
  if (linkat(descriptor, "", AT_FDCWD, path, AT_EMPTY_PATH) == 0) return 0;
  errno = saved;
#endif
  return -1;
}

int jx_link_unnamed(int descriptor, const char *path) { return link_unnamed(descriptor, path); }

// A fixed table, so that the signal handler touches only static memory.
// Slot states: 0 free; 1 a writer is creating the file (or emptying the slot);
// 2 holds the path of a file that exists or may exist; 3 taken by the signal handler
// (never handed out again).
enum { slot_count = 64 };
static _Atomic int slot_state[slot_count];
static char slot_path[slot_count][PATH_MAX];
static _Atomic int terminating;

static const int handled_signals[] = {SIGINT, SIGTERM, SIGHUP};
enum { handled_count = sizeof handled_signals / sizeof handled_signals[0] };

/// Claims a free slot for `path` in state 1; -1 when none is free or the path is too long.
static int claim(const char *path) {
  size_t length = strlen(path);
  if (length >= PATH_MAX) return -1;
  for (int slot = 0; slot < slot_count; slot++) {
    int expected = 0;
    if (atomic_compare_exchange_strong(&slot_state[slot], &expected, 1)) {
      memcpy(slot_path[slot], path, length + 1);
      return slot;
    }
  }
  return -1;
}

/// Creates the name `path` with `create`, recorded in the table before the name exists.
///
/// The handled signals are blocked on this thread meanwhile, and the slot stays in state
/// 1 until the outcome is known, so the handler (which then runs on another thread) waits
/// for it: a name can neither appear after the handler has passed nor be missed by it.
static int create_remembered(const char *path, int *slot_out, int (*create)(const char *, int, mode_t),
                             int descriptor, mode_t mode) {
  sigset_t block, previous;
  sigemptyset(&block);
  for (int index = 0; index < handled_count; index++) sigaddset(&block, handled_signals[index]);
  pthread_sigmask(SIG_BLOCK, &block, &previous);
  int result = -1;
  // Claim first, then look at `terminating`: the handler sets `terminating` first, then
  // looks at the slots, so (the atomics being sequentially consistent) either it sees
  // this slot claimed and waits for it, or this thread sees it terminating and stops.
  int slot = claim(path);  // -1: not tracked (table full), but still created
  if (atomic_load(&terminating)) {
    if (slot >= 0) atomic_store(&slot_state[slot], 0);
    errno = EINTR;
  } else {
    result = create(path, descriptor, mode);
    int saved = errno;
    if (slot >= 0) atomic_store(&slot_state[slot], result >= 0 ? 2 : 0);
    errno = saved;
  }
  *slot_out = result >= 0 ? slot : -1;
  int saved = errno;
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  errno = saved;
  return result;
}

static int open_exclusive(const char *path, int descriptor, mode_t mode) {
  (void)descriptor;
  return open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
}

static int link_to(const char *path, int descriptor, mode_t mode) {
  (void)mode;
  return link_unnamed(descriptor, path);
}

int jx_create_temporary(const char *path, mode_t mode, int *slot) {
  return create_remembered(path, slot, open_exclusive, -1, mode);
}

int jx_link_temporary(int descriptor, const char *path, int *slot) {
  return create_remembered(path, slot, link_to, descriptor, 0);
}

void jx_temporary_forget(int slot) {
  if (slot < 0 || slot >= slot_count) return;
  int expected = 2;
  // If the handler already took the slot it owns it now; the process is ending anyway.
  atomic_compare_exchange_strong(&slot_state[slot], &expected, 0);
}

int jx_terminating(void) { return atomic_load(&terminating); }

static void remove_temporaries_and_exit(int signal_number) {
  atomic_store(&terminating, 1);
  for (int slot = 0; slot < slot_count; slot++) {
    // A writer creating a name right now (signals blocked on its thread) finishes within
    // microseconds; wait for it, but never for more than about a second.
    for (int wait = 0; wait < 1000 && atomic_load(&slot_state[slot]) == 1; wait++) {
      struct timespec pause = {0, 1000000};
      nanosleep(&pause, NULL);
    }
    int expected = 2;
    if (atomic_compare_exchange_strong(&slot_state[slot], &expected, 3)) unlink(slot_path[slot]);
  }
  _exit(128 + signal_number);
}

void jx_install_termination_cleanup(void) {
  sigset_t handled;
  sigemptyset(&handled);
  for (int index = 0; index < handled_count; index++) {
    struct sigaction current;
    if (sigaction(handled_signals[index], NULL, &current) != 0 || current.sa_handler == SIG_IGN) continue;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = remove_temporaries_and_exit;
    sigfillset(&action.sa_mask);
    sigaction(handled_signals[index], &action, NULL);
    sigaddset(&handled, handled_signals[index]);
  }
  // A blocked signal would never reach the handler: the mask is inherited through exec,
  // and some parents (a thread of a dispatch pool, for one) start children with these
  // signals blocked. Threads started later inherit the calling thread's mask.
  pthread_sigmask(SIG_UNBLOCK, &handled, NULL);
}
