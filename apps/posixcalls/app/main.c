/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posixcalls: the POSIX calls libs/libc/posix.c adds for programs such as iperf3 (mmap, munmap, msync,
 * /dev/urandom, uname, getrusage, mkstemp on /tmp, sigaction) and the socket options lwIP's side answers
 * (SO_SNDBUF, TCP_MAXSEG, IP_TOS), with their error paths.  A plain C program: tests/test_posixcalls.py
 * compiles the same file with the host's gcc and compares its Linux output with the guest's, line for
 * line, so it prints only what both systems must agree on (that a call worked or its errno, never a
 * size the system chose).  Every line starts with "posix:".
 */
#define _DEFAULT_SOURCE   /* POSIX and BSD declarations (fileno, mkstemp, ...) under -std=c11, on Linux and newlib alike */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "ok";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case ENODEV: return "ENODEV";
	case ENOMEM: return "ENOMEM";
	case ENOENT: return "ENOENT";
	case ENOPROTOOPT: return "ENOPROTOOPT";
	default: return "another errno";
	}
}

/* "ok" for 0 (or a mapping), else errno's name. */
static const char *rc(int r) { return err(r == 0 ? 0 : errno); }
static const char *mrc(void *p) { return err(p != MAP_FAILED ? 0 : errno); }

static void mmap_calls(void)
{
	printf("posix: mmap of 0 bytes: %s\n", mrc(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)));
	printf("posix: mmap neither shared nor private: %s\n", mrc(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0)));
	printf("posix: mmap of a bad descriptor: %s\n", mrc(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 77, 0)));

	char *a = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = a != MAP_FAILED;
	for (int i = 0; zero && i < 10000; i++)
		zero = a[i] == 0;
	if (a != MAP_FAILED)
		memset(a, 0x5a, 10000);
	printf("posix: anonymous mapping: %s, zeroed %s, page-aligned %s\n", mrc(a), zero ? "yes" : "no",
	       ((unsigned long)a & 4095) == 0 ? "yes" : "no");
	printf("posix: munmap of an unaligned address: %s\n", rc(munmap(a + 1, 100)));
	printf("posix: munmap: %s\n", rc(munmap(a, 10000)));

	mkdir("/tmp", 0755);   /* there on Linux (EEXIST), made here */
	char name[] = "/tmp/posix.XXXXXX";
	int fd = mkstemp(name);
	printf("posix: mkstemp: %s, name replaced %s\n", fd >= 0 ? "ok" : err(errno),
	       strcmp(name, "/tmp/posix.XXXXXX") != 0 ? "yes" : "no");
	const char text[] = "what the file says";
	int w = (int)write(fd, text, sizeof(text));
	printf("posix: write %d, ftruncate to 8192: %s\n", w, rc(ftruncate(fd, 8192)));
	printf("posix: mmap at an unaligned offset: %s\n", mrc(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100)));

	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("posix: private file mapping: %s, reads the file %s, zeros past its bytes %s\n", mrc(p),
	       p != MAP_FAILED && memcmp(p, text, sizeof(text)) == 0 ? "yes" : "no",
	       p != MAP_FAILED && p[8191] == 0 ? "yes" : "no");
	char back[sizeof(text)];
	if (p != MAP_FAILED)
		memcpy(p, "WHAT", 4);
	printf("posix: a write to it stays in it: %s\n",
	       pread(fd, back, sizeof(back), 0) == (ssize_t)sizeof(back) && memcmp(back, text, sizeof(text)) == 0 ? "yes" : "no");
	printf("posix: munmap: %s\n", rc(munmap(p, 8192)));

	char *s = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s != MAP_FAILED)
		memcpy(s, "THE", 3);
	const char *both = rc(msync(s, 8192, MS_SYNC | MS_ASYNC));   /* one call per statement: errno */
	const char *sync = rc(msync(s, 8192, MS_SYNC));
	printf("posix: shared file mapping: %s; msync with MS_SYNC|MS_ASYNC: %s; msync: %s\n", mrc(s), both, sync);
	printf("posix: the file sees the write: %s\n",
	       pread(fd, back, 3, 0) == 3 && memcmp(back, "THE", 3) == 0 ? "yes" : "no");
	printf("posix: munmap: %s\n", rc(munmap(s, 8192)));
	const char *un = rc(unlink(name));
	printf("posix: unlink: %s, close: %s\n", un, rc(close(fd)));

	int wo = open("/tmp/posix-wo", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	printf("posix: write to a write-only file: %d\n", (int)write(wo, text, sizeof(text)));
	printf("posix: mmap of a write-only descriptor: %s\n", mrc(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0)));
	close(wo);
	unlink("/tmp/posix-wo");
}

