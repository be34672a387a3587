/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system-call layer under newlib: what newlib (built with --disable-newlib-supplied-syscalls)
 * calls (open, read, write, ..., sbrk), in the libc component, so in the compartment of the code
 * that uses libc.  It calls vfs_* and time_* with scalars and pointers into vfs_xfer only (vfs.h:
 * the exchange buffer, moved to the shared region by the pass); the caller's buffers (heap, data,
 * stack, which is private with private-stack gates) are never handed across.  So paths are copied
 * into vfs_xfer.path, read/write data moves in chunks of VFS_CHUNK bytes through vfs_xfer.data, stat
 * results come back in vfs_xfer.st.  Every call out is counted (bhlibc.h).
 *
 * Policies: errno and the stdio buffers are newlib's state in this compartment; the malloc heap is
 * the region __bh_libc_heap, in this compartment or shared, sized by the configuration ([heap]).
 * Descriptors 0-2 are the console (bh_serial_putc, neutral); 0 reads as end of file.
 */
#include <errno.h>
#include <fcntl.h>
#include <reent.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <bulkhead/abi.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bhlibc.h>
#include <bhtime.h>
#include <vfs.h>
#include "sockets_priv.h"

enum {
	C_OPEN, C_CLOSE, C_READ, C_WRITE, C_PREAD, C_PWRITE, C_LSEEK, C_FSTAT, C_STAT, C_FTRUNCATE,
	C_UNLINK, C_MKDIR, C_RMDIR, C_MONO, C_REAL, NCOUNTERS
};
static const char *const counter_names[NCOUNTERS] = {
	"vfs_open", "vfs_close", "vfs_read", "vfs_write", "vfs_pread", "vfs_pwrite", "vfs_lseek",
	"vfs_fstat", "vfs_stat", "vfs_ftruncate", "vfs_unlink", "vfs_mkdir", "vfs_rmdir",
	"time_monotonic_ns", "time_realtime_ns",
};
static uint64_t counters[NCOUNTERS];
#define OUT(c, call) (counters[c]++, (call))

/*
 * Per-thread C library state.  newlib is built with __DYNAMIC_REENT__ (scripts/bulkhead/newlib.py),
 * so every _REENT (errno, strtok's and rand's state, the dtoa buffers, ...) is __getreent(): the
 * calling thread's structure.  The thread is found by the stack this code runs on: every thread has
 * its own stack slot (__bh_stack_slot bytes, [threads] stack_kib) in this compartment (__bh_self_thread_stacks, bound by the pass: this
 * compartment's private stacks, the shared ones, or this machine's under backend vm), thread t's at
 * slot t.  Thread 0 (main's) keeps newlib's own structure, so a program without threads is as before.
 * stdin/stdout/stderr are global (--enable-newlib-global-stdio-streams): every thread prints into
 * the same buffers, as on Linux.  The structures live in this compartment, like errno always did.
 */
#define THREAD_STACK ((uintptr_t)__bh_stack_slot)
#define REENT_THREADS BH_THREADS_MAX
extern char __bh_self_thread_stacks[], __bh_threads_max[], __bh_stack_slot[];
static struct _reent reents[REENT_THREADS];
static unsigned char reent_ready[REENT_THREADS];

static unsigned reent_thread(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0), base = (uintptr_t)__bh_self_thread_stacks;
	uintptr_t n = (uintptr_t)__bh_threads_max;
	if (sp < base || sp >= base + n * THREAD_STACK)
		return 0;
	uintptr_t t = (sp - base) / THREAD_STACK;
	return t < REENT_THREADS ? (unsigned)t : 0;
}

unsigned bh_libc_thread_index(void)
{
	return reent_thread();
}

struct _reent *__getreent(void)
{
	unsigned t = reent_thread();
	if (t == 0)
		return _impure_ptr;
	if (!reent_ready[t]) {
		_REENT_INIT_PTR(&reents[t]);
		reent_ready[t] = 1;
	}
	return &reents[t];
}

void bh_libc_thread_begin(void)
{
	unsigned t = reent_thread();
	if (t != 0)
		reent_ready[t] = 0;   /* a new thread in this slot: its structure starts afresh at first use */
}

int bh_libc_ncounters(void) { return NCOUNTERS; }
const char *bh_libc_counter_name(int i) { return i >= 0 && i < NCOUNTERS ? counter_names[i] : ""; }
uint64_t bh_libc_counter(int i) { return i >= 0 && i < NCOUNTERS ? counters[i] : 0; }
void bh_libc_counters_reset(void) { memset(counters, 0, sizeof(counters)); }

