/* SPDX-License-Identifier: BSD-3-Clause */
/* Clear CR0.WP (bit 16): ring 0 then writes read-only pages.  The target is the victim's constant
   (its rodata, readable by everyone, writable by no one); the judge compares it with the image. */
#include "loot.h"

const char *attack_name(void) { return "cr0wp: clear CR0.WP, then write another compartment's read-only data"; }

void attack(void)
{
	volatile char *m = (volatile char *)victim_motto();
	uint64_t cr0;
	__asm__ volatile("movq %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("movq %0, %%cr0" : : "r"(cr0 & ~(1ull << 16)) : "memory");
	m[0] = 'X';
	attack_not_contained("CR0.WP cleared and the victim's constant rewritten");
}
