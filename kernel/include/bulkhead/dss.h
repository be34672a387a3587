/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which threads' data shadow stacks compartments may reach (kernel/dss.c).  With [threads] dss =
 * "running" (mpk, private stacks) only the running thread's are: every other thread's are keyed to
 * no domain while it is switched out, so a compartment cannot read or write stack data that another
 * thread shares (attack 'dss').  The price: a thread can no longer hand a pointer to its shared
 * stack data to another thread (use the heap for that).  With dss = "all" (the default) nothing
 * changes and this costs nothing.
 */
#ifndef BULKHEAD_DSS_H
#define BULKHEAD_DSS_H

#include <stdint.h>

/* Whether the image hides the data shadow stacks of the threads not running. */
static inline int bh_dss_running_only(void)
{
	/* An absolute symbol of the linker script: movabs, as C assumes no object is at address 0. */
	uintptr_t on;
	__asm__("movabsq $__bh_dss_running, %0" : "=r"(on));
	return on != 0;
}

/* libs/sched, before it switches to thread `next`: keys the running thread's data shadow stacks to
 * no domain and next's to the shared key.  0, or -1 when `next` is no thread. */
int bh_dss_switch(uint32_t next);

#endif
