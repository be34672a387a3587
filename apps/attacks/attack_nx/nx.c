/* SPDX-License-Identifier: BSD-3-Clause */
/* W^X: write code (RET) into its own data and call it.  Data pages are never executable. */
#include "loot.h"

static volatile unsigned char code[16];

const char *attack_name(void) { return "nx: run code written into its own data"; }

void attack(void)
{
	code[0] = 0xc3;
	__asm__ volatile("call *%0" : : "r"(code) : "memory");
	attack_not_contained("its own data was executable");
}
