/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfs: descriptors (offset, flags, node) over ramfs, the only file system so far.  Dispatch to the
 * file system is a plain call (no table of function pointers), so the pass never has to refuse an
 * indirect call here.  Paths are normalized here ("/a//b/./c" -> "/a/b/c"; relative paths are
 * taken from "/") before ramfs sees them.  No writable state but the descriptor table and the
 * call counter; buffers come from the caller (vfs_xfer) and go to ramfs as they are.
 */
#include <stdint.h>
#include <bulkhead/bootfile.h>
#include <bulkhead/console.h>
#include <bulkhead/heap.h>
#include <bulkhead/string.h>
#include <ramfs.h>
#include <vfs.h>

struct file {
	int used;
	int node;
	int flags;
	int64_t off;
};

struct vfs_xfer vfs_xfer;
static struct file files[VFS_MAX_FDS];
static uint64_t counters[VFS_COUNTERS];

#define FS(call) (counters[VFS_CALLS_RAMFS]++, (call))

uint64_t vfs_calls(int which)
{
	return which >= 0 && which < VFS_COUNTERS ? counters[which] : 0;
}

/*
 * The kernel's boot files (bulkhead/bootfile.h: QEMU's `-fw_cfg name=opt/...`) become ramfs files,
 * with their directories, before the first path is looked up.  The kernel writes only into shared
 * memory, so the bytes come through a block of the shared heap.  Not counted in vfs_calls (the
 * benchmark's crossings are the program's own).
 */
static int booted;

static void load_boot_files(void)
{
	booted = 1;
	int n = bh_bootfile_count();
	if (n <= 0)
		return;
	char *path = bh_shared_malloc(BH_BOOTFILE_NAME + BH_BOOTFILE_CHUNK);
	if (!path) {
		bh_printf("bulkhead: vfs: no shared heap for the boot files ([heap] shared_kib)\n");
		return;
	}
	unsigned char *chunk = (unsigned char *)path + BH_BOOTFILE_NAME;
	for (int i = 0; i < n; i++) {
		int64_t size = bh_bootfile_stat(i, path);
		if (size < 0)
			continue;
		for (char *s = path + 1; *s; s++) {   /* its directories first (those that exist stay) */
			if (*s != '/')
				continue;
			*s = 0;
			if (ramfs_lookup(path) < 0)
				ramfs_create(path, 1);
			*s = '/';
		}
		int node = ramfs_lookup(path);
		if (node < 0)
			node = ramfs_create(path, 0);
		if (node < 0 || ramfs_is_dir(node)) {
			bh_printf("bulkhead: vfs: boot file %s: cannot create it in ramfs (error %d)\n", path, -node);
			continue;
		}
		int64_t off = 0;
		while (off < size) {
			int64_t got = bh_bootfile_read(i, (uint64_t)off, chunk, BH_BOOTFILE_CHUNK);
			if (got <= 0 || ramfs_write(node, chunk, (unsigned long)got, off) != got)
				break;
			off += got;
		}
		if (off != size)
			bh_printf("bulkhead: vfs: boot file %s: %ld of %ld bytes copied\n", path, (long)off, (long)size);
	}
	bh_shared_free(path);
}

/* Normalizes path into out (VFS_PATH_MAX bytes); 0 or -errno. */
static int normalize(const char *path, char *out)
{
	if (!booted)
		load_boot_files();
	unsigned n = 0;
	out[n++] = '/';
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && *p != '/')
			p++;
		unsigned len = (unsigned)(p - s);
		if (len == 1 && s[0] == '.')
			continue;
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--;
			continue;
		}
		if (n > 1)
			out[n++] = '/';
		if (n + len + 1 > VFS_PATH_MAX)
			return -VFS_ENAMETOOLONG;
		memcpy(out + n, s, len);
		n += len;
	}
	out[n] = 0;
	return 0;
}

static struct file *get(int fd)
{
	if (fd < VFS_FIRST_FD || fd >= VFS_MAX_FDS || !files[fd].used)
		return 0;
	return &files[fd];
}

