/* SPDX-License-Identifier: BSD-3-Clause */
/* Corrupt the saved gate state: point the caller's resume slot at a stack of the attacker's making,
   so the gate's return half would pop attacker-chosen registers and return address. */
#include "attacks.h"

extern uint64_t __bh_c0_sp[];   /* compartment 0's gate slot (linker script, private stacks) */

const char *attack_name(void) { return "slot: overwrite the caller's saved gate state"; }

void attack(void)
{
	static uint64_t fake[16];
	__bh_c0_sp[0] = (uint64_t)&fake[0];
}
