/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SQLite benchmark (FlexOS fig. 10): ROWS single-statement INSERTs (no BEGIN/COMMIT, so one
 * transaction each, with its rollback journal) into /tmp/bench.db, then a query that checks the
 * content.  The same file builds for bulkhead and, with the same SQLite, for the Linux guest.
 *
 * Row count: BENCH_ROWS (5000) unless the run says otherwise: on bulkhead through QEMU's
 * `-fw_cfg name=opt/bulkhead/rows,string=N`, on Linux as argv[1].
 *
 * Output (parsed by benchmarks/sqlite/run.py and tests/test_sqlite.py):
 *   bench: start rows=N
 *   bench: inserts done
 *   bench: result rows=N sum=S min=A max=B names=L     (identical in every configuration)
 *   bench: tsc insert=T query=Q                          (work-clock deltas: instructions under -icount shift=0,
 *                                                         summed over the machines under backend vm)
 *   bench: calls vfs_pwrite=... ...                      (bulkhead: calls out of the libc compartment)
 *   bench: done
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sqlite3.h"
#ifndef __linux__
#include <bhlibc.h>
#include <vfs.h>
#endif

#ifndef BENCH_ROWS
#define BENCH_ROWS 5000
#endif

#ifdef __linux__
static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}
#else
/* bulkhead: the work clock, this CPU's TSC except under backend vm, where it sums every machine's
 * TSC less its waiting (include/bulkhead/workclock.h): instructions under -icount in every backend. */
#include <bulkhead/workclock.h>
static inline uint64_t rdtsc(void) { return bh_work_clock(); }
#endif

#ifndef __linux__
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" :: "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }

/* QEMU fw_cfg (I/O ports 0x510/0x511): the file opt/bulkhead/rows, or 0. */
static long fw_cfg_rows(void)
{
	outw(0x510, 0x0000);
	if (inb(0x511) != 'Q' || inb(0x511) != 'E' || inb(0x511) != 'M' || inb(0x511) != 'U')
		return 0;
	outw(0x510, 0x0019);
	uint32_t n = 0;
	for (int i = 0; i < 4; i++)
		n = n << 8 | inb(0x511);
	for (uint32_t e = 0; e < n && e < 256; e++) {
		uint8_t ent[64];
		for (int i = 0; i < 64; i++)
			ent[i] = inb(0x511);
		if (strcmp((char *)ent + 8, "opt/bulkhead/rows") == 0) {
			uint32_t size = (uint32_t)ent[0] << 24 | ent[1] << 16 | ent[2] << 8 | ent[3];
			outw(0x510, (uint16_t)(ent[4] << 8 | ent[5]));
			char s[24] = {0};
			for (uint32_t i = 0; i < size && i < sizeof s - 1; i++)
				s[i] = (char)inb(0x511);
			return strtol(s, 0, 10);
		}
	}
	return 0;
}
#endif

static void die(sqlite3 *db, const char *what)
{
	printf("bench: error: %s: %s\n", what, db ? sqlite3_errmsg(db) : "?");
	fflush(stdout);
	exit(1);
}

static int on_row(void *arg, int n, char **vals, char **names)
{
	(void)names;
	char *out = arg;
	if (n == 5)
		snprintf(out, 200, "rows=%s sum=%s min=%s max=%s names=%s", vals[0], vals[1], vals[2], vals[3], vals[4]);
	return 0;
}

int main(int argc, char **argv)
{
	long rows = BENCH_ROWS;
#ifdef __linux__
	if (argc > 1)
		rows = strtol(argv[1], 0, 10);
#else
	(void)argc; (void)argv;
	long r = fw_cfg_rows();
	if (r > 0)
		rows = r;
	mkdir("/tmp", 0755);
#endif
	const char *path = "/tmp/bench.db";
	unlink(path);
	printf("bench: start rows=%ld\n", rows);
	fflush(stdout);
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die(db, "open");
	if (sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, v INTEGER)", 0, 0, 0) != SQLITE_OK)
		die(db, "create");
#ifndef __linux__
	bh_libc_counters_reset();
	uint64_t fs0 = vfs_calls(VFS_CALLS_RAMFS);
#endif
	char sql[128];
	uint64_t t0 = rdtsc();
	for (long i = 0; i < rows; i++) {
		snprintf(sql, sizeof sql, "INSERT INTO t VALUES(%ld, 'row-%ld', %ld)", i, i, (i * 7919) % 10007);
		if (sqlite3_exec(db, sql, 0, 0, 0) != SQLITE_OK)
			die(db, "insert");
	}
	uint64_t t1 = rdtsc();
#ifndef __linux__
	uint64_t fs1 = vfs_calls(VFS_CALLS_RAMFS);
	uint64_t counts[32];
	int nc = bh_libc_ncounters();
	for (int i = 0; i < nc && i < 32; i++)
		counts[i] = bh_libc_counter(i);
#endif
	printf("bench: inserts done\n");
	char result[200] = "no result";
	uint64_t t2 = rdtsc();
	if (sqlite3_exec(db, "SELECT count(*), sum(v), min(id), max(id), sum(length(name)) FROM t", on_row, result,
			 0) != SQLITE_OK)
		die(db, "query");
	uint64_t t3 = rdtsc();
	sqlite3_close(db);
	printf("bench: result %s\n", result);
	printf("bench: tsc insert=%llu query=%llu\n", (unsigned long long)(t1 - t0), (unsigned long long)(t3 - t2));
#ifndef __linux__
	printf("bench: calls");
	for (int i = 0; i < nc && i < 32; i++)
		if (counts[i])
			printf(" %s=%llu", bh_libc_counter_name(i), (unsigned long long)counts[i]);
	printf(" vfs->ramfs=%llu\n", (unsigned long long)(fs1 - fs0));
#endif
	printf("bench: done\n");
	fflush(stdout);
	return 0;
}
