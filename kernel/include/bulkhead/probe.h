/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The isolation probe (policy probe = "on"; tests/differential): each compartment tries to read one
 * global of every other compartment, and the run shows which reads the protection stopped.  Not a
 * way around the protection: a probed read that faults is only resumed, never performed.
 */
#ifndef BULKHEAD_PROBE_H
#define BULKHEAD_PROBE_H

#include <stdint.h>

#define BH_PROBE_MAX 16

struct bh_probe_target {
	uintptr_t addr;
	const char *name;       /* in the pass's name table (shared read-only data) */
	uint32_t compartment;   /* the global's own compartment */
	uint32_t pad;
};

/* Filled by bh_probe_targets, in the shared data: readable by every compartment. */
extern struct bh_probe_target bh_probe_table[BH_PROBE_MAX];

/*
 * Kernel service: one global of every compartment (the first object of a non-system component
 * that lives in the compartment's own data or bss), written to bh_probe_table; returns how many.
 * Returns 0 unless the image was built with policy probe = "on".
 */
int bh_probe_targets(void);

/*
 * Domain-neutral: reads the byte at p in the caller's domain.  Returns it (0-255), or -1 when the
 * read faulted (the page fault is resumed past the read, with no report).  Only under probe = "on";
 * otherwise a fault here is an ordinary fault.
 */
int bh_probe_read(const volatile void *p);

#endif
