/* SPDX-License-Identifier: BSD-3-Clause */
/* Names the vault's secret and its internal function in inline assembly: a direct reference no
   gate and no sharing decision would see.  The pass refuses the link, naming this file and line. */
#include "smuggle.h"

const char *smuggle(void)
{
	const char *p;
	__asm__ volatile("leaq vault_secret(%%rip), %0" : "=r"(p));
	int (*fn)(void);
	__asm__ volatile("leaq vault_reveal(%%rip), %0" : "=r"(fn));
	return fn() ? p : "";
}
