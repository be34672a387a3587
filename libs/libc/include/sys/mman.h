/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mmap and munmap (libs/libc/mman.c): an anonymous mapping, or a file's (vfs/ramfs) bytes copied into
 * memory from libc's heap.  There is one address space and no page cache here, so a file mapping is
 * a copy taken at mmap: MAP_PRIVATE is exact (writes stay in the copy); MAP_SHARED writes the copy
 * back to the file at msync and munmap, and sees nobody else's writes meanwhile.  Linux's numbers.
 */
#ifndef BULKHEAD_SYS_MMAN_H
#define BULKHEAD_SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS

#define MAP_FAILED ((void *)-1)

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int msync(void *addr, size_t len, int flags);

#endif
