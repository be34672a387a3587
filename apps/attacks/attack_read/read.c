/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

const char *attack_name(void) { return "read: load another compartment's global through a leaked pointer"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	bh_printf("attacks: read byte %d\n", p[0]);
}
