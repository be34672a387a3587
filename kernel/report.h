/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel-internal: attributing addresses and domains for fault reports
 * (symbols.c, fault.c).  Callers hold the trap domain (PKRU 0) or the
 * kernel's: they read the image table and print.
 */
#ifndef BH_REPORT_H
#define BH_REPORT_H

#include <stdint.h>
#include <bulkhead/image.h>

/* Each compartment's private stacks (its thread 0's slot; 0 where the image has none: weak
 * references), for the compartments under keys (symbols.c). */
extern char *const bh_private_stacks[BH_MAX_KEYED_COMPARTMENTS];

/* Where an address lies. */
struct bh_place {
	int region;                  /* opaque region id; -1: outside every region (unmapped) */
	const char *region_name;     /* "text", "data", ..., "shared text", "gates", "stack", ... */
	uint32_t compartment;        /* index, or BH_SHARED_COMPARTMENT for shared regions */
	uint32_t key;                /* the protection key its pages carry */
	const struct bh_symbol *sym; /* the symbol containing it, or 0 */
};

/* Finds the region of addr, then the symbol with the greatest address <= addr in that
 * same region (objects must also contain addr).  symbols[] is unsorted: linear scan. */
void bh_locate(const struct bh_image *img, uintptr_t addr, struct bh_place *out);

/* One report line: "bulkhead:   <label> <symbol+off> [at rip X] in component ..., compartment ...". */
void bh_report_place(const struct bh_image *img, const char *label, uintptr_t addr, int is_rip);

/* The "gate" line: the gate through which the running compartment was last entered, found by
 * walking the frame-pointer chain from `rbp` (every component keeps frame pointers) to the first
 * return address inside .bh.gates; for a light gate also the call site that took it.  Prints
 * nothing if the chain leaves the stacks first (e.g. main, entered by the kernel without a gate). */
void bh_report_last_gate(const struct bh_image *img, uintptr_t rip, uintptr_t rbp);

/* The "domain" line: which compartment's domain the saved state (PKRU) belongs to. */
void bh_report_domain(const struct bh_image *img, uint64_t domain);

#endif
