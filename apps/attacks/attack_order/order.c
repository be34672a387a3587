/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reuse a gate sequence out of order: jump into the return half of another gate that ends in the
 * app's compartment (core -> victim), with EAX already holding the app's PKRU so the WRPKRU check
 * passes.  The app is waiting on this attacker, not on the victim: the return half must refuse.
 */
#include "attacks.h"
#include <bulkhead/image.h>



const char *attack_name(void) { return "order: enter another gate's return half out of order"; }

void attack(void)
{
	uint32_t core = __bh_image.compartments[0].pkru;
	const unsigned char *end = (const unsigned char *)__bh_gates_end;
	for (const unsigned char *p = (const unsigned char *)__bh_gates_start; p + 24 < end; p++) {
		/* wrpkru; cmpl $core, %eax; jne rel32; cmpq $to, %gs:wait (gs, REX.W, 83 /7, SIB
		 * absolute disp32, imm8) with to = victim (1) */
		static const unsigned char cmpq_gs[] = { 0x65, 0x48, 0x83, 0x3c, 0x25 };
		if (p[0] != 0x0f || p[1] != 0x01 || p[2] != 0xef || p[3] != 0x3d)
			continue;
		uint32_t imm = p[4] | p[5] << 8 | p[6] << 16 | (uint32_t)p[7] << 24;
		if (imm != core || p[8] != 0x0f || p[9] != 0x85 || p[23] != 1)
			continue;
		int same = 1;
		for (unsigned i = 0; i < sizeof(cmpq_gs); i++)
			same &= p[14 + i] == cmpq_gs[i];
		if (!same)
			continue;
		bh_printf("attacks: jumping into a return half at %p with the app's PKRU\n", (const void *)p);
		__asm__ volatile("movl %1, %%eax\n\txorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n\tjmp *%0"
				 : : "r"(p), "r"(core) : "rax", "rcx", "rdx", "memory");
	}
	bh_printf("attacks: no return half found\n");
}
