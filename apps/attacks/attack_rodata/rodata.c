/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

const char *attack_name(void) { return "rodata: overwrite a constant of another compartment"; }

void attack(void)
{
	volatile char *p = (volatile char *)victim_motto();
	p[0] = 'X';
}
