/* SPDX-License-Identifier: BSD-3-Clause */
/* Call the backend's boot-time domain switch, bh_backend_enter, for the victim's compartment (index 1
   in every attack configuration), copy the secret, and switch back to its own (index 2): the switch
   checks that the domain is a real compartment's, not that the caller may enter it. */
#include "loot.h"

void bh_backend_enter(uint32_t compartment);

const char *attack_name(void) { return "enter: bh_backend_enter(the victim's compartment)"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	void (*enter)(uint64_t);
	__asm__ volatile("leaq bh_backend_enter(%%rip), %0" : "=r"(enter));   /* forged, not a C address-of */
	attack_switch_and_take(enter, 1, 2, p);
	attack_not_contained("entered the victim's domain and came back");
}
