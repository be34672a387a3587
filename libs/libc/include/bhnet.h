/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bhnet: the contract between libc's socket layer (libs/libc/socket.c, in libc's compartment) and a
 * network stack (libs/lwip/bhnet.c, in the stack's compartment).  libc owns it; a stack implements it.
 *
 * Every entry point takes scalars and a slot of `bhnet_xfer`, the exchange buffer the stack defines:
 * because libc's code references it by name, the pass moves it to the shared region (policy
 * shared_globals = "share", as vfs_xfer), so no pointer into a caller's stack, heap or data crosses.
 * One slot per thread (a thread that blocks in recv keeps its slot; another thread uses its own):
 * the caller passes its thread's index and the stack checks it.
 *
 * Values are libc's (the POSIX headers in libs/libc/include use the BHNET_ names below, Linux's
 * numbers); the stack translates them to its own.  Results: >= 0, or -errno (newlib's errno values).
 * Descriptors are the stack's own (0 .. BHNET_MAX_SOCKETS-1); libc shows them as BHNET_FIRST_FD + s.
 *
 * Without a network stack in the image, libc's weak defaults answer -EAFNOSUPPORT (socket) or -EBADF.
 */
#ifndef BULKHEAD_BHNET_H
#define BULKHEAD_BHNET_H

#include <stdint.h>
#include <bulkhead/abi.h>

#define BHNET_CHUNK 4096          /* largest buffer one send or recv moves */
#define BHNET_MAX_SOCKETS 16      /* the stack's sockets (lwipopts.h MEMP_NUM_NETCONN must match) */
#define BHNET_FIRST_FD 32         /* after vfs's 3..31; every fd < FD_SETSIZE (64) for select */
#define BHNET_SLOTS BH_THREADS_MAX

/* Address families, types, protocols (Linux's numbers) */
#define BHNET_AF_UNSPEC 0
#define BHNET_AF_INET 2
#define BHNET_AF_INET6 10          /* declared for programs that name it; no stack here has IPv6: socket() says EAFNOSUPPORT */
#define BHNET_SOCK_STREAM 1
#define BHNET_SOCK_DGRAM 2
#define BHNET_IPPROTO_IP 0
#define BHNET_IPPROTO_TCP 6
#define BHNET_IPPROTO_UDP 17

/* Socket options: levels and names */
#define BHNET_SOL_SOCKET 1
#define BHNET_SO_REUSEADDR 2
#define BHNET_SO_TYPE 3
#define BHNET_SO_ERROR 4
#define BHNET_SO_BROADCAST 6
#define BHNET_SO_SNDBUF 7
#define BHNET_SO_RCVBUF 8
#define BHNET_SO_KEEPALIVE 9
#define BHNET_SO_LINGER 13
#define BHNET_SO_RCVTIMEO 20
#define BHNET_SO_SNDTIMEO 21
#define BHNET_IP_TOS 1
#define BHNET_TCP_NODELAY 1
#define BHNET_TCP_MAXSEG 2          /* get: the connection's MSS; set: ENOPROTOOPT (lwIP fixes it at TCP_MSS) */

/* send/recv flags */
#define BHNET_MSG_PEEK 0x2
#define BHNET_MSG_DONTWAIT 0x40
#define BHNET_MSG_WAITALL 0x100
#define BHNET_MSG_NOSIGNAL 0x4000

/* shutdown */
#define BHNET_SHUT_RD 0
#define BHNET_SHUT_WR 1
#define BHNET_SHUT_RDWR 2

/* poll events (Linux's) */
#define BHNET_POLLIN 0x001
#define BHNET_POLLPRI 0x002
#define BHNET_POLLOUT 0x004
#define BHNET_POLLERR 0x008
#define BHNET_POLLHUP 0x010
#define BHNET_POLLNVAL 0x020

/* fcntl: the one file status flag a socket has (newlib's O_NONBLOCK value) */
#define BHNET_O_NONBLOCK 0x4000

/* An IPv4 socket address, both fields in network byte order (sockaddr_in's). */
struct bhnet_addr {
	uint16_t family;
	uint16_t port;
	uint32_t addr;
};

struct bhnet_pollfd {
	int32_t fd;          /* the stack's descriptor, or -1: ignored */
	int16_t events;
	int16_t revents;
};

struct bhnet_slot {
	unsigned char data[BHNET_CHUNK];
	struct bhnet_addr addr;                        /* bind, connect, accept, send/recv(to/from), getname */
	unsigned char opt[16];                         /* setsockopt/getsockopt value */
	struct bhnet_pollfd fds[BHNET_MAX_SOCKETS];    /* poll and select */
};

extern struct bhnet_slot bhnet_xfer[BHNET_SLOTS];

int bhnet_socket(int domain, int type, int protocol);
int bhnet_bind(int s, unsigned slot);                    /* address in the slot */
int bhnet_listen(int s, int backlog);
int bhnet_accept(int s, unsigned slot, int want_addr);   /* the peer's address into the slot */
int bhnet_connect(int s, unsigned slot);
/* send n bytes of the slot's data (to the slot's address when `to`) */
long bhnet_send(int s, unsigned slot, unsigned long n, int flags, int to);
/* receive up to n bytes into the slot's data (the sender's address into the slot when `from`) */
long bhnet_recv(int s, unsigned slot, unsigned long n, int flags, int from);
int bhnet_setsockopt(int s, int level, int name, unsigned slot, unsigned len);
int bhnet_getsockopt(int s, int level, int name, unsigned slot, unsigned len);  /* the value's length */
int bhnet_shutdown(int s, int how);
int bhnet_close(int s);
int bhnet_getname(int s, unsigned slot, int peer);       /* getsockname (0) / getpeername (1) */
/* F_GETFL (3): BHNET_O_NONBLOCK or 0; F_SETFL (4): sets it from arg */
int bhnet_fcntl(int s, int cmd, int arg);
/* poll the slot's nfds entries; timeout in ms (-1: forever); the number with revents != 0 */
int bhnet_poll(unsigned slot, unsigned nfds, int timeout_ms);

/* The image's network device driver, if it has one (libs/netdev defines it; without one libc's weak
 * default does nothing): libc calls it once, before the first socket, with the wait mode of
 * /etc/netdev.conf (a line `netdev poll`: BHNET_DEVICE_POLL; `netdev irq` or no file:
 * BHNET_DEVICE_IRQ), so that a program that never names the driver (iperf3) has its device.  0, or
 * -1 when the device could not be started (the driver says why; the loopback still works).
 * Idempotent: a program that started the driver itself (apps/netecho) is not started twice. */
#define BHNET_DEVICE_IRQ 0
#define BHNET_DEVICE_POLL 1
int bhnet_device_start(int mode);

#endif
