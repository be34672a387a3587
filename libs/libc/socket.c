/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sockets in libc's system-call layer: the POSIX calls (sys/socket.h, poll.h, select, arpa/inet.h)
 * over a network stack's bhnet_* entry points (include/bhnet.h), in libc's compartment.
 *
 * Caller buffers and addresses never cross: each call copies them into the calling thread's slot of
 * bhnet_xfer (shared, defined by the stack) and back, in chunks of BHNET_CHUNK.  A blocking call
 * blocks inside the stack on libs/sched, so other threads run meanwhile.  errno is set here, in
 * libc's compartment, from the stack's -errno result.
 *
 * Without a network stack in the image the weak defaults below answer: socket() fails with
 * EAFNOSUPPORT, and no descriptor in the socket range is open (EBADF).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <bhnet.h>
#include <bulkhead/console.h>
#include <vfs.h>
#include "sockets_priv.h"

/* ---- weak defaults: an image without a network stack ---- */

#define NOSTACK __attribute__((weak))
NOSTACK struct bhnet_slot bhnet_xfer[BHNET_SLOTS];
NOSTACK int bhnet_socket(int d, int t, int p) { (void)d; (void)t; (void)p; return -EAFNOSUPPORT; }
NOSTACK int bhnet_bind(int s, unsigned x) { (void)s; (void)x; return -EBADF; }
NOSTACK int bhnet_listen(int s, int b) { (void)s; (void)b; return -EBADF; }
NOSTACK int bhnet_accept(int s, unsigned x, int w) { (void)s; (void)x; (void)w; return -EBADF; }
NOSTACK int bhnet_connect(int s, unsigned x) { (void)s; (void)x; return -EBADF; }
NOSTACK long bhnet_send(int s, unsigned x, unsigned long n, int f, int t)
{ (void)s; (void)x; (void)n; (void)f; (void)t; return -EBADF; }
NOSTACK long bhnet_recv(int s, unsigned x, unsigned long n, int f, int t)
{ (void)s; (void)x; (void)n; (void)f; (void)t; return -EBADF; }
NOSTACK int bhnet_setsockopt(int s, int l, int n, unsigned x, unsigned len)
{ (void)s; (void)l; (void)n; (void)x; (void)len; return -EBADF; }
NOSTACK int bhnet_getsockopt(int s, int l, int n, unsigned x, unsigned len)
{ (void)s; (void)l; (void)n; (void)x; (void)len; return -EBADF; }
NOSTACK int bhnet_shutdown(int s, int h) { (void)s; (void)h; return -EBADF; }
NOSTACK int bhnet_close(int s) { (void)s; return -EBADF; }
NOSTACK int bhnet_getname(int s, unsigned x, int p) { (void)s; (void)x; (void)p; return -EBADF; }
NOSTACK int bhnet_fcntl(int s, int c, int a) { (void)s; (void)c; (void)a; return -EBADF; }
NOSTACK int bhnet_poll(unsigned x, unsigned n, int t) { (void)x; (void)n; (void)t; return -EINVAL; }
/* no device driver in the image: the loopback only */
NOSTACK int bhnet_device_start(int mode) { (void)mode; return 0; }

/* ---- the device, before the first socket ---- */

/* The wait mode the configuration chose for the driver: /etc/netdev.conf (a boot file, [files]),
 * lines `netdev poll` or `netdev irq` (the default, also without the file); '#' starts a comment;
 * any other line is named on the console and ignored. */
static int device_mode(void)
{
	int fd = open("/etc/netdev.conf", O_RDONLY);
	int mode = BHNET_DEVICE_IRQ;
	if (fd < 0)
		return mode;
	static char text[1024];   /* longer files: the rest is not read (said below) */
	ssize_t n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return mode;
	if (n == (ssize_t)sizeof(text) - 1)
		bh_printf("libc: /etc/netdev.conf: only its first %u bytes are read\n", (unsigned)n);
	text[n] = 0;
	for (char *line = text; *line;) {
		char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (len == 11 && strncmp(line, "netdev poll", 11) == 0)
			mode = BHNET_DEVICE_POLL;
		else if (len == 10 && strncmp(line, "netdev irq", 10) == 0)
			mode = BHNET_DEVICE_IRQ;
		else if (len && line[0] != '#') {
			line[len] = 0;
			bh_printf("libc: /etc/netdev.conf: ignored line: %s\n", line);
		}
		line += len + (end ? 1 : 0);
	}
	return mode;
}

