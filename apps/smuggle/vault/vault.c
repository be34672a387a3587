/* SPDX-License-Identifier: BSD-3-Clause */
#include "smuggle.h"

/* Writable: the vault compartment's data pages. */
char vault_secret[16] = "SMUGGLE-SECRET";

/* Not meant for anyone but the vault; its name is no secret. */
__attribute__((noinline, used)) int vault_reveal(void)
{
	return vault_secret[0];
}

int vault_sum(void)
{
	int s = 0;
	for (const char *p = vault_secret; *p; p++)
		s += *p;
	return s + vault_reveal() - vault_secret[0];
}