static long fail(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

/* Copies a path into buf (VFS_PATH_MAX bytes: vfs_xfer.path); 0 or -errno. */
static int copy_path(const char *path, char *buf)
{
	if (!path)
		return -EFAULT;
	for (unsigned i = 0; i < VFS_PATH_MAX; i++)
		if ((buf[i] = path[i]) == 0)
			return i ? 0 : -ENOENT;
	return -ENAMETOOLONG;
}

static int is_console(int fd) { return fd >= 0 && fd <= 2; }
static int is_random(int fd) { return fd == BH_LIBC_RANDOM_FD; }

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	int mode = (flags & O_CREAT) ? va_arg(ap, int) : 0;
	va_end(ap);
	if (bh_libc_is_random_path(path))
		return BH_LIBC_RANDOM_FD;   /* posix.c: a device of libc's, no file behind it */
	char *p = vfs_xfer.path;
	int rc = copy_path(path, p);
	if (rc)
		return (int)fail(rc);
	return (int)fail(OUT(C_OPEN, vfs_open(p, flags, mode)));
}

int close(int fd)
{
	if (is_console(fd) || is_random(fd))
		return 0;
	if (bh_libc_is_socket(fd))
		return bh_libc_socket_close(fd);
	return (int)fail(OUT(C_CLOSE, vfs_close(fd)));
}

/* Reads through a stack chunk; `at` < 0: at the descriptor's offset. */
static long read_chunks(int fd, void *buf, size_t n, int64_t at)
{
	unsigned char *tmp = vfs_xfer.data;
	size_t done = 0;
	while (done < n) {
		size_t want = n - done < VFS_CHUNK ? n - done : VFS_CHUNK;
		long r = at < 0 ? OUT(C_READ, vfs_read(fd, tmp, want))
				: OUT(C_PREAD, vfs_pread(fd, tmp, want, at + (int64_t)done));
		if (r < 0)
			return done ? (long)done : fail(r);
		memcpy((char *)buf + done, tmp, (size_t)r);
		done += (size_t)r;
		if ((size_t)r < want)
			break;
	}
	return (long)done;
}

static long write_chunks(int fd, const void *buf, size_t n, int64_t at)
{
	unsigned char *tmp = vfs_xfer.data;
	size_t done = 0;
	while (done < n) {
		size_t want = n - done < VFS_CHUNK ? n - done : VFS_CHUNK;
		memcpy(tmp, (const char *)buf + done, want);
		long r = at < 0 ? OUT(C_WRITE, vfs_write(fd, tmp, want))
				: OUT(C_PWRITE, vfs_pwrite(fd, tmp, want, at + (int64_t)done));
		if (r < 0)
			return done ? (long)done : fail(r);
		done += (size_t)r;
		if ((size_t)r < want)
			break;
	}
	return (long)done;
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t n)
{
	if (is_console(fd))
		return 0;
	if (is_random(fd))
		return bh_libc_random_read(buf, n);
	if (bh_libc_is_socket(fd))
		return bh_libc_socket_read(fd, buf, n);
	return read_chunks(fd, buf, n, -1);
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t n)
{
	if (is_console(fd)) {
		for (size_t i = 0; i < n; i++)
			bh_serial_putc(((const char *)buf)[i]);
		return (long)n;
	}
	if (is_random(fd))
		return (long)n;   /* as Linux: accepted, and here mixed into nothing */
	if (bh_libc_is_socket(fd))
		return bh_libc_socket_write(fd, buf, n);
	return write_chunks(fd, buf, n, -1);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	if (off < 0)
		return fail(-EINVAL);
	return read_chunks(fd, buf, n, off);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	if (off < 0)
		return fail(-EINVAL);
	return write_chunks(fd, buf, n, off);
}

off_t lseek(int fd, off_t off, int whence)
{
	if (is_random(fd))
		return 0;   /* Linux: a character device without offset answers 0 */
	if (is_console(fd))
		return fail(-ESPIPE);
	return fail(OUT(C_LSEEK, vfs_lseek(fd, off, whence)));
}

static void to_stat(const struct vfs_stat *v, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_size = (off_t)v->size;
	st->st_mode = (mode_t)v->mode;
	st->st_ino = (ino_t)v->ino;
	st->st_nlink = (nlink_t)v->nlink;
	st->st_blksize = (blksize_t)v->blksize;
	st->st_blocks = (blkcnt_t)((v->size + 511) / 512);
}

int fstat(int fd, struct stat *st)
{
	if (is_console(fd)) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFCHR | 0620;
		return 0;
	}
	if (is_random(fd)) {
		memset(st, 0, sizeof(*st));
		st->st_mode = S_IFCHR | 0666;
		return 0;
	}
	int rc = OUT(C_FSTAT, vfs_fstat(fd, &vfs_xfer.st));
	if (rc < 0)
		return (int)fail(rc);
	to_stat(&vfs_xfer.st, st);
	return 0;
}

int stat(const char *path, struct stat *st)
{
	char *p = vfs_xfer.path;
	int rc = copy_path(path, p);
	if (!rc)
		rc = OUT(C_STAT, vfs_stat(p, &vfs_xfer.st));
	if (rc < 0)
		return (int)fail(rc);
	to_stat(&vfs_xfer.st, st);
	return 0;
}

