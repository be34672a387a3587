/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's services (kernel/service.c) with every pointer argument at the victim's secret and a
 * length of 32: the console service (any domain may call it) gets the pointer as its byte, then the
 * fw_cfg service, which copies into the buffer it is given, is asked to copy over the victim's secret
 * and then its own buffer.  Only the kernel's domain may call it (and it checks the buffer against
 * the caller's domain, ring 0 writing every page whatever PKRU says).  The secret must never reach the
 * console or the attacker's memory, nor change.
 */
#include <bulkhead/abi.h>
#include "loot.h"

const char *attack_name(void) { return "syscallptr: SYSCALL services with pointers into another compartment"; }

void attack(void)
{
	char *p = victim_secret_ptr();
	static char out[32];
	static const long services[] = { BH_SVC_PUTC, BH_SVC_FWCFG, BH_SVC_TIMER_STOP, BH_SVC_DSS_SWITCH };
	for (unsigned i = 0; i < sizeof services / sizeof services[0]; i++) {
		long nr = services[i];
		long ret;
		register long r10 __asm__("r10") = (long)p;   /* fw_cfg: the buffer it copies into */
		register long r8 __asm__("r8") = 32;
		__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(p), "S"(32l), "d"(32l), "r"(r10), "r"(r8)
				 : "rcx", "r11", "memory");
		bh_printf("attacks: service %ld returned %ld\n", nr, ret);
	}
	attack_take(out);
	attack_not_contained("SYSCALL services with foreign pointers returned");
}
