/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Boot files (kernel/bootfile.c): the files QEMU was given with `-fw_cfg name=opt/<path>,file=...`
 * (`./bulkhead run --file HOST:/GUEST` passes them so), read through QEMU's fw_cfg device.  Each
 * appears as the guest path "/<path>" (opt/etc/app.conf -> /etc/app.conf); libs/vfs copies them into
 * ramfs before its first file operation, so every compartment reads them with open/fopen.  Under
 * backend vm they are the kernel's machine's.  Names of other fw_cfg files (etc/..., QEMU's own) are
 * not listed.
 */
#ifndef BULKHEAD_BOOTFILE_H
#define BULKHEAD_BOOTFILE_H

#include <stdint.h>

#define BH_BOOTFILE_PREFIX "opt/"   /* fw_cfg names that are boot files; the rest of the name is the path */
#define BH_BOOTFILE_NAME 56         /* fw_cfg's longest name with its NUL; a guest path fits in it */
#define BH_BOOTFILE_MAX 32          /* boot files listed (more are reported and left out) */
#define BH_BOOTFILE_CHUNK 4096      /* the most one bh_bootfile_read moves */

/* How many boot files there are (0 without fw_cfg). */
int bh_bootfile_count(void);
/* Boot file i's guest path ("/etc/app.conf") into path (BH_BOOTFILE_NAME bytes, shared memory as
 * below); its size, or -1. */
int64_t bh_bootfile_stat(int i, char *path);
/* Up to len (<= BH_BOOTFILE_CHUNK) bytes of boot file i from offset off into buf, which must lie in
 * memory every compartment shares (the shared heap, shared data, the shared stacks, a data shadow
 * stack): the kernel writes it in its own domain and is never made to write its own compartment;
 * the bytes read, or -1 (printed why).
 * Reading on from where the last call ended is cheapest (fw_cfg's port is a stream). */
int64_t bh_bootfile_read(int i, uint64_t off, void *buf, uint64_t len);

/* The index of the boot file at guest path `path` ("/etc/app.conf"), or -1 (the kernel's own: it
 * reads no caller's memory). */
int bh_bootfile_find(const char *path);

#endif
