/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX calls newlib leaves to the system and that ordinary programs (iperf3, apps/iperf3) expect:
 * mmap/munmap/msync, a random device (/dev/urandom, /dev/random), getrusage, uname, and the process
 * calls of a single process (chdir, dup2, setsid).  In libc's compartment, like syscalls.c; the same
 * rules: errno is set here, files are reached through syscalls.c's open/pread/pwrite (so through
 * vfs_xfer), and nothing of the caller's crosses to another compartment.
 *
 * Signals: newlib's own signal() and raise() keep the table of handlers (per thread, in newlib's
 * reentrancy structure), and sigaction below is a front to it; nothing here ever delivers a signal
 * (no other process, no terminal, no timer signal), so a handler runs only if the program raise()s
 * it itself.  setjmp/longjmp are
 * newlib's (x86_64 setjmp.S); sigsetjmp is not provided (iperf3 3.12 uses setjmp).
 */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <bhlibc.h>
#include <bhtime.h>
#include "sockets_priv.h"

/* ---- mmap ---- */

/*
 * One address space, no page cache and no page-table calls for libc: a mapping is a page-aligned
 * block of libc's heap.  MAP_ANONYMOUS: zeroed.  A file: its bytes from `off` copied in at mmap
 * (past its end: zeros, as a page beyond the end reads).  MAP_PRIVATE is therefore exact (writes stay
 * in the copy, the file never sees them); MAP_SHARED writes the copy back to the file at msync and
 * munmap through the descriptor it was mapped with (still open then: POSIX lets the program close
 * it, which here loses the write-back: EBADF from msync, nothing from munmap), and does not see other
 * writers' changes.  PROT_* are recorded, not enforced (the block is ordinary writable memory).
 */
#define MMAP_PAGE 4096
#define MMAP_MAX 64   /* mappings at once: iperf3 has one per stream (at most 128 streams: -P) */

struct mapping {
	void *addr;
	size_t len;
	int fd;        /* MAP_SHARED file mappings: where msync/munmap write back; else -1 */
	off_t off;
};
static struct mapping maps[MMAP_MAX];

static void *map_fail(int e)
{
	errno = e;
	return MAP_FAILED;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	(void)addr;   /* a hint only; MAP_FIXED (which makes it binding) is refused below */
	(void)prot;
	int kind = flags & (MAP_SHARED | MAP_PRIVATE);
	if (len == 0 || (kind != MAP_SHARED && kind != MAP_PRIVATE) || (flags & MAP_FIXED) ||
	    (flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS)) || off < 0 || off % MMAP_PAGE)
		return map_fail(EINVAL);
	int anon = (flags & MAP_ANONYMOUS) != 0;
	if (!anon) {
		struct stat st;
		if (fstat(fd, &st) != 0)
			return map_fail(EBADF);
		if (!S_ISREG(st.st_mode))
			return map_fail(ENODEV);   /* the console, a socket, the random device */
	}
	int slot = 0;
	while (slot < MMAP_MAX && maps[slot].addr)
		slot++;
	if (slot == MMAP_MAX)
		return map_fail(ENOMEM);
	size_t size = (len + MMAP_PAGE - 1) / MMAP_PAGE * MMAP_PAGE;
	if (size < len)
		return map_fail(ENOMEM);
	char *p = memalign(MMAP_PAGE, size);
	if (!p)
		return map_fail(ENOMEM);
	memset(p, 0, size);
	if (!anon) {
		ssize_t got = pread(fd, p, len, off);
		if (got < 0) {
			int e = errno == EBADF ? EACCES : errno;   /* a write-only descriptor cannot be mapped */
			free(p);
			return map_fail(e);
		}
	}
	maps[slot] = (struct mapping){ .addr = p, .len = len, .fd = (!anon && kind == MAP_SHARED) ? fd : -1,
				       .off = off };
	return p;
}

static struct mapping *find(void *addr)
{
	for (int i = 0; i < MMAP_MAX; i++)
		if (maps[i].addr && maps[i].addr == addr)
			return &maps[i];
	return 0;
}

static int write_back(struct mapping *m, size_t len)
{
	if (m->fd < 0)
		return 0;
	size_t n = len < m->len ? len : m->len;
	return pwrite(m->fd, m->addr, n, m->off) == (ssize_t)n ? 0 : -1;
}

/* Only whole mappings, by the address mmap returned (a part of one: EINVAL, where Linux would split it). */
int munmap(void *addr, size_t len)
{
	struct mapping *m = find(addr);
	if (!m || len == 0 || (uintptr_t)addr % MMAP_PAGE) {
		errno = EINVAL;
		return -1;
	}
	if ((len + MMAP_PAGE - 1) / MMAP_PAGE != (m->len + MMAP_PAGE - 1) / MMAP_PAGE) {
		errno = EINVAL;
		return -1;
	}
	int saved = errno;
	write_back(m, m->len);   /* munmap cannot report a lost write-back (POSIX has no error for it) */
	errno = saved;
	free(m->addr);
	*m = (struct mapping){ 0 };
	return 0;
}

