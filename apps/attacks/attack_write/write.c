/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

const char *attack_name(void) { return "write: store into another compartment's global"; }

void attack(void)
{
	volatile char *p = victim_secret_ptr();
	p[0] = 'X';
}
