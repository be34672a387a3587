/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Jump straight at a gate's return WRPKRU with EAX = 0 (every key open): the check after it must stop
 * the machine.  Without that check the stub's `ret` comes back here with every key open, and the
 * victim's secret is one load away.
 */
#include "gatejump.h"

const char *attack_name(void) { return "gateret: jump to a gate's return WRPKRU with PKRU value 0"; }

void attack(void)
{
	const volatile char *secret = victim_secret_ptr();
	const unsigned char *p = gate_wrpkru(1);
	if (!p) {
		bh_printf("attacks: no gate found\n");
		return;
	}
	bh_printf("attacks: jumping to the return WRPKRU of __bh_gate_c0_victim_digest at %p\n", (const void *)p);
	uint32_t pkru = gate_jump(p);
	bh_printf("attacks: NOT CONTAINED: came back in PKRU 0x%08x, victim byte %c\n", pkru, secret[0]);
}
