// The few POSIX pieces atomic output needs that Swift cannot reach or must not do in
// Swift: O_TMPFILE (a macro), and a table of named temporary files that a signal handler
// can empty without allocating, locking or entering the Swift runtime.
#ifndef JIXIAO_CATOMICOUTPUT_H
#define JIXIAO_CATOMICOUTPUT_H
#include <sys/types.h>

/// Opens an unnamed regular file in `directory` for reading and writing
/// (`open(directory, O_TMPFILE | O_RDWR | O_CLOEXEC, mode)`); -1 and errno when the
/// file system or kernel does not support it (EOPNOTSUPP, EISDIR, EINVAL …).
int jx_open_unnamed(const char *directory, mode_t mode);

/// Gives the unnamed file `descriptor` the name `path` (which must not exist), through
/// `/proc/self/fd`; 0, or -1 and errno. The name is not remembered: use it for the
/// final name only.
int jx_link_unnamed(int descriptor, const char *path);

/// Creates the temporary file `path` (`O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC`) and
/// remembers it for removal on a termination signal, with no moment at which it exists
/// unremembered. Returns the descriptor (and its slot in `*slot`, -1 when the table is
/// full), or -1 and errno (EINTR once the process is terminating).
int jx_create_temporary(const char *path, mode_t mode, int *slot);

/// Gives the unnamed file `descriptor` the temporary name `path`, remembered as by
/// `jx_create_temporary`; 0 or -1 and errno.
int jx_link_temporary(int descriptor, const char *path, int *slot);

/// Stops tracking the slot's file (it was renamed or removed). Safe to call with -1.
void jx_temporary_forget(int slot);

/// True once a termination signal has started the cleanup.
int jx_terminating(void);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove every remembered
/// temporary file and end the process with status 128 + the signal number (130, 143,
/// 129), and unblocks them. Call it first thing on the main thread. A signal that was
/// ignored when the process started stays ignored.
void jx_install_termination_cleanup(void);
#endif