static void device_once(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	bhnet_device_start(device_mode());   /* a failure is the driver's to report; sockets go on */
}

/* ---- descriptors ---- */

/* What libc remembers of each socket: its type (a datagram is never split into chunks). */
static unsigned char sock_type[BHNET_MAX_SOCKETS];

static long fail(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

int bh_libc_is_socket(int fd)
{
	return fd >= BHNET_FIRST_FD && fd < BHNET_FIRST_FD + BHNET_MAX_SOCKETS;
}

/* The stack's descriptor of fd, or -1 with errno ENOTSOCK (an open file or the console) or EBADF. */
static int stack_fd(int fd)
{
	if (bh_libc_is_socket(fd))
		return fd - BHNET_FIRST_FD;
	struct stat st;
	int open_file = fd >= 0 && fd < BHNET_FIRST_FD && (fd <= 2 || fstat(fd, &st) == 0);
	errno = open_file ? ENOTSOCK : EBADF;
	return -1;
}

static struct bhnet_slot *my_slot(unsigned *index)
{
	*index = bh_libc_thread_index();
	return &bhnet_xfer[*index];
}

/* A caller's sockaddr -> the slot's address; 0 or -errno. */
static int addr_in(const struct sockaddr *addr, socklen_t len, struct bhnet_addr *a)
{
	if (!addr)
		return -EFAULT;
	if (len < sizeof(struct sockaddr_in))
		return -EINVAL;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
	a->family = sin->sin_family;
	a->port = sin->sin_port;
	a->addr = sin->sin_addr.s_addr;
	return 0;
}

/* The slot's address -> the caller's sockaddr (truncated to *len, as POSIX says). */
static void addr_out(const struct bhnet_addr *a, struct sockaddr *addr, socklen_t *len)
{
	if (!addr || !len)
		return;
	struct sockaddr_in sin;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = a->family;
	sin.sin_port = a->port;
	sin.sin_addr.s_addr = a->addr;
	memcpy(addr, &sin, *len < sizeof(sin) ? *len : sizeof(sin));
	*len = sizeof(sin);
}

/* ---- the calls ---- */

int socket(int domain, int type, int protocol)
{
	device_once();
	int s = (int)fail(bhnet_socket(domain, type, protocol));
	if (s < 0)
		return -1;
	if (s >= BHNET_MAX_SOCKETS) {   /* the stack has more sockets than libc can name */
		bhnet_close(s);
		errno = EMFILE;
		return -1;
	}
	sock_type[s] = (unsigned char)type;
	return BHNET_FIRST_FD + s;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	int rc = addr_in(addr, len, &x->addr);
	return (int)fail(rc ? rc : bhnet_bind(s, i));
}

int listen(int fd, int backlog)
{
	int s = stack_fd(fd);
	return s < 0 ? -1 : (int)fail(bhnet_listen(s, backlog));
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (addr && !len)
		return (int)fail(-EFAULT);
	int c = (int)fail(bhnet_accept(s, i, addr != NULL));
	if (c < 0)
		return -1;
	if (c >= BHNET_MAX_SOCKETS) {
		bhnet_close(c);
		errno = EMFILE;
		return -1;
	}
	sock_type[c] = SOCK_STREAM;
	addr_out(&x->addr, addr, len);
	return BHNET_FIRST_FD + c;
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	int rc = addr_in(addr, len, &x->addr);
	return (int)fail(rc ? rc : bhnet_connect(s, i));
}

/* send in chunks: a stream stops at the first short or failed chunk (returning what went, if any);
 * a datagram is one chunk at most. */
static ssize_t send_common(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to,
			   socklen_t tolen)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!buf && n)
		return fail(-EFAULT);
	if (to) {
		int rc = addr_in(to, tolen, &x->addr);
		if (rc)
			return fail(rc);
	}
	if (sock_type[s] != SOCK_STREAM && n > BHNET_CHUNK)
		return fail(-EMSGSIZE);
	size_t done = 0;
	do {
		size_t want = n - done < BHNET_CHUNK ? n - done : BHNET_CHUNK;
		memcpy(x->data, (const char *)buf + done, want);
		long r = bhnet_send(s, i, want, flags, to != NULL);
		if (r < 0)
			return done ? (ssize_t)done : fail(r);
		done += (size_t)r;
		if ((size_t)r < want)
			break;
	} while (done < n);
	return (ssize_t)done;
}

