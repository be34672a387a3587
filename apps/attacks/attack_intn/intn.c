/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * `int $14` with crafted registers: the page-fault handler entered without a fault (no error code,
 * CR2 stale) and every general register pointing at the victim's secret.  The kernel's IDT gates have
 * DPL 0: from ring 3 an INT to them is #GP.  In ring 0 the handler runs on a frame the attacker made.
 */
#include "loot.h"

const char *attack_name(void) { return "intn: int $14 with crafted registers"; }

void attack(void)
{
	char *p = victim_secret_ptr();
	__asm__ volatile("movq %0, %%rax\n\tmovq %0, %%rbx\n\tmovq %0, %%rcx\n\tmovq %0, %%rdx\n\t"
			 "movq %0, %%rsi\n\tmovq %0, %%rdi\n\tmovq %0, %%r8\n\tmovq %0, %%r9\n\t"
			 "movq %0, %%r10\n\tmovq %0, %%r11\n\tint $14"
			 : : "r"(p) : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory");
	attack_take(p);
	attack_not_contained("int $14 came back and the secret was read");
}
