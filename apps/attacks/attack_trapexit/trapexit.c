/* SPDX-License-Identifier: BSD-3-Clause */
/* Call the trap exit's domain switch directly, asking for PKRU 0 (every key open), then read the
   victim's secret.  The exit path accepts only compartments' domains.  The pointer is taken first:
   a call through a gate after the switch would come back in this compartment's own domain. */
#include "attacks.h"

void bh_backend_trap_exit(uint64_t pkru);

const char *attack_name(void) { return "trapexit: open every key through the trap exit path"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	bh_backend_trap_exit(0);
	bh_printf("attacks: read byte %d\n", p[0]);
}
