/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A periodic timer interrupt (kernel/timer.c): the 8254 PIT through the 8259, vector 32, delivered
 * on its own stack (IST 1) so that it may land anywhere, in the middle of a gate too.  The kernel
 * counts the ticks and where they landed; compartments call these through gates like any kernel
 * function.  Not available with backend vm (its machines use the 8259 for their doorbells).
 */
#ifndef BULKHEAD_TIMER_H
#define BULKHEAD_TIMER_H

#include <stdint.h>

struct bh_timer_stats {
	uint64_t ticks;
	uint64_t in_gates;          /* ticks that interrupted gate code (.bh.gates) */
	uint64_t in_compartments;   /* ticks that interrupted a compartment's code */
	uint64_t bad_domain;        /* ticks whose interrupted domain was not a compartment's (never) */
	uint64_t nested;            /* ticks that interrupted a trap handler (the audit's report) */
	uint64_t in_audit_step;     /* ticks that interrupted an audited instruction, its key open */
};

/* Starts the timer at `hz` (19 to 1193182) and enables interrupts.  0, or -1 (printed why). */
int bh_timer_start(uint32_t hz);
/* Stops it (interrupts off) and fills *out. */
void bh_timer_stop(struct bh_timer_stats *out);

#endif
