/* SPDX-License-Identifier: BSD-3-Clause */
/* XSETBV: rewrite XCR0 (here with its own value; dropping the PKRU state component would change what
   XSAVE/XRSTOR carry across a switch).  Only ring 0 may run it. */
#include "loot.h"

const char *attack_name(void) { return "xsetbv: write XCR0"; }

void attack(void)
{
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	__asm__ volatile("xsetbv" : : "a"(lo), "d"(hi), "c"(0) : "memory");
	attack_not_contained("XSETBV accepted");
}
