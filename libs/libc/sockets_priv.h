/* SPDX-License-Identifier: BSD-3-Clause */
/* Between syscalls.c, socket.c and posix.c (libc's system-call layer): descriptors of sockets and of
 * the random device. */
#ifndef BULKHEAD_LIBC_SOCKETS_PRIV_H
#define BULKHEAD_LIBC_SOCKETS_PRIV_H

#include <stddef.h>

unsigned bh_libc_thread_index(void);          /* the calling thread's index (syscalls.c) */
int bh_libc_is_socket(int fd);
int bh_libc_socket_close(int fd);
long bh_libc_socket_read(int fd, void *buf, size_t n);
long bh_libc_socket_write(int fd, const void *buf, size_t n);
int bh_libc_socket_fcntl(int fd, int cmd, int arg);


/* /dev/urandom and /dev/random (posix.c): one descriptor, after the sockets' (BHNET_FIRST_FD +
 * BHNET_MAX_SOCKETS = 48), below select's FD_SETSIZE. */
#define BH_LIBC_RANDOM_FD 48
int bh_libc_is_random_path(const char *path);
long bh_libc_random_read(void *buf, size_t n);

#endif
