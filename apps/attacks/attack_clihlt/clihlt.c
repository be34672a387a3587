/* SPDX-License-Identifier: BSD-3-Clause */
/* CLI then HLT: stop the machine with interrupts off.  Denial of service is outside the threat model,
   but it must not hand over a domain, and ring 3 may run neither (IOPL 0): #GP. */
#include "loot.h"

const char *attack_name(void) { return "clihlt: cli; hlt"; }

void attack(void)
{
	__asm__ volatile("cli; hlt");
	attack_not_contained("cli; hlt ran and the machine came back");
}
