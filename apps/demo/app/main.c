/* SPDX-License-Identifier: BSD-3-Clause */
/* The demo application: uses the counter and the vault, then lets the thief loose on a leaked pointer. */
#include "demo.h"

int main(void)
{
	bh_printf("demo: start\n");
	for (int i = 1; i <= 4; i++)
		counter_add(i);
	bh_printf("demo: counter = %d\n", counter_get());
	bh_printf("demo: vault checksum = %u\n", (unsigned)vault_checksum());
	bh_printf("demo: guess 'open-sesame' is %s\n", vault_check("open-sesame") ? "right" : "wrong");

	const char *leaked = vault_leak();
	bh_printf("demo: the vault leaked a pointer; handing it to the thief\n");
	thief_steal(leaked);
	bh_printf("demo: done\n");
	return 0;
}
