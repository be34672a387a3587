/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The component that overflows: every level keeps 1 KiB on the stack (volatile and indexed by a
 * variable, so it is written and never optimised away or split) and uses it after the recursive call (so the call is no tail call).  It prints
 * how deep it got every 4 levels, so the test sees how much stack the thread really had before it ran
 * into the guard page ([threads] stack_kib).
 */
#include <bulkhead/console.h>
#include "deep.h"

#define FRAME 1024

int deep_dive(int depth)
{
	volatile char pad[FRAME];
	for (int i = 0; i < FRAME; i += 64)   /* a variable index: the whole array stays one 1 KiB object */
		pad[i] = (char)depth;
	if (depth % 4 == 0)
		bh_printf("stackguard: depth %d KiB\n", depth);
	return deep_dive(depth + 1) + pad[depth % FRAME];
}
