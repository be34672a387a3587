/* SPDX-License-Identifier: BSD-3-Clause */
/* Turn protection keys off for the whole machine (CR4.PKE, bit 22), then copy the victim's secret.
   Only ring 0 may write CR4: a compartment in ring 3 takes #GP at the MOV. */
#include "loot.h"

const char *attack_name(void) { return "cr4: clear CR4.PKE, then read another compartment's secret"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	uint64_t cr4;
	__asm__ volatile("movq %%cr4, %0" : "=r"(cr4));
	__asm__ volatile("movq %0, %%cr4" : : "r"(cr4 & ~(1ull << 22)) : "memory");
	attack_take(p);
	attack_not_contained("CR4.PKE cleared and the secret copied");
}
