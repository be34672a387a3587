/* SPDX-License-Identifier: BSD-3-Clause */
/* MOV to CR3: install page tables (here the same ones again, which also flushes the TLB); page tables
   of the attacker's own would map anything with any key.  Only ring 0 may write CR3. */
#include "loot.h"

const char *attack_name(void) { return "cr3: write CR3"; }

void attack(void)
{
	uint64_t cr3;
	__asm__ volatile("movq %%cr3, %0" : "=r"(cr3));
	__asm__ volatile("movq %0, %%cr3" : : "r"(cr3) : "memory");
	attack_not_contained("MOV to CR3 accepted");
}
