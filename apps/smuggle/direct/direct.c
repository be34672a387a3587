/* SPDX-License-Identifier: BSD-3-Clause */
/* Calls the vault's internal function by name and reads its secret by name, as a hostile or careless
   library would (issue 14's "direct call" and "named global").  The vault exports vault_sum only: the
   pass refuses both at link time, naming this file and line. */
#include "smuggle.h"

extern char vault_secret[16];
int vault_reveal(void);

const char *smuggle(void)
{
	static char got[2];
	got[0] = (char)vault_reveal();
	return vault_secret[1] ? got : "";
}
