/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: files and directories in memory (component `ramfs`), below vfs.  Nodes are found by their
 * full normalized path; file data lives in ramfs's own pool (a static array in ramfs's bss, so it
 * is keyed to ramfs's compartment).  Buffers and paths must be readable by ramfs: vfs passes
 * pointers into the shared stack.  Results: >= 0, or -errno.
 */
#ifndef BULKHEAD_RAMFS_H
#define BULKHEAD_RAMFS_H

#include <stdint.h>

int ramfs_lookup(const char *path);                 /* node number, or -ENOENT */
int ramfs_create(const char *path, int dir);        /* new node (parent must exist) */
int ramfs_remove(const char *path, int dir);        /* unlink a file / rmdir an empty directory */
int ramfs_is_dir(int node);
int64_t ramfs_size(int node);
long ramfs_read(int node, void *buf, unsigned long n, int64_t off);
long ramfs_write(int node, const void *buf, unsigned long n, int64_t off);
int ramfs_truncate(int node, int64_t len);
int ramfs_hold(int node, int delta);                /* open-descriptor count; a removed node is freed at 0 */

#endif
