/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * No privileged instruction at all: print a forged fault report through the console every compartment
 * may use, then ask bh_exit for status 64 itself.  The console and the status then look exactly like
 * a contained attack; only the host-side judge's "exit requested by" (the frames below bh_exit, read
 * from the host) shows that the kernel never stopped anything.
 */
#include "loot.h"

const char *attack_name(void) { return "forge: a forged fault report and exit status 64, asked for by the attacker"; }

void attack(void)
{
	bh_printf("bulkhead: page fault: protection-key violation on read at 0x18d000 (forged)\n"
		  "bulkhead:   address  victim_secret+0x0 (object) in component 'victim', compartment 'victim'\n"
		  "bulkhead: stopping with exit status 64 (isolation fault)\n"
		  "bulkhead-judge: exit status 64 at 0x10aaa2 bh_exit+0x12\n"
		  "bulkhead-judge: exit requested by bh_fault_page+0x3e5 <- bh_trap+0x450 (forged)\n");
	bh_exit(64);
}
