/* SPDX-License-Identifier: BSD-3-Clause */
/* Call another compartment's gate stub through a C function pointer: the app's gate into the victim
   (__bh_gate_c0_victim_digest) would enter the victim and, on return, install the app's domain, not
   the attacker's.  bulkhead-icall's check admits the shared text past the gates only: a report and
   exit 71 (indirect call violation) before the stub runs. */
#include "attacks.h"

const char *attack_name(void) { return "gateptr: call another compartment's gate stub through a C pointer"; }

void attack(void)
{
	uint32_t (*fn)(void);
	__asm__ volatile("leaq __bh_gate_c0_victim_digest(%%rip), %0" : "=r"(fn));   /* not a C address-of */
	uint32_t got = fn();
	bh_printf("attacks: NOT CONTAINED: the app's gate returned %u\n", got);
}
