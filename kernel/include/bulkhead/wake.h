/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wake-ups and the idle halt (kernel/wake.c): the kernel's service for a scheduler that blocks
 * threads (libs/sched).  Time is the kernel's TSC: a thread's timeout is armed here, the timer
 * interrupt (the 8254 PIT at BH_WAKE_HZ, running only while a timeout is armed) marks the threads
 * whose time has come, and the scheduler collects those marks at its next yield point.  Nothing is
 * switched from interrupt context.  When no thread can run, the scheduler calls bh_idle, which halts
 * the CPU (`sti; hlt`) until the next interrupt.  Compartments call these through gates like any
 * kernel function; under backend vm they run in the kernel's machine.
 */
#ifndef BULKHEAD_WAKE_H
#define BULKHEAD_WAKE_H

#include <stdint.h>
#include <bulkhead/abi.h>

#define BH_WAKE_HZ 1000u                 /* the timer's rate while a timeout is armed */
#define BH_WAKE_THREADS BH_THREADS_MAX   /* thread ids (one bit each in a 64-bit set) */
_Static_assert(BH_WAKE_THREADS <= 64, "the woken set is one 64-bit word");

/* Arms thread tid's timeout: `ticks` TSC ticks from now (the kernel's TSC).  0, or -1 for a bad tid
 * or no timer on this machine (printed why). */
int bh_wake_after(uint32_t tid, uint64_t ticks);
/* Disarms thread tid's timeout (woken some other way) and drops its mark if the timer made one. */
void bh_wake_cancel(uint32_t tid);

/* From interrupt context (kernel/pci.c): ends thread tid's timed wait now, as if its timeout had
 * expired (its deadline is dropped); the scheduler takes the mark at its next yield point. */
void bh_wake_mark(uint32_t tid);
/* The threads the timer has woken since the last call (bit tid), and clears them. */
uint64_t bh_wake_take(void);
/* Halts until the next interrupt and returns 0; returns 1 at once if a mark is waiting to be taken,
 * and -1 if nothing could ever wake the CPU (no timeout armed: every thread waits forever). */
int bh_idle(void);
/* How many times bh_idle halted (for tests: an idle image halts instead of spinning). */
uint64_t bh_idle_halts(void);
/* TSC ticks spent halted in bh_idle, the interrupts that ended each halt included (kmain's
 * `bulkhead: cpu:` line, asked for by the boot file BH_CPUSTAT_FILE). */
uint64_t bh_idle_ticks(void);

#endif
