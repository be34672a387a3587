/* SPDX-License-Identifier: BSD-3-Clause */
/* Call a function of another compartment that is not an entry point, through a forged pointer (an
   indirect call the pass cannot see).  Code pages are executable from every domain (protection keys
   govern data only), but the code runs in the attacker's domain: its access to the victim's data
   faults. */
#include "attacks.h"

const char *attack_name(void) { return "forged: call a non-entry function of another compartment"; }

void attack(void)
{
	uint32_t (*fn)(void);
	uintptr_t at = attacks_lookup("victim_reveal");   /* forged, not a C address-of */
	__asm__ volatile("" : "=r"(fn) : "0"(at));         /* a value the pass cannot trace */
	uint32_t got;
	__asm__ volatile("call *%1" : "=a"(got) : "r"(fn) : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
			 "r11", "memory");
	bh_printf("attacks: victim_reveal returned %u\n", got);
}
