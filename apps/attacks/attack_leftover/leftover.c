/* SPDX-License-Identifier: BSD-3-Clause */
/* Read the scratch registers a callee of another compartment leaves behind when it returns. */
#include "attacks.h"

void bh_exit(int status);

const char *attack_name(void) { return "leftover: read the registers a callee left behind"; }

__attribute__((noinline)) void attack(void)
{
	uint64_t r[8];
	uint64_t zero = victim_scratch();
	__asm__ volatile("movq %%rsi, 0(%0)\n\tmovq %%rdi, 8(%0)\n\tmovq %%r8, 16(%0)\n\tmovq %%r9, 24(%0)\n\t"
			 "movq %%r10, 32(%0)\n\tmovq %%r11, 40(%0)\n\tmovq %%rcx, 48(%0)\n\tmovq %%rdx, 56(%0)"
			 : : "r"(r) : "memory");
	int seen = 0;
	for (int i = 0; i < 8; i++)
		for (int b = 0; b < 8; b++)
			if ((char)(r[i] >> (8 * b)) == 'v' && (char)(r[i] >> (8 * b + 8)) == 'i')
				seen++;
	bh_printf("attacks: registers holding victim bytes after return: %d (%lu)\n", seen, (unsigned long)zero);
	bh_printf("attacks: victim digest 0x%08x at the end\n", (unsigned)victim_digest());
	bh_exit(seen ? 11 : 10);
}