/* recv: one chunk (a short read, as POSIX allows), or with MSG_WAITALL on a stream until n bytes,
 * the end of the stream or an error. */
static ssize_t recv_common(int fd, void *buf, size_t n, int flags, struct sockaddr *from, socklen_t *fromlen)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!buf && n)
		return fail(-EFAULT);
	int all = (flags & MSG_WAITALL) && sock_type[s] == SOCK_STREAM;
	size_t done = 0;
	do {
		size_t want = n - done < BHNET_CHUNK ? n - done : BHNET_CHUNK;
		long r = bhnet_recv(s, i, want, flags & ~MSG_WAITALL, from != NULL);
		if (r < 0)
			return done ? (ssize_t)done : fail(r);
		memcpy((char *)buf + done, x->data, (size_t)r);
		done += (size_t)r;
		if (r == 0)
			break;
	} while (all && done < n);
	if (from)
		addr_out(&x->addr, from, fromlen);
	return (ssize_t)done;
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
	return send_common(fd, buf, n, flags, NULL, 0);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to, socklen_t len)
{
	return send_common(fd, buf, n, flags, to, len);
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
	return recv_common(fd, buf, n, flags, NULL, NULL);
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from, socklen_t *len)
{
	return recv_common(fd, buf, n, flags, from, len);
}

/* ---- scatter/gather ---- */

static long iov_total(const struct iovec *iov, size_t n)
{
	if (!iov && n)
		return -EFAULT;
	if (n > IOV_MAX)
		return -EINVAL;
	size_t total = 0;
	for (size_t k = 0; k < n; k++) {
		if (!iov[k].iov_base && iov[k].iov_len)
			return -EFAULT;
		total += iov[k].iov_len;
		if (total > (size_t)INT32_MAX)
			return -EINVAL;
	}
	return (long)total;
}

/* A stream sends buffer after buffer (stopping at the first short one); a datagram is gathered into
 * one chunk and sent once. */
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!msg)
		return fail(-EFAULT);
	long total = iov_total(msg->msg_iov, msg->msg_iovlen);
	if (total < 0)
		return fail(total);
	const struct sockaddr *to = msg->msg_name;
	if (sock_type[s] == SOCK_STREAM) {
		ssize_t done = 0;
		for (size_t k = 0; k < msg->msg_iovlen; k++) {
			const struct iovec *v = &msg->msg_iov[k];
			ssize_t r = send_common(fd, v->iov_base, v->iov_len, flags, to, msg->msg_namelen);
			if (r < 0)
				return done ? done : -1;
			done += r;
			if ((size_t)r < v->iov_len)
				break;
		}
		return done;
	}
	if (total > BHNET_CHUNK)
		return fail(-EMSGSIZE);
	if (to) {
		int rc = addr_in(to, msg->msg_namelen, &x->addr);
		if (rc)
			return fail(rc);
	}
	size_t at = 0;
	for (size_t k = 0; k < msg->msg_iovlen; k++) {
		memcpy(x->data + at, msg->msg_iov[k].iov_base, msg->msg_iov[k].iov_len);
		at += msg->msg_iov[k].iov_len;
	}
	return fail(bhnet_send(s, i, at, flags, to != NULL));
}

/* One receive (at most one chunk) scattered over the buffers; MSG_TRUNC when a datagram was longer. */
ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!msg)
		return fail(-EFAULT);
	long total = iov_total(msg->msg_iov, msg->msg_iovlen);
	if (total < 0)
		return fail(total);
	int dgram = sock_type[s] != SOCK_STREAM;
	/* a datagram: ask for one byte more than fits, to tell a longer one (lwIP drops the rest) */
	size_t want = (size_t)total + (dgram ? 1 : 0);
	if (want > BHNET_CHUNK)
		want = BHNET_CHUNK;
	long r = bhnet_recv(s, i, want, flags & ~MSG_WAITALL, msg->msg_name != NULL);
	if (r < 0)
		return fail(r);
	msg->msg_flags = 0;
	if (r > total) {
		msg->msg_flags |= MSG_TRUNC;
		r = total;
	}
	size_t at = 0;
	for (size_t k = 0; k < msg->msg_iovlen && at < (size_t)r; k++) {
		size_t n = msg->msg_iov[k].iov_len < (size_t)r - at ? msg->msg_iov[k].iov_len : (size_t)r - at;
		memcpy(msg->msg_iov[k].iov_base, x->data + at, n);
		at += n;
	}
	if (msg->msg_name)
		addr_out(&x->addr, msg->msg_name, &msg->msg_namelen);
	msg->msg_controllen = 0;
	return r;
}

