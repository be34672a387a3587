/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

const char *attack_name(void) { return "rodata: overwrite a constant of another compartment"; }

void attack(void)
{
	volatile char *p = (volatile char *)victim_motto();
	unsigned long n = 0;
	while (p[n])
		n++;
	/* the constant (and its NUL) as it is before the write: the fault report's target digest must equal it */
	bh_printf("attacks: target digest 0x%08x before\n", (unsigned)attacks_fnv1a((const volatile unsigned char *)p, n + 1));
	p[0] = 'X';
}
