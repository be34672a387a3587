/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Jump into the middle of a gate, straight at its entry's WRPKRU, with EAX = 0 (every key open): the
 * gate's check of PKRU against its own constant must stop it before any instruction can use the open
 * keys.  Without that check the stub would call the victim with every key open and come back here.
 */
#include "gatejump.h"

const char *attack_name(void) { return "gate: jump to a gate's entry WRPKRU with PKRU value 0"; }

void attack(void)
{
	const unsigned char *p = gate_wrpkru(0);
	if (!p) {
		bh_printf("attacks: no gate found\n");
		return;
	}
	bh_printf("attacks: jumping to the entry WRPKRU of __bh_gate_c0_victim_digest at %p\n", (const void *)p);
	uint32_t pkru = gate_jump(p);
	bh_printf("attacks: NOT CONTAINED: the gate ran and came back in PKRU 0x%08x\n", pkru);
}
