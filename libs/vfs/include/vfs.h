/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfs: the file-descriptor layer (component `vfs`).  Every entry point takes scalars, or pointers
 * into `vfs_xfer`, the exchange buffer below: pointers into another compartment's data, heap or
 * private stack would fault.  The system-call layer under newlib (libs/libc) copies caller buffers
 * into vfs_xfer in chunks of at most VFS_CHUNK bytes before calling across, and results out of it.
 *
 * Results: >= 0 on success, -errno (newlib's errno values) on failure.
 * Flags are newlib's O_* values (O_RDONLY 0, O_WRONLY 1, O_RDWR 2, O_APPEND 0x8, O_CREAT 0x200,
 * O_TRUNC 0x400, O_EXCL 0x800).
 */
#ifndef BULKHEAD_VFS_H
#define BULKHEAD_VFS_H

#include <stdint.h>

#define VFS_CHUNK 4096        /* largest buffer one call moves */
#define VFS_PATH_MAX 128      /* longest path, with its NUL */
#define VFS_MAX_FDS 32
#define VFS_FIRST_FD 3        /* 0-2: the console, kept by the system-call layer */

#define VFS_O_ACCMODE 3
#define VFS_O_WRONLY 1
#define VFS_O_RDWR 2
#define VFS_O_APPEND 0x0008
#define VFS_O_CREAT 0x0200
#define VFS_O_TRUNC 0x0400
#define VFS_O_EXCL 0x0800

/* errno values (newlib's numbering) */
#define VFS_ENOENT 2
#define VFS_EBADF 9
#define VFS_ENOMEM 12
#define VFS_EEXIST 17
#define VFS_ENOTDIR 20
#define VFS_EISDIR 21
#define VFS_EINVAL 22
#define VFS_EMFILE 24
#define VFS_ENOSPC 28
#define VFS_ESPIPE 29
#define VFS_ENOTEMPTY 90
#define VFS_ENAMETOOLONG 91

#define VFS_S_IFDIR 0040000
#define VFS_S_IFREG 0100000

struct vfs_stat {
	uint64_t size;
	uint32_t mode;     /* VFS_S_IF* | permission bits */
	uint32_t ino;
	uint32_t nlink;
	uint32_t blksize;
};

/*
 * The exchange buffer (bulkhead's data shadow): defined here, written and read by the system-call
 * layer in another component.  Because code of another compartment references it, the pass moves it
 * to the shared region (policy shared_globals = "share"; the manifest lists it), so it works with
 * shared and private stacks alike.  One buffer: the callers are single-threaded and not reentrant.
 */
struct vfs_xfer {
	char path[VFS_PATH_MAX];
	struct vfs_stat st;
	unsigned char data[VFS_CHUNK] __attribute__((aligned(64)));
};
extern struct vfs_xfer vfs_xfer;

/* Which calls vfs_calls() counts (for the benchmark's crossing accounting). */
enum vfs_counter { VFS_CALLS_RAMFS = 0, VFS_COUNTERS };

int vfs_open(const char *path, int flags, int mode);
int vfs_close(int fd);
long vfs_read(int fd, void *buf, unsigned long n);
long vfs_write(int fd, const void *buf, unsigned long n);
long vfs_pread(int fd, void *buf, unsigned long n, int64_t off);
long vfs_pwrite(int fd, const void *buf, unsigned long n, int64_t off);
int64_t vfs_lseek(int fd, int64_t off, int whence);
int vfs_fstat(int fd, struct vfs_stat *st);
int vfs_stat(const char *path, struct vfs_stat *st);
int vfs_ftruncate(int fd, int64_t len);
int vfs_unlink(const char *path);
int vfs_mkdir(const char *path, int mode);
int vfs_rmdir(const char *path);
/* How many calls vfs made into its file system (ramfs) so far. */
uint64_t vfs_calls(int which);

#endif
