/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Jump into the middle of a gate, straight at its WRPKRU, with EAX = 0 (every key open): the gate's
 * check of PKRU against its own constant must stop it before any instruction can use the open keys.
 */
#include "attacks.h"

extern const unsigned char __bh_gates_start[], __bh_gates_end[];

const char *attack_name(void) { return "gate: jump to a gate's WRPKRU with PKRU value 0"; }

void attack(void)
{
	/* wrpkru; cmp $imm32, %eax : the first light-gate stub's domain switch */
	for (const unsigned char *p = __bh_gates_start; p + 4 < __bh_gates_end; p++) {
		if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xef && p[3] == 0x3d) {
			bh_printf("attacks: jumping to the WRPKRU at %p\n", (const void *)p);
			__asm__ volatile("xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\tjmp *%0"
					 : : "r"(p) : "rax", "rcx", "rdx", "memory");
		}
	}
	bh_printf("attacks: no gate found\n");
}
