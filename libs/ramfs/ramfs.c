/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: a flat table of nodes found by full path, file data in power-of-two blocks from a pool in
 * ramfs's own bss (so in ramfs's compartment), free lists per size class.  A file grows by moving
 * to the next class.  A removed node that is still open stays until its last close (unlink
 * semantics SQLite relies on for its journal).
 */
#include <stdint.h>
#include <bulkhead/string.h>
#include <ramfs.h>
#include <vfs.h>

#define MAX_NODES 64
#define POOL_BYTES (8u << 20)
#define MIN_SHIFT 12                   /* 4 KiB */
#define MAX_SHIFT 23                   /* 8 MiB */

struct node {
	char path[VFS_PATH_MAX];
	uint8_t used, dir, removed;
	int holds;
	uint8_t *data;
	int64_t size;
	int shift;                     /* data block is 1 << shift bytes; 0: none */
};

static struct node nodes[MAX_NODES] = { [0] = { .path = "/", .used = 1, .dir = 1 } };
static uint8_t pool[POOL_BYTES] __attribute__((aligned(4096)));
static uint64_t pool_used;
static uint8_t *free_list[MAX_SHIFT + 1];

static uint8_t *block_alloc(int shift)
{
	if (free_list[shift]) {
		uint8_t *b = free_list[shift];
		free_list[shift] = *(uint8_t **)b;
		return b;
	}
	uint64_t size = 1ull << shift;
	if (pool_used + size > POOL_BYTES)
		return 0;
	uint8_t *b = pool + pool_used;
	pool_used += size;
	return b;
}

static void block_free(uint8_t *b, int shift)
{
	if (!b)
		return;
	*(uint8_t **)b = free_list[shift];
	free_list[shift] = b;
}

static struct node *get(int n)
{
	return n >= 0 && n < MAX_NODES && nodes[n].used ? &nodes[n] : 0;
}

int ramfs_lookup(const char *path)
{
	for (int i = 0; i < MAX_NODES; i++)
		if (nodes[i].used && !nodes[i].removed && strcmp(nodes[i].path, path) == 0)
			return i;
	return -VFS_ENOENT;
}

int ramfs_create(const char *path, int dir)
{
	unsigned len = (unsigned)strlen(path);
	if (len + 1 > VFS_PATH_MAX)
		return -VFS_ENAMETOOLONG;
	if (ramfs_lookup(path) >= 0)
		return -VFS_EEXIST;
	/* the parent: path up to the last '/' ("/" for top-level names) */
	char parent[VFS_PATH_MAX];
	unsigned cut = len;
	while (cut > 0 && path[cut - 1] != '/')
		cut--;
	if (cut == 0)
		return -VFS_EINVAL;
	memcpy(parent, path, cut > 1 ? cut - 1 : 1);
	parent[cut > 1 ? cut - 1 : 1] = 0;
	int p = ramfs_lookup(parent);
	if (p < 0)
		return -VFS_ENOENT;
	if (!nodes[p].dir)
		return -VFS_ENOTDIR;
	for (int i = 1; i < MAX_NODES; i++) {
		if (nodes[i].used)
			continue;
		memset(&nodes[i], 0, sizeof(nodes[i]));
		memcpy(nodes[i].path, path, len + 1);
		nodes[i].used = 1;
		nodes[i].dir = (uint8_t)(dir != 0);
		return i;
	}
	return -VFS_ENOSPC;
}

static void release(struct node *n)
{
	block_free(n->data, n->shift);
	n->used = 0;
}

int ramfs_remove(const char *path, int dir)
{
	int i = ramfs_lookup(path);
	if (i < 0)
		return i;
	struct node *n = &nodes[i];
	if (i == 0)
		return -VFS_EINVAL;
	if (dir && !n->dir)
		return -VFS_ENOTDIR;
	if (!dir && n->dir)
		return -VFS_EISDIR;
	if (dir) {
		unsigned len = (unsigned)strlen(n->path);
		for (int j = 0; j < MAX_NODES; j++)
			if (nodes[j].used && !nodes[j].removed && j != i && memcmp(nodes[j].path, n->path, len) == 0 &&
			    nodes[j].path[len] == '/')
				return -VFS_ENOTEMPTY;
	}
	n->removed = 1;
	if (n->holds == 0)
		release(n);
	return 0;
}

int ramfs_hold(int node, int delta)
{
	struct node *n = get(node);
	if (!n)
		return -VFS_EBADF;
	n->holds += delta;
	if (n->holds == 0 && n->removed)
		release(n);
	return 0;
}

int ramfs_is_dir(int node)
{
	struct node *n = get(node);
	return n ? n->dir : -VFS_EBADF;
}

int64_t ramfs_size(int node)
{
	struct node *n = get(node);
	return n ? n->size : -VFS_EBADF;
}

/* Makes room for len bytes (zero-filled beyond the old size); 0 or -errno. */
static int reserve(struct node *n, int64_t len)
{
	if (n->shift && len <= (1ll << n->shift))
		return 0;
	int shift = n->shift ? n->shift : MIN_SHIFT;
	while ((1ll << shift) < len)
		shift++;
	if (shift > MAX_SHIFT)
		return -VFS_ENOSPC;
	uint8_t *b = block_alloc(shift);
	if (!b)
		return -VFS_ENOSPC;
	if (n->data)
		memcpy(b, n->data, (unsigned long)n->size);
	block_free(n->data, n->shift);
	n->data = b;
	n->shift = shift;
	return 0;
}

long ramfs_read(int node, void *buf, unsigned long len, int64_t off)
{
	struct node *n = get(node);
	if (!n)
		return -VFS_EBADF;
	if (n->dir)
		return -VFS_EISDIR;
	if (off >= n->size)
		return 0;
	if ((int64_t)len > n->size - off)
		len = (unsigned long)(n->size - off);
	memcpy(buf, n->data + off, len);
	return (long)len;
}

long ramfs_write(int node, const void *buf, unsigned long len, int64_t off)
{
	struct node *n = get(node);
	if (!n)
		return -VFS_EBADF;
	if (n->dir)
		return -VFS_EISDIR;
	int64_t end = off + (int64_t)len;
	int rc = reserve(n, end);
	if (rc)
		return rc;
	if (off > n->size)
		memset(n->data + n->size, 0, (unsigned long)(off - n->size));
	memcpy(n->data + off, buf, len);
	if (end > n->size)
		n->size = end;
	return (long)len;
}

int ramfs_truncate(int node, int64_t len)
{
	struct node *n = get(node);
	if (!n)
		return -VFS_EBADF;
	if (n->dir)
		return -VFS_EISDIR;
	if (len > n->size) {
		int rc = reserve(n, len);
		if (rc)
			return rc;
		memset(n->data + n->size, 0, (unsigned long)(len - n->size));
	}
	n->size = len;
	return 0;
}
