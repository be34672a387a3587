/* SPDX-License-Identifier: BSD-3-Clause */
/* Call the trap exit's domain switch with the *victim's* PKRU (read from the immediate of a gate into
   the victim), copy the secret, and switch back with its own: the exit path accepts any compartment's
   domain, not only the one its trap entry saved. */
#include <bulkhead/cpu.h>
#include "loot.h"

const char *attack_name(void) { return "trapexitv: bh_backend_trap_exit(the victim's PKRU)"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	uint32_t v = victim_domain(), own = bh_rdpkru();
	bh_printf("attacks: the victim's domain is PKRU 0x%08x\n", v);
	void (*tx)(uint64_t);
	__asm__ volatile("leaq bh_backend_trap_exit(%%rip), %0" : "=r"(tx));
	attack_switch_and_take(tx, v, own, p);
	attack_not_contained("the trap exit installed the victim's domain");
}
