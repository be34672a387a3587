/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the system-call layer under newlib (libs/libc/syscalls.c) counts: every call it makes out of
 * the libc compartment, by callee (vfs_*, time_*).  With the manifest's gate list this gives the
 * gate crossings of a run (benchmarks/sqlite/run.py).
 */
#ifndef BULKHEAD_LIBC_H
#define BULKHEAD_LIBC_H

#include <stdint.h>

int bh_libc_ncounters(void);
const char *bh_libc_counter_name(int i);   /* the callee, e.g. "vfs_pwrite" */
uint64_t bh_libc_counter(int i);
void bh_libc_counters_reset(void);

/* A new thread begins in the calling thread's slot: its C library state (errno, ...) starts afresh
 * (libs/pthread calls it first thing in every thread it starts). */
void bh_libc_thread_begin(void);

#endif
