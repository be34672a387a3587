/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Call another compartment's gate stub directly from assembly: __bh_gate_c1_app_hold is the victim's
 * gate into the core (victim_dss_thread calls app_hold).  Its entry switches to the core's domain, its
 * return half to the victim's, and returns here: the attacker then runs in the victim's domain.  The
 * private-stack gate keeps the caller's resume state where the caller alone may write, and checks it.
 */
#include "loot.h"

const char *attack_name(void) { return "stubcall: call the victim's own gate stub from assembly"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	__asm__ volatile("xorl %%edi, %%edi\n\tcall __bh_gate_c1_app_hold"
			 : : : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory");
	attack_take(p);
	attack_not_contained("returned from the victim's stub in the victim's domain");
}
