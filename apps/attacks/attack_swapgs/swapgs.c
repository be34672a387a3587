/* SPDX-License-Identifier: BSD-3-Clause */
/* SWAPGS: exchange the GS base (the thread index the private-stack gates trust) with KERNEL_GS_BASE.
   Only ring 0 may run it. */
#include "loot.h"

const char *attack_name(void) { return "swapgs: exchange the GS base"; }

void attack(void)
{
	__asm__ volatile("swapgs\n\tswapgs" : : : "memory");
	attack_not_contained("SWAPGS accepted");
}
