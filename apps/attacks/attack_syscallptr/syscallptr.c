/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SYSCALL into the first services (numbers 0 to 7) with every pointer argument at the victim's secret
 * and a length of 32: a kernel service that writes its caller's buffer to the console, or copies into
 * it, must check the pointer against the caller's own regions (ring 0 reads every page whatever PKRU
 * says).  The secret must never reach the console or the attacker's memory.
 */
#include "loot.h"

const char *attack_name(void) { return "syscallptr: SYSCALL services with pointers into another compartment"; }

void attack(void)
{
	char *p = victim_secret_ptr();
	static char out[32];
	for (long nr = 0; nr < 8; nr++) {
		long ret;
		register long r10 __asm__("r10") = (long)out;
		register long r8 __asm__("r8") = 32;
		__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(p), "S"(32l), "d"(p), "r"(r10), "r"(r8)
				 : "rcx", "r11", "memory");
		bh_printf("attacks: service %ld returned %ld\n", nr, ret);
	}
	attack_take(out);
	attack_not_contained("SYSCALL services with foreign pointers returned");
}
