/* SPDX-License-Identifier: BSD-3-Clause */
/* INVLPG on the victim's page: TLB management is the kernel's (a stale entry kept or dropped at the
   wrong time is a way around a page-table change).  Only ring 0 may run it. */
#include "loot.h"

const char *attack_name(void) { return "invlpg: flush the TLB entry of the victim's page"; }

void attack(void)
{
	char *p = victim_secret_ptr();
	__asm__ volatile("invlpg (%0)" : : "r"(p) : "memory");
	attack_not_contained("INVLPG accepted");
}
