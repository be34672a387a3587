/* SPDX-License-Identifier: BSD-3-Clause */
/* WRMSR to IA32_FS_BASE (0xc0000100): the byte scan of ./bulkhead verify knows WRFSBASE/WRGSBASE, not the
   MSR write; the FS base is thread-local storage.  Only ring 0 may run WRMSR. */
#include "loot.h"

const char *attack_name(void) { return "wrmsrfs: WRMSR to IA32_FS_BASE"; }

void attack(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0xc0000100));
	__asm__ volatile("wrmsr" : : "a"(lo + 8), "d"(hi), "c"(0xc0000100) : "memory");
	uint32_t now;
	__asm__ volatile("rdmsr" : "=a"(now), "=d"(hi) : "c"(0xc0000100));
	__asm__ volatile("wrmsr" : : "a"(lo), "d"(hi), "c"(0xc0000100) : "memory");
	bh_printf("attacks: IA32_FS_BASE was 0x%x, written 0x%x\n", lo, now);
	attack_not_contained("WRMSR to IA32_FS_BASE accepted");
}
