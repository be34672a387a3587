/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SQLite benchmark (FlexOS fig. 10): ROWS single-statement INSERTs (no BEGIN/COMMIT, so one
 * transaction each, with its rollback journal) into /tmp/bench.db, then a query that checks the
 * content.  The same file builds for bulkhead and, with the same SQLite, for the Linux guest.
 *
 * Row count: BENCH_ROWS (5000) unless the run says otherwise: on bulkhead in the file /bulkhead/rows
 * (QEMU's `-fw_cfg name=opt/bulkhead/rows,string=N`: a kernel boot file), on Linux as argv[1].
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
/* The row count the run passed as the boot file /bulkhead/rows (QEMU fw_cfg opt/bulkhead/rows, read
 * by the kernel and put in ramfs by vfs: kernel/include/bulkhead/bootfile.h), or 0. */
static long boot_file_rows(void)
{
	FILE *f = fopen("/bulkhead/rows", "r");
	if (!f)
		return 0;
	char s[24] = {0};
	size_t n = fread(s, 1, sizeof s - 1, f);
	fclose(f);
	s[n] = 0;
	return strtol(s, 0, 10);
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
	long r = boot_file_rows();
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
