/* SPDX-License-Identifier: BSD-3-Clause */
/* W^X: write its own text (a RET over its first byte) with CR0.WP as the kernel set it.  Text pages
   are never writable: the write faults. */
#include "loot.h"

__attribute__((noinline, used)) void wx_target(void)
{
	__asm__ volatile("nop");
}

const char *attack_name(void) { return "wx: write into its own text"; }

void attack(void)
{
	volatile unsigned char *code;
	__asm__ volatile("leaq wx_target(%%rip), %0" : "=r"(code));
	code[0] = 0xc3;
	attack_not_contained("its own text was writable");
}
