/* SPDX-License-Identifier: BSD-3-Clause */
/* Runs the one attack linked into this image; reaching the end means the attack was NOT contained. */
#include "attacks.h"

int main(void)
{
	bh_printf("attacks: victim digest 0x%08x\n", (unsigned)victim_digest());
	bh_printf("attacks: running %s\n", attack_name());
	attack();
	bh_printf("attacks: %s returned: NOT CONTAINED\n", attack_name());
	return 1;
}
