/* SPDX-License-Identifier: BSD-3-Clause */
/* Load a GDT of its own (a copy of the kernel's, which it could extend with a call gate into ring 0).
   Only ring 0 may run LGDT. */
#include "loot.h"

struct __attribute__((packed)) dtr {
	uint16_t limit;
	uint64_t base;
};
static unsigned char gdt[4096] __attribute__((aligned(16)));

const char *attack_name(void) { return "lgdt: load a GDT of its own"; }

void attack(void)
{
	struct dtr old, mine;
	__asm__ volatile("sgdt %0" : "=m"(old));
	__builtin_memcpy(gdt, (const void *)old.base, old.limit + 1u);
	mine.limit = old.limit;
	mine.base = (uint64_t)gdt;
	__asm__ volatile("lgdt %0" : : "m"(mine) : "memory");
	__asm__ volatile("lgdt %0" : : "m"(old) : "memory");
	attack_not_contained("LGDT accepted");
}
