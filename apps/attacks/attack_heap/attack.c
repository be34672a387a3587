/* SPDX-License-Identifier: BSD-3-Clause */
/* Write into another compartment's heap through a leaked pointer: the block lies in the victim's
   heap region, in its bss, which carries its key (or, under vm, is not in this machine). */
#include "attacks.h"

const char *attack_name(void) { return "heap: write another compartment's heap block through a leaked pointer"; }

void attack(void)
{
	volatile char *p = victim_heap_secret();
	p[0] = 'X';
	bh_printf("attacks: wrote the victim's heap block\n");
}