/* readv/writev: on a socket, recvmsg/sendmsg without an address; on a file, buffer after buffer. */
ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	if (iovcnt < 0)
		return fail(-EINVAL);
	if (bh_libc_is_socket(fd)) {
		struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovcnt };
		return sendmsg(fd, &m, 0);
	}
	long total = iov_total(iov, (size_t)iovcnt);
	if (total < 0)
		return fail(total);
	ssize_t done = 0;
	for (int k = 0; k < iovcnt; k++) {
		ssize_t r = write(fd, iov[k].iov_base, iov[k].iov_len);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < iov[k].iov_len)
			break;
	}
	return done;
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	if (iovcnt < 0)
		return fail(-EINVAL);
	if (bh_libc_is_socket(fd)) {
		struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)iovcnt };
		return recvmsg(fd, &m, 0);
	}
	long total = iov_total(iov, (size_t)iovcnt);
	if (total < 0)
		return fail(total);
	ssize_t done = 0;
	for (int k = 0; k < iovcnt; k++) {
		ssize_t r = read(fd, iov[k].iov_base, iov[k].iov_len);
		if (r < 0)
			return done ? done : -1;
		done += r;
		if ((size_t)r < iov[k].iov_len)
			break;
	}
	return done;
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!val || len > sizeof(x->opt))
		return (int)fail(!val ? -EFAULT : -EINVAL);
	memcpy(x->opt, val, len);
	return (int)fail(bhnet_setsockopt(s, level, name, i, len));
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!val || !len)
		return (int)fail(-EFAULT);
	unsigned want = *len < sizeof(x->opt) ? *len : sizeof(x->opt);
	memset(x->opt, 0, sizeof(x->opt));
	int got = (int)fail(bhnet_getsockopt(s, level, name, i, want));
	if (got < 0)
		return -1;
	memcpy(val, x->opt, (unsigned)got < want ? (unsigned)got : want);
	*len = (socklen_t)got;
	return 0;
}

int shutdown(int fd, int how)
{
	int s = stack_fd(fd);
	return s < 0 ? -1 : (int)fail(bhnet_shutdown(s, how));
}

static int getname(int fd, struct sockaddr *addr, socklen_t *len, int peer)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	int s = stack_fd(fd);
	if (s < 0)
		return -1;
	if (!addr || !len)
		return (int)fail(-EFAULT);
	if (fail(bhnet_getname(s, i, peer)) < 0)
		return -1;
	addr_out(&x->addr, addr, len);
	return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len) { return getname(fd, addr, len, 0); }
int getpeername(int fd, struct sockaddr *addr, socklen_t *len) { return getname(fd, addr, len, 1); }

/* ---- from syscalls.c: close, read, write, fcntl of a socket ---- */

int bh_libc_socket_close(int fd)
{
	return (int)fail(bhnet_close(fd - BHNET_FIRST_FD));
}

long bh_libc_socket_read(int fd, void *buf, size_t n)
{
	return recv_common(fd, buf, n, 0, NULL, NULL);
}

long bh_libc_socket_write(int fd, const void *buf, size_t n)
{
	return send_common(fd, buf, n, 0, NULL, 0);
}

int bh_libc_socket_fcntl(int fd, int cmd, int arg)
{
	int s = fd - BHNET_FIRST_FD;
	if (cmd == F_GETFD || cmd == F_SETFD)
		return 0;                       /* no exec here: FD_CLOEXEC means nothing */
	if (cmd != F_GETFL && cmd != F_SETFL)
		return (int)fail(-EINVAL);
	if (cmd == F_SETFL)
		arg &= O_NONBLOCK;              /* the one status flag a socket has; the others are ignored */
	int rc = (int)fail(bhnet_fcntl(s, cmd, arg));
	return cmd == F_GETFL && rc >= 0 ? (rc | O_RDWR) : rc;
}

/* ---- poll and select ---- */

