/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Boot files through QEMU's fw_cfg (include/bulkhead/bootfile.h), by its I/O ports (0x510 selector,
 * 0x511 data; -M pc and -M microvm alike).  The directory is read once; a file is read as a stream
 * from the start of its entry, so the kernel keeps where the last read ended and only skips forward
 * when a read starts elsewhere.  The caller's buffer must be shared memory: the kernel writes it in
 * its own domain, and must never be talked into writing the kernel's compartment (or, under mpk,
 * hand another compartment's bytes to the caller).
 */
#include <stdint.h>
#include <bulkhead/bootfile.h>
#include <bulkhead/console.h>
#include <bulkhead/image.h>
#include <bulkhead/service.h>
#include <bulkhead/string.h>
#include "arch/x86_64/x86.h"
#include "ring0.h"

extern char __bh_dss_start[], __bh_dss_end[];   /* linker script: 0, 0 without private stacks */

#define FW_CFG_SEL 0x510
#define FW_CFG_DATA 0x511
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_FILE_DIR 0x0019

struct file {
	uint32_t size;
	uint16_t select;
	char path[BH_BOOTFILE_NAME];
};

static struct file files[BH_BOOTFILE_MAX];
static int nfiles = -1;     /* -1: the directory not read yet */
static int cur = -1;        /* the file the data port is positioned in, and where */
static uint64_t cur_off;

#define FWCFG_KEEP 0xffff       /* fw(): stay in the entry the data port is in */

/*
 * The one fw_cfg transfer (ring 0, kernel/service.c calls it for ring 3): select entry `sel` (unless
 * FWCFG_KEEP), skip `skip` bytes, read `len` into buf.
 */
void bh_fwcfg_r0(uint16_t sel, uint64_t skip, unsigned char *buf, uint64_t len)
{
	if (sel != FWCFG_KEEP)
		__asm__ volatile("outw %0, %1" : : "a"(sel), "Nd"((uint16_t)FW_CFG_SEL));
	for (; skip; skip--)
		(void)inb(FW_CFG_DATA);
	for (uint64_t k = 0; k < len; k++)
		buf[k] = inb(FW_CFG_DATA);
}

/* Port I/O is ring 0's: from ring 3 (mpk) the kernel's service does the transfer. */
static void fw(uint16_t sel, uint64_t skip, void *buf, uint64_t len)
{
	if (bh_ring3())
		bh_service(BH_SVC_FWCFG, sel, skip, len, (uintptr_t)buf);
	else
		bh_fwcfg_r0(sel, skip, buf, len);
}

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void scan(void)
{
	if (nfiles >= 0)
		return;
	nfiles = 0;
	unsigned char sig[4];
	fw(FW_CFG_SIGNATURE, 0, sig, sizeof sig);
	if (memcmp(sig, "QEMU", 4) != 0)
		return;   /* no fw_cfg device: no boot files */
	unsigned char word[4];
	fw(FW_CFG_FILE_DIR, 0, word, sizeof word);
	uint32_t n = be32(word);
	unsigned plen = sizeof BH_BOOTFILE_PREFIX - 1;
	for (uint32_t e = 0; e < n; e++) {
		/* struct FWCfgFile: be32 size, be16 select, u16 reserved, char name[56] */
		unsigned char ent[8 + BH_BOOTFILE_NAME];
		fw(FWCFG_KEEP, 0, ent, sizeof ent);
		uint32_t size = be32(ent);
		uint16_t sel = (uint16_t)(ent[4] << 8 | ent[5]);
		char *name = (char *)ent + 8;
		name[BH_BOOTFILE_NAME - 1] = 0;
		if (memcmp(name, BH_BOOTFILE_PREFIX, plen) != 0 || !name[plen])
			continue;
		if (nfiles == BH_BOOTFILE_MAX) {
			bh_printf("bulkhead: boot files: more than %d; '%s' left out\n", BH_BOOTFILE_MAX, name);
			continue;
		}
		struct file *f = &files[nfiles++];
		f->size = size;
		f->select = sel;
		f->path[0] = '/';
		memcpy(f->path + 1, name + plen, strlen(name + plen) + 1);
	}
}

int bh_bootfile_count(void)
{
	scan();
	return nfiles;
}

int bh_bootfile_find(const char *path)
{
	scan();
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0)
			return i;
	return -1;
}

static int shared(uintptr_t p, uint64_t len);

int64_t bh_bootfile_stat(int i, char *path)
{
	scan();
	if (i < 0 || i >= nfiles)
		return -1;
	if (!shared((uintptr_t)path, BH_BOOTFILE_NAME)) {
		bh_printf("bulkhead: boot files: the path buffer at %p is not shared memory\n", (void *)path);
		return -1;
	}
	memcpy(path, files[i].path, strlen(files[i].path) + 1);
	return files[i].size;
}

/* Whether [p, p + len) lies in one region every compartment may write. */
static int shared(uintptr_t p, uint64_t len)
{
	const uintptr_t r[][2] = {
		{ (uintptr_t)__bh_shared_data_start, (uintptr_t)__bh_shared_data_end },
		{ (uintptr_t)__bh_shared_bss_start, (uintptr_t)__bh_shared_bss_end },
		{ (uintptr_t)__bh_stack_start, (uintptr_t)__bh_stack_end },
		{ (uintptr_t)__bh_dss_start, (uintptr_t)__bh_dss_end },
	};
	for (unsigned k = 0; k < sizeof r / sizeof r[0]; k++)
		if (r[k][0] <= p && p <= r[k][1] && len <= r[k][1] - p)
			return 1;
	return 0;
}

int64_t bh_bootfile_read(int i, uint64_t off, void *buf, uint64_t len)
{
	scan();
	if (i < 0 || i >= nfiles || len > BH_BOOTFILE_CHUNK)
		return -1;
	if (!shared((uintptr_t)buf, len)) {
		bh_printf("bulkhead: boot files: the buffer at %p is not shared memory (use bh_shared_malloc)\n", buf);
		return -1;
	}
	const struct file *f = &files[i];
	if (off >= f->size)
		return 0;
	if (len > f->size - off)
		len = f->size - off;
	uint16_t sel = FWCFG_KEEP;
	if (cur != i || cur_off > off) {
		sel = f->select;
		cur = i;
		cur_off = 0;
	}
	fw(sel, off - cur_off, buf, len);
	cur_off = off + len;
	return (int64_t)len;
}
