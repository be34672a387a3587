/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sockets (libc's system-call layer, libs/libc/socket.c; newlib has none).  Linux's numbers and
 * layouts, from bhnet.h (the contract with the network stack, one source for both sides).
 */
#ifndef BULKHEAD_SYS_SOCKET_H
#define BULKHEAD_SYS_SOCKET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <bhnet.h>

typedef uint32_t socklen_t;
typedef uint16_t sa_family_t;

struct sockaddr {
	sa_family_t sa_family;
	char sa_data[14];
};

struct sockaddr_storage {
	sa_family_t ss_family;
	char __ss_data[126];
};

struct linger {
	int l_onoff;
	int l_linger;
};

struct msghdr {
	void *msg_name;              /* the peer's address (sendmsg: where to; recvmsg: from where) */
	socklen_t msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;
	void *msg_control;           /* no ancillary data here: msg_controllen comes back 0 */
	size_t msg_controllen;
	int msg_flags;
};

#define MSG_TRUNC 0x20               /* recvmsg: the datagram was longer than the buffers */
#define MSG_CTRUNC 0x8

#define AF_UNSPEC BHNET_AF_UNSPEC
#define AF_INET BHNET_AF_INET
#define AF_INET6 BHNET_AF_INET6
#define PF_UNSPEC AF_UNSPEC
#define PF_INET AF_INET
#define PF_INET6 AF_INET6
#define SOCK_STREAM BHNET_SOCK_STREAM
#define SOCK_DGRAM BHNET_SOCK_DGRAM

#define SOL_SOCKET BHNET_SOL_SOCKET
#define SO_REUSEADDR BHNET_SO_REUSEADDR
#define SO_TYPE BHNET_SO_TYPE
#define SO_ERROR BHNET_SO_ERROR
#define SO_BROADCAST BHNET_SO_BROADCAST
#define SO_SNDBUF BHNET_SO_SNDBUF
#define SO_RCVBUF BHNET_SO_RCVBUF
#define SO_KEEPALIVE BHNET_SO_KEEPALIVE
#define SO_LINGER BHNET_SO_LINGER
#define SO_RCVTIMEO BHNET_SO_RCVTIMEO
#define SO_SNDTIMEO BHNET_SO_SNDTIMEO

#define MSG_PEEK BHNET_MSG_PEEK
#define MSG_DONTWAIT BHNET_MSG_DONTWAIT
#define MSG_WAITALL BHNET_MSG_WAITALL
#define MSG_NOSIGNAL BHNET_MSG_NOSIGNAL

#define SHUT_RD BHNET_SHUT_RD
#define SHUT_WR BHNET_SHUT_WR
#define SHUT_RDWR BHNET_SHUT_RDWR

#define SOMAXCONN 16

int socket(int domain, int type, int protocol);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t n, int flags);
ssize_t recv(int fd, void *buf, size_t n, int flags);
ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *to, socklen_t len);
ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);

#endif
