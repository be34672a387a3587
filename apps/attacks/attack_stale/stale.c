/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Use a stale pointer into a callee's stack frame after the gate returned.  With private stacks the
 * local escaped, so it lived on the shared data shadow stack, which the pass zeroes before the frame
 * returns: the stale pointer finds nothing.  With the shared stack the dead frame still holds the data.
 */
#include "attacks.h"

void bh_exit(int status);

const char *attack_name(void) { return "stale: read a callee's stack through a dangling pointer"; }

void attack(void)
{
	const volatile char *p = victim_stale();
	int seen = 0;
	for (int i = 0; i + 1 < 16; i++)
		if (p[i] == 'v' && p[i + 1] == 'i')
			seen++;
	bh_printf("attacks: victim bytes behind the stale pointer: %d\n", seen);
	bh_printf("attacks: victim digest 0x%08x at the end\n", (unsigned)victim_digest());
	bh_exit(seen ? 11 : 10);   /* 10: nothing left; 11: the dead frame still held the secret */
}