int lstat(const char *path, struct stat *st) { return stat(path, st); }

int access(const char *path, int mode)
{
	(void)mode;
	struct stat st;
	return stat(path, &st);
}

int ftruncate(int fd, off_t len) { return (int)fail(OUT(C_FTRUNCATE, vfs_ftruncate(fd, len))); }

int fsync(int fd)
{
	struct stat st;
	return fstat(fd, &st);   /* ramfs keeps nothing to flush; a bad descriptor is still EBADF */
}

static int by_path(const char *path, int op, int mode)
{
	char *p = vfs_xfer.path;
	int rc = copy_path(path, p);
	if (rc)
		return (int)fail(rc);
	switch (op) {
	case 0: return (int)fail(OUT(C_UNLINK, vfs_unlink(p)));
	case 1: return (int)fail(OUT(C_RMDIR, vfs_rmdir(p)));
	default: return (int)fail(OUT(C_MKDIR, vfs_mkdir(p, mode)));
	}
}

int unlink(const char *path) { return by_path(path, 0, 0); }
int rmdir(const char *path) { return by_path(path, 1, 0); }
int mkdir(const char *path, mode_t mode) { return by_path(path, 2, (int)mode); }

int isatty(int fd)
{
	if (is_console(fd))
		return 1;
	errno = ENOTTY;
	return 0;
}

/* The clock, from the time component. */
int gettimeofday(struct timeval *tv, void *tz)
{
	(void)tz;
	uint64_t ns = OUT(C_REAL, time_realtime_ns());
	if (tv) {
		tv->tv_sec = (time_t)(ns / 1000000000ull);
		tv->tv_usec = (suseconds_t)(ns % 1000000000ull / 1000);
	}
	return 0;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	uint64_t ns = id == CLOCK_REALTIME ? OUT(C_REAL, time_realtime_ns()) : OUT(C_MONO, time_monotonic_ns());
	ts->tv_sec = (time_t)(ns / 1000000000ull);
	ts->tv_nsec = (long)(ns % 1000000000ull);
	return 0;
}

clock_t times(struct tms *t)
{
	/* newlib's clock() adds tms_utime and tms_stime, in CLOCKS_PER_SEC units */
	uint64_t ticks = OUT(C_MONO, time_monotonic_ns()) / (1000000000ull / CLOCKS_PER_SEC);
	if (t) {
		t->tms_utime = (clock_t)ticks;
		t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
	}
	return (clock_t)ticks;
}

/*
 * The heap: newlib's malloc over sbrk over __bh_libc_heap, a region the linker script places by
 * the configuration: in libc's compartment (its key: [heap] libc = "compartment", the default) or
 * in the shared memory (libc = "shared": what malloc returns is usable by every compartment), of
 * [heap] libc_kib KiB.
 */
extern char __bh_libc_heap_start[], __bh_libc_heap_end[];
static size_t brk_off;

void *sbrk(ptrdiff_t incr)
{
	size_t size = (size_t)(__bh_libc_heap_end - __bh_libc_heap_start);
	if ((incr > 0 && (size_t)incr > size - brk_off) || (incr < 0 && (size_t)-incr > brk_off)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	void *old = __bh_libc_heap_start + brk_off;
	brk_off += (size_t)incr;
	return old;
}

/* A single process with no signals, children or links. */
void _exit(int status) { bh_exit(status & 63); }
int getpid(void) { return 1; }
int kill(int pid, int sig) { (void)pid; (void)sig; errno = EINVAL; return -1; }
int fork(void) { errno = ENOSYS; return -1; }
int execve(const char *p, char *const a[], char *const e[]) { (void)p; (void)a; (void)e; errno = ENOSYS; return -1; }
int wait(int *s) { (void)s; errno = ECHILD; return -1; }
int link(const char *a, const char *b) { (void)a; (void)b; errno = ENOSYS; return -1; }
/* File status flags of sockets (O_NONBLOCK); files have none to change here. */
int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	int arg = (cmd == F_SETFL || cmd == F_SETFD) ? va_arg(ap, int) : 0;
	va_end(ap);
	if (bh_libc_is_socket(fd))
		return bh_libc_socket_fcntl(fd, cmd, arg);
	errno = ENOSYS;
	return -1;
}
int sigprocmask(int how, const void *set, void *old) { (void)how; (void)set; (void)old; return 0; }

/* Not cryptographic: xorshift seeded from the TSC (no entropy source in this kernel yet). */
int getentropy(void *buf, size_t n)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	uint64_t x = ((uint64_t)hi << 32 | lo) | 1;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		((unsigned char *)buf)[i] = (unsigned char)x;
	}
	return 0;
}

void _init(void) {}
void _fini(void) {}
