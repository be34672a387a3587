/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

const char *attack_name(void) { return "exec: jump into another compartment's data"; }

void attack(void)
{
	/* An indirect call the pass cannot see (assembly), to data: pages of data are never executable. */
	char *target = victim_secret_ptr();
	__asm__ volatile("call *%0" : : "r"(target) : "memory");
}
