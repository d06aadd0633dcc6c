// An LD_PRELOAD library for the power-cut test (tests/power_cut/): it records every call that
// changes files under one folder (GATECAST_WRITE_LOG_ROOT) into a log (GATECAST_WRITE_LOG),
// with the bytes written, so that replay.cpp can rebuild the disk as a power cut after any of
// those calls would leave it: only what an fsync made durable survives.
//
// Log records, one header line each (paths relative to the root, inode numbers as st_ino):
//   N F|D <ino> <path>        a file or folder was created
//   W <ino> <offset> <len>\n  followed by exactly <len> raw bytes
//   T <ino> <size>            ftruncate (or O_TRUNC on an existing file)
//   R <from> <to>             rename
//   L <from> <to>             hard link
//   U <path> / X <path>       unlink of a file / rmdir of a folder
//   S <ino>                   fsync or fdatasync of a file or folder
//   A                         sync or syncfs: everything durable
//   M <text>                  a marker written by the test between steps
// GATECAST_WRITE_LOG_IGNORE_SYNC=<fnmatch pattern>: fsyncs of files or folders whose path
// (relative to the root, as opened) matches it are performed but not recorded, as if that
// fsync were deleted from the code: the test's proof that it notices a missing fsync.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_TRACKED_FD 4096

static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static int log_fd = -2;  // -2: not opened yet; -1: recording is off
static char root[PATH_MAX];
static size_t root_len;
static const char* ignore_sync;
static unsigned char tracked[MAX_TRACKED_FD];   // fds opened under the root
static char tracked_path[MAX_TRACKED_FD][256];  // the path as opened, for IGNORE_SYNC

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

static void put_all(const char* data, size_t n) {
  static ssize_t (*real_write)(int, const void*, size_t);
  if (!real_write) real_write = REAL(write);
  while (n > 0) {
    const ssize_t w = real_write(log_fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      abort();  // a log with a hole would make the test lie
    }
    data += w;
    n -= (size_t)w;
  }
}

static int recording(void) {
  if (log_fd != -2) return log_fd >= 0;
  pthread_mutex_lock(&lock);
  if (log_fd != -2) {
    pthread_mutex_unlock(&lock);
    return log_fd >= 0;
  }
  const char* file = getenv("GATECAST_WRITE_LOG");
  const char* dir = getenv("GATECAST_WRITE_LOG_ROOT");
  ignore_sync = getenv("GATECAST_WRITE_LOG_IGNORE_SYNC");
  if (!file || !dir || !realpath(dir, root)) {
    log_fd = -1;
    pthread_mutex_unlock(&lock);
    return 0;
  }
  root_len = strlen(root);
  int (*real_open)(const char*, int, ...) = REAL(open);
  const int fd = real_open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) abort();
  log_fd = fd;
  pthread_mutex_unlock(&lock);
  return 1;
}

// Before any thread of the program starts.
__attribute__((constructor)) static void start_recording(void) {
  (void)recording();
}

// The path of `path` (relative to `dirfd`) relative to the root, in `out`; 0 when outside it.
// The last component need not exist; the folders above it must.
static int relative_path(int dirfd, const char* path, char* out, size_t out_size) {
  char joined[PATH_MAX * 2];
  if (path[0] == '/') {
    snprintf(joined, sizeof joined, "%s", path);
  } else {
    char base[PATH_MAX];
    if (dirfd == AT_FDCWD) {
      if (!getcwd(base, sizeof base)) return 0;
    } else {
      char link[64];
      snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
      const ssize_t n = readlink(link, base, sizeof base - 1);
      if (n < 0) return 0;
      base[n] = '\0';
    }
    snprintf(joined, sizeof joined, "%s/%s", base, path);
  }
  // Resolve the folder part; keep the last component as it is (it may not exist yet).
  char* slash = strrchr(joined, '/');
  const char* leaf = slash + 1;
  *slash = '\0';
  char folder[PATH_MAX];
  if (!realpath(joined[0] ? joined : "/", folder)) return 0;
  char full[PATH_MAX * 2];
  if (strcmp(leaf, ".") == 0 || leaf[0] == '\0') {
    snprintf(full, sizeof full, "%s", folder);
  } else {
    snprintf(full, sizeof full, "%s/%s", folder, leaf);
  }
  if (strcmp(full, root) == 0) {
    snprintf(out, out_size, ".");
    return 1;
  }
  if (strncmp(full, root, root_len) != 0 || full[root_len] != '/') return 0;
  snprintf(out, out_size, "%s", full + root_len + 1);
  return 1;
}

static void record_line(const char* format, ...) {
  char line[PATH_MAX * 3];
  va_list args;
  va_start(args, format);
  const int n = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  put_all(line, (size_t)n);
}