int msync(void *addr, size_t len, int flags)
{
	struct mapping *m = find(addr);
	if ((flags & MS_SYNC) && (flags & MS_ASYNC)) {
		errno = EINVAL;
		return -1;
	}
	if (!m) {
		errno = ENOMEM;   /* POSIX: the range is not mapped */
		return -1;
	}
	return write_back(m, len);
}

/* ---- /dev/urandom and /dev/random ---- */

/*
 * A character device of libc's: one descriptor (BH_LIBC_RANDOM_FD) whatever the number of opens,
 * since it has no offset or other state; close does nothing.  read fills the buffer from xorshift64*
 * seeded at first use from RDRAND where the CPU has it, else from the TSC.  NOT cryptographic: the
 * seed is guessable without RDRAND and the generator is predictable from its output.  What programs
 * use it for here (iperf3's payload) needs bytes that do not compress, not secrecy.
 */
static uint64_t rng_state;

static uint64_t rng_seed(void)
{
	uint32_t a, b, c, d;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	uint64_t s = 0;
	if (c & (1u << 30)) {   /* CPUID.1:ECX.RDRAND */
		unsigned char ok = 0;
		for (int tries = 0; tries < 10 && !ok; tries++)
			__asm__ volatile("rdrand %0; setc %1" : "=r"(s), "=qm"(ok));
	}
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	s ^= (uint64_t)hi << 32 | lo;
	return s ? s : 0x9e3779b97f4a7c15ull;
}

long bh_libc_random_read(void *buf, size_t n)
{
	if (!rng_state)
		rng_state = rng_seed();
	unsigned char *out = buf;
	for (size_t i = 0; i < n; i += 8) {
		rng_state ^= rng_state >> 12, rng_state ^= rng_state << 25, rng_state ^= rng_state >> 27;
		uint64_t v = rng_state * 0x2545f4914f6cdd1dull;
		size_t k = n - i < 8 ? n - i : 8;
		memcpy(out + i, &v, k);
	}
	return (long)n;
}

int bh_libc_is_random_path(const char *path)
{
	return path && (strcmp(path, "/dev/urandom") == 0 || strcmp(path, "/dev/random") == 0);
}

/* ---- signals ---- */

/*
 * sigaction over newlib's handler table (signal/raise): sa_handler is what raise() calls, with the
 * signal number only, and newlib's raise puts SIG_DFL back before it calls a handler (System V's
 * signal(), as if SA_RESETHAND were always set; Linux keeps the handler) (an SA_SIGINFO handler gets no siginfo: nothing here has any to give); sa_mask
 * and the other flags are kept by nobody, since no signal is ever delivered asynchronously.  EINVAL
 * for a number outside 1..NSIG-1 and for a new action on SIGKILL or SIGSTOP, as POSIX says.
 */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (sig <= 0 || sig >= NSIG || (act && (sig == SIGKILL || sig == SIGSTOP))) {
		errno = EINVAL;
		return -1;
	}
	_sig_func_ptr prev;
	if (act) {
		prev = signal(sig, act->sa_handler);
	} else {   /* read it: newlib's table has no getter */
		prev = signal(sig, SIG_DFL);
		if (prev != SIG_ERR)
			signal(sig, prev);
	}
	if (prev == SIG_ERR)
		return -1;   /* newlib set errno */
	if (old) {
		memset(old, 0, sizeof(*old));
		old->sa_handler = prev;
	}
	return 0;
}

/* ---- process ---- */

/* All the time since boot is the program's (one process, one CPU; the kernel's and the idle loop's
 * time are not told apart): user time = monotonic time, system time 0. */
int getrusage(int who, struct rusage *ru)
{
	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN) {
		errno = EINVAL;
		return -1;
	}
	if (!ru) {
		errno = EFAULT;
		return -1;
	}
	memset(ru, 0, sizeof(*ru));
	if (who == RUSAGE_SELF) {
		uint64_t ns = time_monotonic_ns();
		ru->ru_utime.tv_sec = (time_t)(ns / 1000000000ull);
		ru->ru_utime.tv_usec = (suseconds_t)(ns % 1000000000ull / 1000);
	}
	return 0;
}

int uname(struct utsname *u)
{
	if (!u) {
		errno = EFAULT;
		return -1;
	}
	memset(u, 0, sizeof(*u));
	strcpy(u->sysname, "bulkhead");
	gethostname(u->nodename, sizeof(u->nodename));
	strcpy(u->release, "1");
	strcpy(u->version, "bulkhead library OS");
	strcpy(u->machine, "x86_64");
	return 0;
}

/* The working directory is always "/" (vfs resolves relative paths from it): chdir("/") succeeds,
 * any other existing directory is ENOSYS, a file ENOTDIR. */
int chdir(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	if (strcmp(path, "/") != 0) {
		errno = ENOSYS;
		return -1;
	}
	return 0;
}

/* Descriptors are vfs's, sockets are the stack's: neither can alias another number. */
int dup2(int oldfd, int newfd)
{
	(void)oldfd;
	(void)newfd;
	errno = ENOSYS;
	return -1;
}

/* The one process already leads its session. */
pid_t setsid(void)
{
	errno = EPERM;
	return -1;
}
