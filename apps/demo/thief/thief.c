/* SPDX-License-Identifier: BSD-3-Clause */
#include "demo.h"

/* Copies the bytes behind p itself (volatile: no memcpy the compiler could substitute), then prints them. */
void thief_steal(const char *p)
{
	char loot[32];
	const volatile char *src = p;
	int n = 0;

	while (n < (int)sizeof(loot) - 1 && (loot[n] = src[n]) != 0)
		n++;
	loot[n] = 0;
	bh_printf("thief: stole \"%s\"\n", loot);
}
