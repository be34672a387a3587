/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which compartments reach the data shadow stacks of a thread that is switched out (kernel/dss.c,
 * docs/design.md 5d).  The running thread's always carry the shared key: that is what they are for
 * (a local whose address goes to another compartment).  A switched-out thread's carry:
 *   BH_DSS_ALL      the shared key too (the default): any compartment reaches them (nothing to do,
 *                   no cost), so threads may hand stack data to any compartment's thread;
 *   BH_DSS_RUNNING  key 0, which no domain opens: nobody, the owner included, until the thread runs;
 *   BH_DSS_OWNER    their own compartment's key (keyed private stacks): a thread may
 *                   hand stack data to another thread of the same compartment, and the kernel's and the
 *                   thread runtime's compartments (libs/sched, libs/pthread: they lock mutexes that may
 *                   live on a thread's stack) reach it on a fault that re-keys the page to them; any
 *                   other compartment faults (attack 'dss').
 */
#ifndef BULKHEAD_DSS_H
#define BULKHEAD_DSS_H

#include <stdint.h>
#include <bulkhead/abi.h>

/* The image's policy, BH_DSS_*: an absolute symbol of the linker script (movabs, as C assumes no
 * object is at address 0). */
static inline uint32_t bh_dss_policy(void)
{
	uintptr_t p;
	__asm__("movabsq $__bh_dss_policy, %0" : "=r"(p));
	return (uint32_t)p;
}

/* libs/sched, before it switches to thread `next` (under every policy but BH_DSS_ALL): parks the
 * running thread's data shadow stacks and gives next's the shared key.  0, or -1 when `next` is no
 * thread. */
int bh_dss_switch(uint32_t next);

#endif
