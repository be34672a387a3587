/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Read the calling compartment's stack.  With private stacks the attacker aims at the top of the core
 * compartment's stack (its address is no secret: a linker symbol): those pages carry core's key.
 * With the shared stack it reads through the pointer the app published, which works: the light gate's
 * known weakness.  (A published pointer under private stacks points into the shared data shadow
 * stack by design: the pass moved that local there because its address left the compartment.)
 */
#include "attacks.h"

const char *attack_name(void) { return "stack: read the calling compartment's stack"; }

void attack(void)
{
	uintptr_t top;   /* __bh_c0_stack_top: defined by the linker script with private stacks only */
	__asm__(".weak __bh_c0_stack_top\n\tmovabsq $__bh_c0_stack_top, %0" : "=r"(top));   /* 0 if absent */
	const volatile char *p = top ? (const char *)(top - 64) : app_stack_buffer;
	bh_printf("attacks: stack byte %c\n", p[0]);
}
