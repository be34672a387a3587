/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The network-stack side of libc's socket contract (libs/libc/include/bhnet.h), on lwIP's socket API.
 *
 * Runs in lwIP's compartment.  Every call takes scalars and a slot of bhnet_xfer (defined here,
 * shared because libc names it), translates libc's values (Linux's numbers) to lwIP's, calls lwip_*,
 * and turns lwIP's errno (kept per thread in this compartment: cc.h set_errno) into a -errno result.
 * lwIP starts on the first call (tcpip_init: its thread, the loopback netif 127.0.0.1), or when a
 * device driver adds its netif first (netif.c).
 */
#include <string.h>
#include "lwip/opt.h"
#include "lwip/sockets.h"
#include "lwip/tcpip.h"
#include "lwip/sys.h"
#include "lwip/api.h"
#include "lwip/tcp.h"
#include "lwip/priv/sockets_priv.h"
#include <bhnet.h>
#include <bhthread.h>

_Static_assert(MEMP_NUM_NETCONN == BHNET_MAX_SOCKETS, "one lwIP netconn per socket libc can name");
_Static_assert(BHNET_O_NONBLOCK == O_NONBLOCK, "lwIP's O_NONBLOCK is newlib's (cc.h includes fcntl.h)");

struct bhnet_slot bhnet_xfer[BHNET_SLOTS];

static int thread_errno[BH_THREADS_MAX];

void bhnet_set_errno(int err)
{
	int t = bh_thread_self();
	if (err && t >= 0 && t < BH_THREADS_MAX)
		thread_errno[t] = err;
}

uint32_t bhnet_rand(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return lo ^ (hi << 16) ^ (lo >> 7);
}

/* lwIP's state is not to be trusted past a failed assertion: say where, then stop the image with a
 * trap (ud2), which the kernel reports as a CPU exception (status 65) naming this function.  No exit
 * status of its own: abi/abi.toml gives each status one meaning, and this is a stop, like any #UD. */
void bhnet_assert_failed(const char *msg, int line, const char *file)
{
	bh_printf("lwip: assertion \"%s\" failed at %s:%d\n", msg, file, line);
	__builtin_trap();
}

/* ---- start ---- */

static sys_sem_t started;
static int up;

static void tcpip_ready(void *arg)
{
	LWIP_UNUSED_ARG(arg);
	sys_sem_signal(&started);
}

/* lwIP's start, once: on the first socket(), or when a driver adds its netif (netif.c). */
void bhnet_start(void)
{
	if (up)
		return;
	up = 1;
	if (sys_sem_new(&started, 0) != ERR_OK)
		bhnet_assert_failed("bhnet: no semaphore to start lwIP", __LINE__, __FILE__);
	tcpip_init(tcpip_ready, NULL);
	sys_arch_sem_wait(&started, 0);
	sys_sem_free(&started);
}

/* ---- helpers ---- */

/* lwIP's result -> the contract's: rc, or -errno of the calling thread */
static long result(long rc)
{
	if (rc >= 0)
		return rc;
	int t = bh_thread_self();
	int e = thread_errno[t];
	thread_errno[t] = 0;
	return -(e ? e : EIO);
}

static struct bhnet_slot *slot_of(unsigned slot)
{
	return slot < BHNET_SLOTS ? &bhnet_xfer[slot] : NULL;
}

static void to_lwip(const struct bhnet_addr *a, struct sockaddr_in *sin)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_len = sizeof(*sin);
	sin->sin_family = a->family == BHNET_AF_INET ? AF_INET : (sa_family_t)0xff;
	sin->sin_port = a->port;
	sin->sin_addr.s_addr = a->addr;
}

static void from_lwip(const struct sockaddr_in *sin, struct bhnet_addr *a)
{
	a->family = sin->sin_family == AF_INET ? BHNET_AF_INET : BHNET_AF_UNSPEC;
	a->port = sin->sin_port;
	a->addr = sin->sin_addr.s_addr;
}

