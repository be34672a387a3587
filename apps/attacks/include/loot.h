/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What an attack that got past a boundary takes with it: a copy of the secret where the host-side
 * judge (scripts/bulkhead/judge.py) finds it after the run, whatever the console says.  Every attack
 * of issue 13 ends either stopped by the kernel or holding such a copy.
 *
 * The copy goes to the tail of the shared heap, which every domain may write and the attacker reads:
 * an attack that runs in the victim's (or the core's) domain cannot write its own memory, and one that
 * switched domains cannot even use its own stack under private stacks, so it borrows a stack there too.
 * (The shared heap's allocator hands out blocks from its start; the attacks app allocates none.)
 */
#ifndef LOOT_H
#define LOOT_H
#include "attacks.h"

void bh_exit(int status);

extern char __bh_shared_heap_end[];
#define ATTACK_LOOT (__bh_shared_heap_end - 64)            /* 32 bytes of loot */
#define ATTACK_STACK (__bh_shared_heap_end - 128)          /* top of a borrowed 4 KiB stack */
#define ATTACK_IDT (__bh_shared_heap_end - 12288)          /* 4 KiB for a descriptor table of its own */

static inline void attack_take(const volatile char *p)
{
	volatile char *loot = ATTACK_LOOT;
	for (unsigned i = 0; i < 32; i++)
		loot[i] = p[i];
}

/*
 * On the borrowed stack: switch(into), copy the 32 bytes at src to the loot with registers only,
 * switch(back).  `sw` is a domain switch the attacker should not be able to use (bh_backend_enter,
 * bh_backend_trap_exit); operands live in callee-saved registers across its calls.
 */
static inline void attack_switch_and_take(void (*sw)(uint64_t), uint64_t into, uint64_t back, const volatile char *src)
{
	register uint64_t r_sw __asm__("r13") = (uint64_t)sw;
	register uint64_t r_src __asm__("r14") = (uint64_t)src;
	register uint64_t r_dst __asm__("r15") = (uint64_t)ATTACK_LOOT;
	register uint64_t r_back __asm__("rbx") = back;
	register uint64_t r_into __asm__("rdi") = into;
	__asm__ volatile("movq %%rsp, %%r12\n\t"
			 "leaq __bh_shared_heap_end(%%rip), %%rsp\n\tsubq $128, %%rsp\n\t"   /* ATTACK_STACK */
			 "call *%%r13\n\t"
			 "movq 0(%%r14), %%rax\n\tmovq %%rax, 0(%%r15)\n\tmovq 8(%%r14), %%rax\n\tmovq %%rax, 8(%%r15)\n\t"
			 "movq 16(%%r14), %%rax\n\tmovq %%rax, 16(%%r15)\n\tmovq 24(%%r14), %%rax\n\tmovq %%rax, 24(%%r15)\n\t"
			 "movq %%rbx, %%rdi\n\tcall *%%r13\n\t"
			 "movq %%r12, %%rsp"
			 : "+r"(r_sw), "+r"(r_src), "+r"(r_dst), "+r"(r_back), "+r"(r_into)
			 :
			 : "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "r12", "memory", "cc");
}

/* The run ends here when a privileged step was accepted: status 1, as when any attack returns. */
static inline void attack_not_contained(const char *what)
{
	bh_printf("attacks: NOT CONTAINED: %s\n", what);
	bh_exit(1);
}

/* The victim's domain (its PKRU), read from the immediate of the attacker's gate into the victim
   (`movl $to_pkru, %eax` before the entry's WRPKRU, gates/mpk/gate*.S.tmpl); ~0u if not found. */
static inline uint32_t victim_domain(void)
{
	const unsigned char *p;
	__asm__ volatile("leaq __bh_gate_c2_victim_secret_ptr(%%rip), %0" : "=r"(p));
	for (int i = 0; i < 256; i++, p++)
		if (p[0] == 0x0f && p[1] == 0x01 && p[2] == 0xef)
			for (int back = 5; back < 40; back++)
				if (p[-back] == 0xb8) {
					uint32_t v;
					__builtin_memcpy(&v, p - back + 1, 4);
					return v;
				}
	return ~0u;
}
#endif