/* A file's or the console's descriptor: always ready (POSIX: regular files never block). */
static int file_fd(int fd)
{
	return fd >= 0 && fd < BHNET_FIRST_FD;
}

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	unsigned i;
	struct bhnet_slot *x = my_slot(&i);
	if (!fds && nfds)
		return (int)fail(-EFAULT);
	unsigned nsock = 0;
	int ready = 0;
	for (nfds_t k = 0; k < nfds; k++) {
		struct pollfd *p = &fds[k];
		p->revents = 0;
		if (p->fd < 0)
			continue;
		if (bh_libc_is_socket(p->fd)) {
			if (nsock == BHNET_MAX_SOCKETS)
				return (int)fail(-EINVAL);
			x->fds[nsock].fd = p->fd - BHNET_FIRST_FD;
			x->fds[nsock].events = p->events;
			x->fds[nsock].revents = 0;
			nsock++;
		} else if (file_fd(p->fd)) {
			p->revents = p->events & (POLLIN | POLLOUT);
		} else {
			p->revents = POLLNVAL;
		}
		ready += p->revents != 0;
	}
	if (nsock) {
		int rc = (int)fail(bhnet_poll(i, nsock, ready ? 0 : timeout));
		if (rc < 0)
			return -1;
		unsigned j = 0;
		for (nfds_t k = 0; k < nfds; k++)
			if (fds[k].fd >= 0 && bh_libc_is_socket(fds[k].fd)) {
				fds[k].revents = x->fds[j++].revents;
				ready += fds[k].revents != 0;
			}
	} else if (!ready && timeout != 0) {
		/* nothing to wait for but time: sleep through the stack's poll of no descriptor */
		if (fail(bhnet_poll(i, 0, timeout)) < 0)
			return -1;
	}
	return ready;
}

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
	if (nfds < 0 || nfds > FD_SETSIZE)
		return (int)fail(-EINVAL);
	struct pollfd pf[FD_SETSIZE];
	unsigned n = 0;
	for (int fd = 0; fd < nfds; fd++) {
		short ev = (short)((rd && FD_ISSET(fd, rd) ? POLLIN : 0) | (wr && FD_ISSET(fd, wr) ? POLLOUT : 0)
				   | (ex && FD_ISSET(fd, ex) ? POLLPRI : 0));
		if (!ev)
			continue;
		if (!file_fd(fd) && !bh_libc_is_socket(fd))
			return (int)fail(-EBADF);
		pf[n].fd = fd;
		pf[n].events = ev;
		n++;
	}
	int timeout = -1;
	if (tv) {
		if (tv->tv_sec < 0 || tv->tv_usec < 0)
			return (int)fail(-EINVAL);
		long long ms = (long long)tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
		timeout = ms > INT32_MAX ? INT32_MAX : (int)ms;
	}
	if (poll(pf, n, timeout) < 0)
		return -1;
	int count = 0;
	if (rd)
		FD_ZERO(rd);
	if (wr)
		FD_ZERO(wr);
	if (ex)
		FD_ZERO(ex);
	for (unsigned k = 0; k < n; k++) {
		short r = pf[k].revents;
		if (rd && (pf[k].events & POLLIN) && (r & (POLLIN | POLLHUP | POLLERR))) {
			FD_SET(pf[k].fd, rd);
			count++;
		}
		if (wr && (pf[k].events & POLLOUT) && (r & (POLLOUT | POLLERR))) {
			FD_SET(pf[k].fd, wr);
			count++;
		}
		if (ex && (pf[k].events & POLLPRI) && (r & POLLPRI)) {
			FD_SET(pf[k].fd, ex);
			count++;
		}
	}
	return count;
}

/* ---- numeric addresses ---- */

/* IPv6's wildcard, for programs that name it (netinet/in.h): no socket here can use it. */
const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;

int inet_pton(int af, const char *src, void *dst)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	uint32_t a = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (*src >= '0' && *src <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*src++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || v > 255 || (digits > 1 && src[-(int)digits] == '0'))
			return 0;
		a = a << 8 | v;
		if (part < 3 && *src++ != '.')
			return 0;
	}
	if (*src)
		return 0;
	a = htonl(a);
	memcpy(dst, &a, sizeof(a));
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	in_addr_t a;
	return inet_pton(AF_INET, cp, &a) == 1 ? a : INADDR_NONE;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	const unsigned char *b = src;
	char tmp[INET_ADDRSTRLEN];
	unsigned k = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = b[part];
		if (v >= 100)
			tmp[k++] = (char)('0' + v / 100);
		if (v >= 10)
			tmp[k++] = (char)('0' + v / 10 % 10);
		tmp[k++] = (char)('0' + v % 10);
		tmp[k++] = part < 3 ? '.' : '\0';
	}
	if (k > size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, k);
	return dst;
}