static int flags_to_lwip(int f)
{
	int out = 0;
	if (f & BHNET_MSG_PEEK)
		out |= MSG_PEEK;
	if (f & BHNET_MSG_DONTWAIT)
		out |= MSG_DONTWAIT;
	if (f & BHNET_MSG_WAITALL)
		out |= MSG_WAITALL;
	if (f & BHNET_MSG_NOSIGNAL)
		out |= MSG_NOSIGNAL;
	if (f & ~(BHNET_MSG_PEEK | BHNET_MSG_DONTWAIT | BHNET_MSG_WAITALL | BHNET_MSG_NOSIGNAL))
		return -1;
	return out;
}

/* ---- the contract ---- */

int bhnet_socket(int domain, int type, int protocol)
{
	if (domain != BHNET_AF_INET)
		return -EAFNOSUPPORT;
	int t = type == BHNET_SOCK_STREAM ? SOCK_STREAM : type == BHNET_SOCK_DGRAM ? SOCK_DGRAM : -1;
	if (t < 0)
		return -EPROTOTYPE;
	int p = protocol == BHNET_IPPROTO_IP ? 0 : protocol == BHNET_IPPROTO_TCP ? IPPROTO_TCP
		: protocol == BHNET_IPPROTO_UDP ? IPPROTO_UDP : -1;
	if (p < 0)
		return -EPROTONOSUPPORT;
	bhnet_start();
	return (int)result(lwip_socket(AF_INET, t, p));
}

int bhnet_bind(int s, unsigned slot)
{
	struct bhnet_slot *x = slot_of(slot);
	if (!x)
		return -EFAULT;
	if (x->addr.family != BHNET_AF_INET)
		return -EAFNOSUPPORT;
	struct sockaddr_in sin;
	to_lwip(&x->addr, &sin);
	return (int)result(lwip_bind(s, (struct sockaddr *)&sin, sizeof(sin)));
}

int bhnet_listen(int s, int backlog)
{
	return (int)result(lwip_listen(s, backlog));
}

int bhnet_accept(int s, unsigned slot, int want_addr)
{
	struct bhnet_slot *x = slot_of(slot);
	if (!x)
		return -EFAULT;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	memset(&sin, 0, sizeof(sin));
	int rc = (int)result(lwip_accept(s, (struct sockaddr *)&sin, &len));
	if (rc >= 0 && want_addr)
		from_lwip(&sin, &x->addr);
	return rc;
}

int bhnet_connect(int s, unsigned slot)
{
	struct bhnet_slot *x = slot_of(slot);
	if (!x)
		return -EFAULT;
	if (x->addr.family != BHNET_AF_INET)
		return -EAFNOSUPPORT;
	struct sockaddr_in sin;
	to_lwip(&x->addr, &sin);
	int rc = (int)result(lwip_connect(s, (struct sockaddr *)&sin, sizeof(sin)));
	/* lwIP reports the peer's reset of a SYN as ECONNRESET; POSIX (and Linux) call it a refusal */
	return rc == -ECONNRESET ? -ECONNREFUSED : rc;
}

long bhnet_send(int s, unsigned slot, unsigned long n, int flags, int to)
{
	struct bhnet_slot *x = slot_of(slot);
	int f = flags_to_lwip(flags);
	if (!x || n > BHNET_CHUNK)
		return -EFAULT;
	if (f < 0)
		return -EOPNOTSUPP;
	if (!to)
		return result(lwip_send(s, x->data, n, f));
	struct sockaddr_in sin;
	to_lwip(&x->addr, &sin);
	return result(lwip_sendto(s, x->data, n, f, (struct sockaddr *)&sin, sizeof(sin)));
}

long bhnet_recv(int s, unsigned slot, unsigned long n, int flags, int from)
{
	struct bhnet_slot *x = slot_of(slot);
	int f = flags_to_lwip(flags);
	if (!x || n > BHNET_CHUNK)
		return -EFAULT;
	if (f < 0)
		return -EOPNOTSUPP;
	if (!from)
		return result(lwip_recv(s, x->data, n, f));
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	memset(&sin, 0, sizeof(sin));
	long rc = result(lwip_recvfrom(s, x->data, n, f, (struct sockaddr *)&sin, &len));
	if (rc >= 0)
		from_lwip(&sin, &x->addr);
	return rc;
}

