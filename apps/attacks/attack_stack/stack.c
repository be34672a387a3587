/* SPDX-License-Identifier: BSD-3-Clause */
/* Read the caller's stack through a pointer it published: with private stacks the caller's frames
   carry the caller's key.  (With the shared stack this succeeds: the light gate's known weakness.) */
#include "attacks.h"

const char *attack_name(void) { return "stack: read the calling compartment's stack"; }

void attack(void)
{
	const volatile char *p = app_stack_buffer;
	bh_printf("attacks: stack byte %c\n", p[0]);
}