int vfs_open(const char *path, int flags, int mode)
{
	(void)mode;
	char p[VFS_PATH_MAX];
	int rc = normalize(path, p);
	if (rc)
		return rc;
	int fd = VFS_FIRST_FD;
	while (fd < VFS_MAX_FDS && files[fd].used)
		fd++;
	if (fd == VFS_MAX_FDS)
		return -VFS_EMFILE;
	int node = FS(ramfs_lookup(p));
	if (node >= 0 && (flags & VFS_O_CREAT) && (flags & VFS_O_EXCL))
		return -VFS_EEXIST;
	if (node < 0) {
		if (!(flags & VFS_O_CREAT))
			return node;
		node = FS(ramfs_create(p, 0));
		if (node < 0)
			return node;
	}
	int dir = FS(ramfs_is_dir(node));
	if (dir && (flags & VFS_O_ACCMODE) != 0)
		return -VFS_EISDIR;
	if (!dir && (flags & VFS_O_TRUNC) && (flags & VFS_O_ACCMODE) != 0) {
		rc = FS(ramfs_truncate(node, 0));
		if (rc)
			return rc;
	}
	FS(ramfs_hold(node, 1));
	files[fd] = (struct file){ .used = 1, .node = node, .flags = flags, .off = 0 };
	return fd;
}

int vfs_close(int fd)
{
	struct file *f = get(fd);
	if (!f)
		return -VFS_EBADF;
	FS(ramfs_hold(f->node, -1));
	f->used = 0;
	return 0;
}

long vfs_pread(int fd, void *buf, unsigned long n, int64_t off)
{
	struct file *f = get(fd);
	if (!f || (f->flags & VFS_O_ACCMODE) == VFS_O_WRONLY)
		return -VFS_EBADF;
	if (off < 0)
		return -VFS_EINVAL;
	return FS(ramfs_read(f->node, buf, n, off));
}

long vfs_pwrite(int fd, const void *buf, unsigned long n, int64_t off)
{
	struct file *f = get(fd);
	if (!f || (f->flags & VFS_O_ACCMODE) == 0)
		return -VFS_EBADF;
	if (off < 0)
		return -VFS_EINVAL;
	return FS(ramfs_write(f->node, buf, n, off));
}

long vfs_read(int fd, void *buf, unsigned long n)
{
	struct file *f = get(fd);
	if (!f)
		return -VFS_EBADF;
	long r = vfs_pread(fd, buf, n, f->off);
	if (r > 0)
		f->off += r;
	return r;
}

long vfs_write(int fd, const void *buf, unsigned long n)
{
	struct file *f = get(fd);
	if (!f)
		return -VFS_EBADF;
	if (f->flags & VFS_O_APPEND)
		f->off = FS(ramfs_size(f->node));
	long r = vfs_pwrite(fd, buf, n, f->off);
	if (r > 0)
		f->off += r;
	return r;
}

int64_t vfs_lseek(int fd, int64_t off, int whence)
{
	struct file *f = get(fd);
	if (!f)
		return -VFS_EBADF;
	int64_t base = whence == 0 ? 0 : whence == 1 ? f->off : whence == 2 ? FS(ramfs_size(f->node)) : -1;
	if (base < 0 || base + off < 0)
		return -VFS_EINVAL;
	f->off = base + off;
	return f->off;
}

static void fill(int node, struct vfs_stat *st)
{
	int dir = FS(ramfs_is_dir(node));
	st->size = dir ? 0 : (uint64_t)FS(ramfs_size(node));
	st->mode = (dir ? VFS_S_IFDIR : VFS_S_IFREG) | 0644u | (dir ? 0111u : 0u);
	st->ino = (uint32_t)node + 1;
	st->nlink = 1;
	st->blksize = VFS_CHUNK;
}

int vfs_fstat(int fd, struct vfs_stat *st)
{
	struct file *f = get(fd);
	if (!f)
		return -VFS_EBADF;
	fill(f->node, st);
	return 0;
}

int vfs_stat(const char *path, struct vfs_stat *st)
{
	char p[VFS_PATH_MAX];
	int rc = normalize(path, p);
	if (rc)
		return rc;
	int node = FS(ramfs_lookup(p));
	if (node < 0)
		return node;
	fill(node, st);
	return 0;
}

int vfs_ftruncate(int fd, int64_t len)
{
	struct file *f = get(fd);
	if (!f || (f->flags & VFS_O_ACCMODE) == 0)
		return -VFS_EBADF;
	if (len < 0)
		return -VFS_EINVAL;
	return FS(ramfs_truncate(f->node, len));
}

static int by_path(const char *path, int op)
{
	char p[VFS_PATH_MAX];
	int rc = normalize(path, p);
	if (rc)
		return rc;
	switch (op) {
	case 0: return FS(ramfs_remove(p, 0));
	case 1: return FS(ramfs_remove(p, 1));
	default: {
		int n = FS(ramfs_create(p, 1));
		return n < 0 ? n : 0;
	}
	}
}

int vfs_unlink(const char *path) { return by_path(path, 0); }
int vfs_rmdir(const char *path) { return by_path(path, 1); }
int vfs_mkdir(const char *path, int mode) { (void)mode; return by_path(path, 2); }
