/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attacks gate and gateret: jump straight at one WRPKRU of a known gate stub with EAX = 0 (every key
 * open).  The stub is the app's gate into the victim, __bh_gate_c0_victim_digest; its first WRPKRU
 * is the entry's domain switch, its second the return's.  The target is found by its position in
 * that stub, not by the check that follows it, so a gate that lost a check is still the one attacked.
 */
#ifndef GATEJUMP_H
#define GATEJUMP_H
#include <bulkhead/cpu.h>
#include "attacks.h"

#include <bulkhead/image.h>   /* __bh_gates_end */

/* The n-th (0: entry, 1: return) WRPKRU (0f 01 ef) of __bh_gate_c0_victim_digest, or 0. */
static inline const unsigned char *gate_wrpkru(int n)
{
	const unsigned char *p;
	__asm__ volatile("leaq __bh_gate_c0_victim_digest(%%rip), %0" : "=r"(p));   /* not a C address-of */
	for (; p + 3 <= (const unsigned char *)__bh_gates_end; p++)
		if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xef && n-- == 0)
			return p;
	return 0;
}

/*
 * Jump to `p` with EAX, ECX, EDX = 0 and a return address pushed that lands right after the jump: a
 * gate whose check is missing runs to its `ret` and comes back here, in whatever domain it left.
 * Returns that domain's PKRU (the gate's check stops the machine before, with status 67).
 */
static inline uint32_t gate_jump(const unsigned char *p)
{
	__asm__ volatile("leaq 1f(%%rip), %%r11\n\t"
			 "pushq %%r11\n\t"
			 "xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\t"
			 "jmp *%0\n"
			 "1:"
			 : : "r"(p)
			 : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
	return bh_rdpkru();
}
#endif
