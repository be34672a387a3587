/* SPDX-License-Identifier: BSD-3-Clause */
/* Runs the one attack linked into this image; reaching the end means the attack was NOT contained. */
#include "attacks.h"

const char *app_stack_buffer;

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
	attack();
	__asm__ volatile("" : "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15));
	if (r12 != 0x5ec2e70000000012ull || r15 != 0x5ec2e70000000015ull)
		bh_printf("attacks: the app's callee-saved registers were not restored\n");
	bh_printf("attacks: %s returned: NOT CONTAINED (%c)\n", attack_name(), on_stack[0]);
	return 1;
}