static void device_calls(void)
{
	FILE *f = fopen("/dev/urandom", "rb");
	unsigned char a[64], b[64];
	int got = f && fread(a, 1, sizeof(a), f) == sizeof(a) && fread(b, 1, sizeof(b), f) == sizeof(b);
	printf("posix: /dev/urandom: read %s, two reads differ %s\n", got ? "ok" : "failed",
	       got && memcmp(a, b, sizeof(a)) != 0 ? "yes" : "no");
	struct stat st;
	printf("posix: /dev/urandom is a character device: %s\n",
	       f && fstat(fileno(f), &st) == 0 && S_ISCHR(st.st_mode) ? "yes" : "no");
	if (f)
		fclose(f);
	int fd = open("/dev/random", O_RDONLY);
	printf("posix: /dev/random: %s, read %d\n", fd >= 0 ? "ok" : err(errno), fd >= 0 ? (int)read(fd, a, 16) : -1);
	if (fd >= 0)
		close(fd);
}

static void system_calls(void)
{
	struct utsname u;
	printf("posix: uname: %s, machine %s\n", rc(uname(&u)), u.machine);
	struct rusage r;
	const char *self = rc(getrusage(RUSAGE_SELF, &r));
	printf("posix: getrusage(RUSAGE_SELF): %s; getrusage(42): %s\n", self, rc(getrusage(42, &r)));
}

static volatile int caught;
static void on_usr1(int sig) { caught = sig == SIGUSR1; }

static void signal_calls(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	const char *r = rc(sigaction(SIGUSR1, &sa, &old));   /* before the printf: its arguments' order is unspecified */
	printf("posix: sigaction SIGUSR1: %s, the previous handler was the default %s\n", r,
	       old.sa_handler == SIG_DFL ? "yes" : "no");
	printf("posix: sigaction reads the handler back: %s\n",
	       sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == on_usr1 ? "yes" : "no");
	/* after raise, newlib has put SIG_DFL back (System V's signal semantics; Linux keeps the
	 * handler): not compared */
	r = rc(raise(SIGUSR1));
	printf("posix: raise SIGUSR1: %s, the handler ran %s\n", r, caught ? "yes" : "no");
	printf("posix: sigaction on SIGKILL: %s\n", rc(sigaction(SIGKILL, &sa, NULL)));
	printf("posix: sigaction on signal 0: %s\n", rc(sigaction(0, &sa, NULL)));
	printf("posix: signal(SIGPIPE, SIG_IGN): %s\n", signal(SIGPIPE, SIG_IGN) != SIG_ERR ? "ok" : err(errno));
}

static void socket_calls(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int v = 0;
	socklen_t len = sizeof(v);
	printf("posix: TCP socket: %s\n", s >= 0 ? "ok" : err(errno));
	int r = getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len);
	printf("posix: getsockopt SO_SNDBUF: %s, positive %s\n", rc(r), v > 0 ? "yes" : "no");
	v = 65536;
	printf("posix: setsockopt SO_SNDBUF: %s\n", rc(setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v))));
	len = sizeof(v);
	v = 0;
	r = getsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, &len);
	printf("posix: getsockopt SO_RCVBUF: %s, positive %s\n", rc(r), v > 0 ? "yes" : "no");
	len = sizeof(v);
	v = 0;
	r = getsockopt(s, IPPROTO_TCP, TCP_MAXSEG, &v, &len);
	printf("posix: getsockopt TCP_MAXSEG: %s, positive %s\n", rc(r), v > 0 ? "yes" : "no");
	v = 0x10;
	printf("posix: setsockopt IP_TOS: %s\n", rc(setsockopt(s, IPPROTO_IP, IP_TOS, &v, sizeof(v))));
	len = sizeof(v);
	v = 0;
	r = getsockopt(s, IPPROTO_IP, IP_TOS, &v, &len);
	printf("posix: getsockopt IP_TOS: %s, 0x%x\n", rc(r), v);
	close(s);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	mmap_calls();
	device_calls();
	system_calls();
	signal_calls();
	socket_calls();
	printf("posix: done\n");
	return 0;
}