/* (level, name) in libc's numbers -> lwIP's; 0, or -ENOPROTOOPT.  *timeval: the value is a
 * struct timeval (same layout on both sides: newlib's, LWIP_TIMEVAL_PRIVATE 0). */
static int opt_to_lwip(int level, int name, int *lvl, int *nm)
{
	static const int so[][2] = {
		{ BHNET_SO_REUSEADDR, SO_REUSEADDR }, { BHNET_SO_TYPE, SO_TYPE }, { BHNET_SO_ERROR, SO_ERROR },
		{ BHNET_SO_BROADCAST, SO_BROADCAST }, { BHNET_SO_SNDBUF, SO_SNDBUF }, { BHNET_SO_RCVBUF, SO_RCVBUF },
		{ BHNET_SO_KEEPALIVE, SO_KEEPALIVE }, { BHNET_SO_LINGER, SO_LINGER },
		{ BHNET_SO_RCVTIMEO, SO_RCVTIMEO }, { BHNET_SO_SNDTIMEO, SO_SNDTIMEO },
	};
	if (level == BHNET_SOL_SOCKET) {
		for (unsigned i = 0; i < sizeof(so) / sizeof(so[0]); i++)
			if (so[i][0] == name) {
				*lvl = SOL_SOCKET;
				*nm = so[i][1];
				return 0;
			}
		return -ENOPROTOOPT;
	}
	if (level == BHNET_IPPROTO_TCP && name == BHNET_TCP_NODELAY) {
		*lvl = IPPROTO_TCP;
		*nm = TCP_NODELAY;
		return 0;
	}
	if (level == BHNET_IPPROTO_IP && name == BHNET_IP_TOS) {
		*lvl = IPPROTO_IP;
		*nm = IP_TOS;
		return 0;
	}
	return -ENOPROTOOPT;
}

/*
 * Options lwIP's socket layer does not have, answered here from the connection's pcb (under the
 * core lock): SO_SNDBUF (lwIP's send buffer is TCP_SND_BUF for every TCP connection: get says so,
 * set is accepted and changes nothing, as Linux accepts and clamps; UDP has no send buffer, 0) and
 * TCP_MAXSEG (get: the connection's MSS, TCP_MSS before it is connected; set: ENOPROTOOPT, lwIP
 * takes the MSS from TCP_MSS and the peer, per connection, with no way to lower it).
 * 1: handled (*rc is the result), 0: lwIP's own.
 */
static int own_option(int s, int level, int name, int set, void *val, unsigned len, int *rc)
{
	int sndbuf = level == BHNET_SOL_SOCKET && name == BHNET_SO_SNDBUF;
	int maxseg = level == BHNET_IPPROTO_TCP && name == BHNET_TCP_MAXSEG;
	if (!sndbuf && !maxseg)
		return 0;
	if (len < sizeof(int)) {
		*rc = -EINVAL;
		return 1;
	}
	struct lwip_sock *sock = lwip_socket_dbg_get_socket(s);
	if (!sock || !sock->conn) {
		*rc = -EBADF;
		return 1;
	}
	int tcp = NETCONNTYPE_GROUP(netconn_type(sock->conn)) == NETCONN_TCP;
	if (maxseg && !tcp) {
		*rc = -ENOPROTOOPT;
		return 1;
	}
	if (set) {
		*rc = maxseg ? -ENOPROTOOPT : 0;
		return 1;
	}
	int v;
	LOCK_TCPIP_CORE();
	if (maxseg)
		v = sock->conn->pcb.tcp && sock->conn->pcb.tcp->state != LISTEN ? sock->conn->pcb.tcp->mss : TCP_MSS;
	else
		v = tcp ? TCP_SND_BUF : 0;
	UNLOCK_TCPIP_CORE();
	memcpy(val, &v, sizeof(v));
	*rc = (int)sizeof(v);
	return 1;
}

int bhnet_setsockopt(int s, int level, int name, unsigned slot, unsigned len)
{
	struct bhnet_slot *x = slot_of(slot);
	int lvl, nm;
	if (!x || len > sizeof(x->opt))
		return -EFAULT;
	int rc;
	if (own_option(s, level, name, 1, x->opt, len, &rc))
		return rc < 0 ? rc : 0;
	rc = opt_to_lwip(level, name, &lvl, &nm);
	if (rc)
		return rc;
	return (int)result(lwip_setsockopt(s, lvl, nm, x->opt, len));
}

