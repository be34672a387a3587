/* SPDX-License-Identifier: BSD-3-Clause */
/* poll over sockets and files (libs/libc/socket.c; Linux's event bits). */
#ifndef BULKHEAD_POLL_H
#define BULKHEAD_POLL_H

#include <bhnet.h>

typedef unsigned int nfds_t;

struct pollfd {
	int fd;
	short events;
	short revents;
};

#define POLLIN BHNET_POLLIN
#define POLLPRI BHNET_POLLPRI
#define POLLOUT BHNET_POLLOUT
#define POLLERR BHNET_POLLERR
#define POLLHUP BHNET_POLLHUP
#define POLLNVAL BHNET_POLLNVAL

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
