/* SPDX-License-Identifier: BSD-3-Clause */
/* Use a stale pointer into a callee's stack after the gate returned: with private stacks that frame
   is on the callee's stack, keyed to the callee. */
#include "attacks.h"

const char *attack_name(void) { return "stale: read a callee's stack through a dangling pointer"; }

void attack(void)
{
	const volatile char *p = victim_stale();
	bh_printf("attacks: stale byte %c\n", p[0]);
}
