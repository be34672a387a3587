/* SPDX-License-Identifier: BSD-3-Clause */
/* Between syscalls.c and socket.c (both libc's system-call layer): descriptors of sockets. */
#ifndef BULKHEAD_LIBC_SOCKETS_PRIV_H
#define BULKHEAD_LIBC_SOCKETS_PRIV_H

#include <stddef.h>

unsigned bh_libc_thread_index(void);          /* the calling thread's index (syscalls.c) */
int bh_libc_is_socket(int fd);
int bh_libc_socket_close(int fd);
long bh_libc_socket_read(int fd, void *buf, size_t n);
long bh_libc_socket_write(int fd, const void *buf, size_t n);
int bh_libc_socket_fcntl(int fd, int cmd, int arg);

#endif
