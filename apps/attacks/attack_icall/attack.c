/* SPDX-License-Identifier: BSD-3-Clause */
/* Call a non-entry function of another compartment through a C function pointer whose value the
   pass cannot trace (looked up by name in the image's symbol table, not a C address-of).  bulkhead-icall's
   check before the call finds a target that is neither the attacker's own code, shared code, nor
   a legal entry of another compartment: a report and exit 71 (indirect call violation), before the victim's code runs. */
#include "attacks.h"

const char *attack_name(void) { return "icall: a forged C function pointer into another compartment"; }

void attack(void)
{
	uint32_t (*fn)(void);
	uintptr_t at = attacks_lookup("victim_reveal");   /* forged, not a C address-of */
	__asm__ volatile("" : "=r"(fn) : "0"(at));         /* a value the pass cannot trace */
	uint32_t got = fn();
	bh_printf("attacks: NOT CONTAINED: victim_reveal returned %u\n", got);
}