int bhnet_getsockopt(int s, int level, int name, unsigned slot, unsigned len)
{
	struct bhnet_slot *x = slot_of(slot);
	int lvl, nm;
	if (!x || len > sizeof(x->opt))
		return -EFAULT;
	int rc;
	if (own_option(s, level, name, 0, x->opt, len, &rc))
		return rc;
	rc = opt_to_lwip(level, name, &lvl, &nm);
	if (rc)
		return rc;
	socklen_t l = len;
	rc = (int)result(lwip_getsockopt(s, lvl, nm, x->opt, &l));
	if (rc < 0)
		return rc;
	if (lvl == SOL_SOCKET && nm == SO_TYPE && l >= sizeof(int)) {
		int v;
		memcpy(&v, x->opt, sizeof(v));
		v = v == SOCK_STREAM ? BHNET_SOCK_STREAM : v == SOCK_DGRAM ? BHNET_SOCK_DGRAM : v;
		memcpy(x->opt, &v, sizeof(v));
	}
	return (int)l;
}

int bhnet_shutdown(int s, int how)
{
	int h = how == BHNET_SHUT_RD ? SHUT_RD : how == BHNET_SHUT_WR ? SHUT_WR
		: how == BHNET_SHUT_RDWR ? SHUT_RDWR : -1;
	if (h < 0)
		return -EINVAL;
	return (int)result(lwip_shutdown(s, h));
}

int bhnet_close(int s)
{
	return (int)result(lwip_close(s));
}

int bhnet_getname(int s, unsigned slot, int peer)
{
	struct bhnet_slot *x = slot_of(slot);
	if (!x)
		return -EFAULT;
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	memset(&sin, 0, sizeof(sin));
	int rc = (int)result(peer ? lwip_getpeername(s, (struct sockaddr *)&sin, &len)
				  : lwip_getsockname(s, (struct sockaddr *)&sin, &len));
	if (rc >= 0)
		from_lwip(&sin, &x->addr);
	return rc;
}

int bhnet_fcntl(int s, int cmd, int arg)
{
	if (cmd != F_GETFL && cmd != F_SETFL)
		return -EINVAL;
	return (int)result(lwip_fcntl(s, cmd, arg));
}

static short events_to_lwip(int e)
{
	short out = 0;
	if (e & BHNET_POLLIN)
		out |= POLLIN;
	if (e & BHNET_POLLPRI)
		out |= POLLPRI;
	if (e & BHNET_POLLOUT)
		out |= POLLOUT;
	return out;
}

static short events_from_lwip(int e)
{
	short out = 0;
	if (e & (POLLIN | POLLRDNORM))
		out |= BHNET_POLLIN;
	if (e & POLLPRI)
		out |= BHNET_POLLPRI;
	if (e & (POLLOUT | POLLWRNORM))
		out |= BHNET_POLLOUT;
	if (e & POLLERR)
		out |= BHNET_POLLERR;
	if (e & POLLHUP)
		out |= BHNET_POLLHUP;
	if (e & POLLNVAL)
		out |= BHNET_POLLNVAL;
	return out;
}

int bhnet_poll(unsigned slot, unsigned nfds, int timeout_ms)
{
	struct bhnet_slot *x = slot_of(slot);
	if (!x || nfds > BHNET_MAX_SOCKETS)
		return -EINVAL;
	struct pollfd fds[BHNET_MAX_SOCKETS];
	for (unsigned i = 0; i < nfds; i++) {
		fds[i].fd = x->fds[i].fd;
		fds[i].events = events_to_lwip(x->fds[i].events);
		fds[i].revents = 0;
	}
	int rc = (int)result(lwip_poll(fds, nfds, timeout_ms));
	for (unsigned i = 0; i < nfds; i++)
		x->fds[i].revents = rc >= 0 ? events_from_lwip(fds[i].revents) : 0;
	return rc;
}
