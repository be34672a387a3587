/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reuse a gate sequence out of order: jump into the return half of another gate that ends in the
 * app's compartment (the app's gate into the victim, __bh_gate_c0_victim_digest: its second WRPKRU),
 * with EAX already holding the app's PKRU so the WRPKRU check passes.  The app is waiting on this
 * attacker, not on the victim: the return half must refuse.  Without that check the return half
 * resumes the app where it waits on this attacker, as if the attack had returned.  The target is
 * found by its position in the stub, not by the check, so a gate that lost the check is still attacked.
 */
#include "gatejump.h"
#include <bulkhead/image.h>

const char *attack_name(void) { return "order: enter another gate's return half out of order"; }

void attack(void)
{
	uint32_t core = __bh_image.compartments[0].pkru;
	const unsigned char *p = gate_wrpkru(1);
	if (!p) {
		bh_printf("attacks: no return half found\n");
		return;
	}
	bh_printf("attacks: jumping into a return half at %p with the app's PKRU\n", (const void *)p);
	__asm__ volatile("movl %1, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\tjmp *%0"
			 : : "r"(p), "r"(core) : "rax", "rcx", "rdx", "memory");
	bh_printf("attacks: no return half ran\n");
}