static unsigned long long inode_of_fd(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static void track(int fd, const char* rel) {
  if (fd < 0 || fd >= MAX_TRACKED_FD) return;
  tracked[fd] = 1;
  snprintf(tracked_path[fd], sizeof tracked_path[0], "%s", rel);
}

static int is_tracked(int fd) {
  return fd >= 0 && fd < MAX_TRACKED_FD && tracked[fd];
}

// The common part of every open: `existed` is whether the path was there before the call.
static void after_open(int fd, const char* rel, int flags, int existed) {
  if (fd < 0) return;
  track(fd, rel);
  struct stat st;
  if (fstat(fd, &st) != 0) return;
  if (!existed && (flags & O_CREAT)) {
    record_line("N F %llu %s\n", (unsigned long long)st.st_ino, rel);
  } else if ((flags & O_TRUNC) && S_ISREG(st.st_mode) && (flags & O_ACCMODE) != O_RDONLY) {
    record_line("T %llu 0\n", (unsigned long long)st.st_ino);
  }
}

static int exists_at(int dirfd, const char* path) {
  struct stat st;
  return fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

static int do_openat(int dirfd, const char* path, int flags, mode_t mode) {
  static int (*real_openat)(int, const char*, int, ...);
  if (!real_openat) real_openat = REAL(openat);
  if (!recording()) return real_openat(dirfd, path, flags, mode);
  char rel[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = relative_path(dirfd, path, rel, sizeof rel);
  const int existed = inside && exists_at(dirfd, path);
  const int fd = real_openat(dirfd, path, flags, mode);
  const int saved = errno;
  if (inside) after_open(fd, rel, flags, existed);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return fd;
}

static mode_t mode_argument(int flags, va_list args) {
  return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(args, int) : 0;
}

int open(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = mode_argument(flags, args);
  va_end(args);
  return do_openat(AT_FDCWD, path, flags, mode);
}
int open64(const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = mode_argument(flags, args);
  va_end(args);
  return do_openat(AT_FDCWD, path, flags, mode);
}
int openat(int dirfd, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = mode_argument(flags, args);
  va_end(args);
  return do_openat(dirfd, path, flags, mode);
}
int openat64(int dirfd, const char* path, int flags, ...) {
  va_list args;
  va_start(args, flags);
  const mode_t mode = mode_argument(flags, args);
  va_end(args);
  return do_openat(dirfd, path, flags, mode);
}
int __open_2(const char* path, int flags) {
  return do_openat(AT_FDCWD, path, flags, 0);
}
int __open64_2(const char* path, int flags) {
  return do_openat(AT_FDCWD, path, flags, 0);
}
int __openat_2(int dirfd, const char* path, int flags) {
  return do_openat(dirfd, path, flags, 0);
}
int __openat64_2(int dirfd, const char* path, int flags) {
  return do_openat(dirfd, path, flags, 0);
}
int creat(const char* path, mode_t mode) {
  return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}
int creat64(const char* path, mode_t mode) {
  return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

// glibc's mkstemp opens through an internal call that LD_PRELOAD cannot see.
static int do_mkostemps(char* pattern, int suffix, int flags) {
  static int (*real_mkostemps)(char*, int, int);
  if (!real_mkostemps) real_mkostemps = REAL(mkostemps);
  if (!recording()) return real_mkostemps(pattern, suffix, flags);
  pthread_mutex_lock(&lock);
  const int fd = real_mkostemps(pattern, suffix, flags);
  const int saved = errno;
  char rel[PATH_MAX];
  if (fd >= 0 && relative_path(AT_FDCWD, pattern, rel, sizeof rel)) after_open(fd, rel, O_CREAT, 0);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return fd;
}
int mkstemp(char* pattern) {
  return do_mkostemps(pattern, 0, 0);
}
int mkstemp64(char* pattern) {
  return do_mkostemps(pattern, 0, 0);
}
int mkostemp(char* pattern, int flags) {
  return do_mkostemps(pattern, 0, flags);
}
int mkstemps(char* pattern, int suffix) {
  return do_mkostemps(pattern, suffix, 0);
}
int mkostemps(char* pattern, int suffix, int flags) {
  return do_mkostemps(pattern, suffix, flags);
}

int close(int fd) {
  static int (*real_close)(int);
  if (!real_close) real_close = REAL(close);
  if (fd == log_fd && fd >= 0) return 0;  // a program closing every fd must not end the log
  pthread_mutex_lock(&lock);
  if (fd >= 0 && fd < MAX_TRACKED_FD) tracked[fd] = 0;
  const int r = real_close(fd);
  const int saved = errno;
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}

static void record_write(int fd, ssize_t n, const struct iovec* iov, int count, off_t explicit_offset) {
  if (n <= 0) return;
  const unsigned long long ino = inode_of_fd(fd);
  off_t offset = explicit_offset;
  if (offset < 0) offset = lseek(fd, 0, SEEK_CUR) - n;  // after the write, also right for O_APPEND
  record_line("W %llu %lld %lld\n", ino, (long long)offset, (long long)n);
  size_t left = (size_t)n;
  for (int i = 0; i < count && left > 0; ++i) {
    const size_t part = iov[i].iov_len < left ? iov[i].iov_len : left;
    put_all(iov[i].iov_base, part);
    left -= part;
  }
}

ssize_t write(int fd, const void* data, size_t n) {
  static ssize_t (*real_write)(int, const void*, size_t);
  if (!real_write) real_write = REAL(write);
  if (!recording() || !is_tracked(fd)) return real_write(fd, data, n);
  pthread_mutex_lock(&lock);
  const ssize_t r = real_write(fd, data, n);
  const int saved = errno;
  const struct iovec one = {(void*)data, n};
  record_write(fd, r, &one, 1, -1);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}

static ssize_t do_pwrite(int fd, const void* data, size_t n, off_t offset) {
  static ssize_t (*real_pwrite)(int, const void*, size_t, off_t);
  if (!real_pwrite) real_pwrite = REAL(pwrite);
  if (!recording() || !is_tracked(fd)) return real_pwrite(fd, data, n, offset);
  pthread_mutex_lock(&lock);
  const ssize_t r = real_pwrite(fd, data, n, offset);
  const int saved = errno;
  const struct iovec one = {(void*)data, n};
  record_write(fd, r, &one, 1, offset);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
ssize_t pwrite(int fd, const void* data, size_t n, off_t offset) {
  return do_pwrite(fd, data, n, offset);
}
ssize_t pwrite64(int fd, const void* data, size_t n, off_t offset) {
  return do_pwrite(fd, data, n, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  static ssize_t (*real_writev)(int, const struct iovec*, int);
  if (!real_writev) real_writev = REAL(writev);
  if (!recording() || !is_tracked(fd)) return real_writev(fd, iov, count);
  pthread_mutex_lock(&lock);
  const ssize_t r = real_writev(fd, iov, count);
  const int saved = errno;
  record_write(fd, r, iov, count, -1);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}

static int do_ftruncate(int fd, off_t size) {
  static int (*real_ftruncate)(int, off_t);
  if (!real_ftruncate) real_ftruncate = REAL(ftruncate);
  if (!recording() || !is_tracked(fd)) return real_ftruncate(fd, size);
  pthread_mutex_lock(&lock);
  const int r = real_ftruncate(fd, size);
  const int saved = errno;
  if (r == 0) record_line("T %llu %lld\n", inode_of_fd(fd), (long long)size);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int ftruncate(int fd, off_t size) {
  return do_ftruncate(fd, size);
}
int ftruncate64(int fd, off_t size) {
  return do_ftruncate(fd, size);
}

static int do_sync(int fd, int (*real)(int)) {
  if (!recording() || !is_tracked(fd)) return real(fd);
  pthread_mutex_lock(&lock);
  const int r = real(fd);
  const int saved = errno;
  const int ignored = ignore_sync && ignore_sync[0] && fnmatch(ignore_sync, tracked_path[fd], 0) == 0;
  if (r == 0 && !ignored) record_line("S %llu\n", inode_of_fd(fd));
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int fsync(int fd) {
  static int (*real_fsync)(int);
  if (!real_fsync) real_fsync = REAL(fsync);
  return do_sync(fd, real_fsync);
}
int fdatasync(int fd) {
  static int (*real_fdatasync)(int);
  if (!real_fdatasync) real_fdatasync = REAL(fdatasync);
  return do_sync(fd, real_fdatasync);
}
void sync(void) {
  static void (*real_sync)(void);
  if (!real_sync) real_sync = REAL(sync);
  pthread_mutex_lock(&lock);
  real_sync();
  if (recording()) record_line("A\n");
  pthread_mutex_unlock(&lock);
}
int syncfs(int fd) {
  static int (*real_syncfs)(int);
  if (!real_syncfs) real_syncfs = REAL(syncfs);
  pthread_mutex_lock(&lock);
  const int r = real_syncfs(fd);
  const int saved = errno;
  if (r == 0 && recording()) record_line("A\n");
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}

// Two paths, both inside the root, for rename and link; a move across the root's edge is
// an error of the test (the store never does one), recorded as such.
static int two_paths(int from_dir, const char* from, int to_dir, const char* to, char* a, char* b) {
  const int in_a = relative_path(from_dir, from, a, PATH_MAX);
  const int in_b = relative_path(to_dir, to, b, PATH_MAX);
  if (in_a != in_b) record_line("E move across the recorded folder's edge: %s -> %s\n", from, to);
  return in_a && in_b;
}

static int do_renameat(int from_dir, const char* from, int to_dir, const char* to, unsigned flags) {
  static int (*real_renameat2)(int, const char*, int, const char*, unsigned);
  if (!real_renameat2) real_renameat2 = REAL(renameat2);
  if (!recording()) return real_renameat2(from_dir, from, to_dir, to, flags);
  char a[PATH_MAX], b[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = two_paths(from_dir, from, to_dir, to, a, b);
  const int r = real_renameat2(from_dir, from, to_dir, to, flags);
  const int saved = errno;
  if (r == 0 && inside) record_line("R %s %s\n", a, b);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int rename(const char* from, const char* to) {
  return do_renameat(AT_FDCWD, from, AT_FDCWD, to, 0);
}
int renameat(int fd, const char* from, int tfd, const char* to) {
  return do_renameat(fd, from, tfd, to, 0);
}
int renameat2(int fd, const char* from, int tfd, const char* to, unsigned flags) {
  return do_renameat(fd, from, tfd, to, flags);
}

static int do_linkat(int from_dir, const char* from, int to_dir, const char* to, int flags) {
  static int (*real_linkat)(int, const char*, int, const char*, int);
  if (!real_linkat) real_linkat = REAL(linkat);
  if (!recording()) return real_linkat(from_dir, from, to_dir, to, flags);
  char a[PATH_MAX], b[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = two_paths(from_dir, from, to_dir, to, a, b);
  const int r = real_linkat(from_dir, from, to_dir, to, flags);
  const int saved = errno;
  if (r == 0 && inside) record_line("L %s %s\n", a, b);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int link(const char* from, const char* to) {
  return do_linkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}
int linkat(int fd, const char* from, int tfd, const char* to, int flags) {
  return do_linkat(fd, from, tfd, to, flags);
}

int symlink(const char* target, const char* path) {
  static int (*real_symlink)(const char*, const char*);
  if (!real_symlink) real_symlink = REAL(symlink);
  if (!recording()) return real_symlink(target, path);
  char rel[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = relative_path(AT_FDCWD, path, rel, sizeof rel);
  const int r = real_symlink(target, path);
  const int saved = errno;
  // The store never makes symlinks; one would be a change the replay cannot model.
  if (r == 0 && inside) record_line("E symlink made in the recorded folder: %s\n", rel);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}

static int do_unlinkat(int dirfd, const char* path, int flags) {
  static int (*real_unlinkat)(int, const char*, int);
  if (!real_unlinkat) real_unlinkat = REAL(unlinkat);
  if (!recording()) return real_unlinkat(dirfd, path, flags);
  char rel[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = relative_path(dirfd, path, rel, sizeof rel);
  const int r = real_unlinkat(dirfd, path, flags);
  const int saved = errno;
  if (r == 0 && inside) record_line("%c %s\n", (flags & AT_REMOVEDIR) ? 'X' : 'U', rel);
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int unlink(const char* path) {
  return do_unlinkat(AT_FDCWD, path, 0);
}
int unlinkat(int dirfd, const char* path, int flags) {
  return do_unlinkat(dirfd, path, flags);
}
int rmdir(const char* path) {
  return do_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}
int remove(const char* path) {
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) return do_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
  return do_unlinkat(AT_FDCWD, path, 0);
}

static int do_mkdirat(int dirfd, const char* path, mode_t mode) {
  static int (*real_mkdirat)(int, const char*, mode_t);
  if (!real_mkdirat) real_mkdirat = REAL(mkdirat);
  if (!recording()) return real_mkdirat(dirfd, path, mode);
  char rel[PATH_MAX];
  pthread_mutex_lock(&lock);
  const int inside = relative_path(dirfd, path, rel, sizeof rel);
  const int r = real_mkdirat(dirfd, path, mode);
  const int saved = errno;
  if (r == 0 && inside) {
    struct stat st;
    if (fstatat(dirfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0)
      record_line("N D %llu %s\n", (unsigned long long)st.st_ino, rel);
  }
  pthread_mutex_unlock(&lock);
  errno = saved;
  return r;
}
int mkdir(const char* path, mode_t mode) {
  return do_mkdirat(AT_FDCWD, path, mode);
}
int mkdirat(int dirfd, const char* path, mode_t mode) {
  return do_mkdirat(dirfd, path, mode);
}

// Calls that would change a recorded file behind the log's back: made visible, not modelled.
ssize_t copy_file_range(int in, loff_t* in_off, int out, loff_t* out_off, size_t n, unsigned flags) {
  static ssize_t (*real)(int, loff_t*, int, loff_t*, size_t, unsigned);
  if (!real) real = REAL(copy_file_range);
  if (recording() && is_tracked(out)) {
    errno = EXDEV;  // callers (libstdc++'s copy_file) fall back to read and write
    return -1;
  }
  return real(in, in_off, out, out_off, n, flags);
}
