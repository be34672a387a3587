/* SPDX-License-Identifier: BSD-3-Clause */
/* Read the registers the caller left behind when the gate entered this compartment. */
#include "attacks.h"

void bh_exit(int status);

const char *attack_name(void) { return "regs: read the caller's leftover registers"; }

__attribute__((noinline)) void attack(void)
{
	uint64_t r[6];
	__asm__ volatile("movq %%rbx, 0(%0)\n\tmovq %%r12, 8(%0)\n\tmovq %%r13, 16(%0)\n\t"
			 "movq %%r14, 24(%0)\n\tmovq %%r15, 32(%0)\n\tmovq %%rbp, 40(%0)"
			 : : "r"(r) : "memory");
	int seen = 0;
	for (int i = 0; i < 6; i++)
		if ((r[i] >> 40) == 0x5ec2e7)
			seen++;
	bh_printf("attacks: caller registers visible at entry: %d of 6 (r12 %lx)\n", seen, (unsigned long)r[1]);
	bh_printf("attacks: victim digest 0x%08x at the end\n", (unsigned)victim_digest());
	bh_exit(seen ? 11 : 10);   /* 10: nothing leaked; 11: the caller's values were readable */
}
