/* SPDX-License-Identifier: BSD-3-Clause */
/* Rewrite the page-fault entry of the IDT, to take over the kernel on the next fault. */
#include "attacks.h"

const char *attack_name(void) { return "idt: overwrite the interrupt descriptor table"; }

void attack(void)
{
	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr;
	__asm__ volatile("sidt %0" : "=m"(idtr));
	/* the table as it is before the write: the fault report's target digest must equal it */
	bh_printf("attacks: target digest 0x%08x before\n",
		  (unsigned)attacks_fnv1a((const volatile unsigned char *)idtr.base, idtr.limit + 1ul));
	volatile uint64_t *pf = (volatile uint64_t *)(idtr.base + 14 * 16);
	pf[0] = 0;
}
