/* SPDX-License-Identifier: BSD-3-Clause */
/* Runs the one attack linked into this image; reaching the end means the attack was NOT contained. */
#include "attacks.h"

const char *app_stack_buffer;
/* The core's own secret: what an attacker that gains the core's domain takes (attack rethijack); the
   host-side judge looks for copies of it (--judge app_secret). */
__attribute__((used)) char app_secret[32] = "app-secret-core-0123456789abcde";

void app_hold(const char *p)
{
	__asm__ volatile("" : : "r"(p) : "memory");
}

int main(void)
{
	char on_stack[32] = "app-stack-secret-0123456789";

	app_stack_buffer = on_stack;
	bh_printf("attacks: victim digest 0x%08x\n", (unsigned)victim_digest());
	bh_printf("attacks: running %s\n", attack_name());

	/*
	 * Values only the app should know, in callee-saved registers across the call (they are live
	 * after it): a gate that scrubs registers leaves none of them for the attacker to read.
	 */
	register uint64_t r12 __asm__("r12") = 0x5ec2e70000000012ull;
	register uint64_t r13 __asm__("r13") = 0x5ec2e70000000013ull;
	register uint64_t r14 __asm__("r14") = 0x5ec2e70000000014ull;
	register uint64_t r15 __asm__("r15") = 0x5ec2e70000000015ull;
	__asm__ volatile("" : "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15));
	/*
	 * And the app's values in every argument and vector register, dead at the call (attack() takes
	 * nothing): a gate that scrubs what carries no argument leaves none of them (attack 'probe').
	 */
	__asm__ volatile("movabsq $0x5ec2e70000000100, %%rax\n\t"
			 "movq %%rax, %%rdi\n\tmovq %%rax, %%rsi\n\tmovq %%rax, %%rdx\n\tmovq %%rax, %%rcx\n\t"
			 "movq %%rax, %%r8\n\tmovq %%rax, %%r9\n\t"
			 "movq %%rax, %%xmm0\n\tmovq %%rax, %%xmm1\n\tmovq %%rax, %%xmm2\n\tmovq %%rax, %%xmm3\n\t"
			 "movq %%rax, %%xmm4\n\tmovq %%rax, %%xmm5\n\tmovq %%rax, %%xmm6\n\tmovq %%rax, %%xmm7\n\t"
			 "movq %%rax, %%xmm8\n\tmovq %%rax, %%xmm9\n\tmovq %%rax, %%xmm10\n\tmovq %%rax, %%xmm11\n\t"
			 "movq %%rax, %%xmm12\n\tmovq %%rax, %%xmm13\n\tmovq %%rax, %%xmm14\n\tmovq %%rax, %%xmm15"
			 : : : "rax", "rdi", "rsi", "rdx", "rcx", "r8", "r9", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4",
			   "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	attack();
	__asm__ volatile("" : "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15));
	if (r12 != 0x5ec2e70000000012ull || r15 != 0x5ec2e70000000015ull)
		bh_printf("attacks: the app's callee-saved registers were not restored\n");
	/* What the attack left of the victim's data (its digest from before is printed above). */
	bh_printf("attacks: victim digest 0x%08x at the end\n", (unsigned)victim_digest());
	bh_printf("attacks: %s returned: NOT CONTAINED (%c)\n", attack_name(), on_stack[0]);
	return 1;
}
