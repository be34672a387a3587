/* SPDX-License-Identifier: BSD-3-Clause */
#include "smuggle.h"

__attribute__((weak)) const char *smuggle(void) { return "nothing"; }

int main(void)
{
	bh_printf("smuggle: vault sum %d\n", vault_sum());
	bh_printf("smuggle: smuggled %s\n", smuggle());
	return 0;
}
