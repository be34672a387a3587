/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A small SQLite VFS over POSIX calls (open, pread, pwrite, ftruncate, fstat, unlink, stat), the
 * OS layer of the `sqlite` component (compiled with SQLITE_OS_OTHER=1, so SQLite calls
 * sqlite3_os_init() here).  Single process, single thread: locks are no-ops.  The same file builds
 * on Linux for the baseline (benchmarks/sqlite/run.py), so both run the same SQLite code paths.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "sqlite3.h"

struct bh_file {
	sqlite3_file base;
	int fd;
	int delete_on_close;
	char path[128];
};

static int bh_close(sqlite3_file *f)
{
	struct bh_file *p = (struct bh_file *)f;
	close(p->fd);
	if (p->delete_on_close)
		unlink(p->path);
	return SQLITE_OK;
}

static int bh_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct bh_file *p = (struct bh_file *)f;
	ssize_t got = pread(p->fd, buf, (size_t)amt, (off_t)off);
	if (got == amt)
		return SQLITE_OK;
	if (got < 0)
		return SQLITE_IOERR_READ;
	memset((char *)buf + got, 0, (size_t)(amt - got));
	return SQLITE_IOERR_SHORT_READ;
}

static int bh_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct bh_file *p = (struct bh_file *)f;
	while (amt > 0) {
		ssize_t put = pwrite(p->fd, buf, (size_t)amt, (off_t)off);
		if (put <= 0)
			return SQLITE_IOERR_WRITE;
		buf = (const char *)buf + put;
		amt -= (int)put;
		off += put;
	}
	return SQLITE_OK;
}

static int bh_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return ftruncate(((struct bh_file *)f)->fd, (off_t)size) ? SQLITE_IOERR_TRUNCATE : SQLITE_OK;
}

static int bh_sync(sqlite3_file *f, int flags)
{
	(void)flags;
	return fsync(((struct bh_file *)f)->fd) ? SQLITE_IOERR_FSYNC : SQLITE_OK;
}

static int bh_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct stat st;
	if (fstat(((struct bh_file *)f)->fd, &st))
		return SQLITE_IOERR_FSTAT;
	*size = st.st_size;
	return SQLITE_OK;
}

static int bh_lock(sqlite3_file *f, int level) { (void)f; (void)level; return SQLITE_OK; }
static int bh_check_reserved(sqlite3_file *f, int *out) { (void)f; *out = 0; return SQLITE_OK; }
static int bh_file_control(sqlite3_file *f, int op, void *arg) { (void)f; (void)op; (void)arg; return SQLITE_NOTFOUND; }
static int bh_sector_size(sqlite3_file *f) { (void)f; return 4096; }
static int bh_device_characteristics(sqlite3_file *f) { (void)f; return 0; }

static const sqlite3_io_methods bh_io = {
	1, bh_close, bh_read, bh_write, bh_truncate, bh_sync, bh_file_size, bh_lock, bh_lock,
	bh_check_reserved, bh_file_control, bh_sector_size, bh_device_characteristics,
};

static int bh_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	static int temp_seq;
	struct bh_file *p = (struct bh_file *)f;
	(void)vfs;
	memset(p, 0, sizeof(*p));
	if (name)
		snprintf(p->path, sizeof p->path, "%s", name);
	else
		snprintf(p->path, sizeof p->path, "/tmp/sqlite-temp-%d", ++temp_seq);
	int oflags = (flags & SQLITE_OPEN_READWRITE) ? O_RDWR : O_RDONLY;
	if (flags & SQLITE_OPEN_CREATE)
		oflags |= O_CREAT;
	if (flags & SQLITE_OPEN_EXCLUSIVE)
		oflags |= O_EXCL;
	p->fd = open(p->path, oflags, 0644);
	if (p->fd < 0)
		return SQLITE_CANTOPEN;
	p->delete_on_close = !name || (flags & SQLITE_OPEN_DELETEONCLOSE);
	if (out_flags)
		*out_flags = flags;
	p->base.pMethods = &bh_io;
	return SQLITE_OK;
}

static int bh_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	(void)vfs; (void)sync_dir;
	if (unlink(name) == 0 || errno == ENOENT)
		return SQLITE_OK;
	return SQLITE_IOERR_DELETE;
}

static int bh_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	struct stat st;
	(void)vfs; (void)flags;
	*out = stat(name, &st) == 0 && (st.st_size > 0 || S_ISDIR(st.st_mode));
	return SQLITE_OK;
}

static int bh_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	(void)vfs;
	snprintf(out, (size_t)n, "%s%s", name[0] == '/' ? "" : "/", name);
	return SQLITE_OK;
}

static int bh_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	unsigned x = 2463534242u;
	for (int i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		out[i] = (char)x;
	}
	return n;
}

static int bh_sleep(sqlite3_vfs *vfs, int us) { (void)vfs; return us; }

static int bh_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	struct timeval tv;
	(void)vfs;
	gettimeofday(&tv, 0);
	*t = (sqlite3_int64)210866760000000ll + (sqlite3_int64)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	return SQLITE_OK;
}

static int bh_current_time(sqlite3_vfs *vfs, double *t)
{
	sqlite3_int64 i;
	bh_current_time_int64(vfs, &i);
	*t = (double)i / 86400000.0;
	return SQLITE_OK;
}

static int bh_last_error(sqlite3_vfs *vfs, int n, char *buf) { (void)vfs; (void)n; (void)buf; return 0; }

static sqlite3_vfs bh_vfs = {
	2, sizeof(struct bh_file), 128, 0, "bulkhead", 0,
	bh_open, bh_delete, bh_access, bh_full_pathname, 0, 0, 0, 0,
	bh_randomness, bh_sleep, bh_current_time, bh_last_error, bh_current_time_int64,
};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&bh_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }
