/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Probe of the registers a gate must scrub ({scrub_args}, {scrub_ret}): the app loads its own values
 * into every argument register and vector register right before it calls attack() (void, so none
 * carries anything); this callee saves them first thing.  Then it calls the victim, which leaves its
 * secret in every vector register, and looks at the vector registers right after the return.
 */
#include "attacks.h"

void bh_exit(int status);

const char *attack_name(void) { return "probe: the registers a gate must scrub, at entry and after a return"; }

/* rdi, rsi, rdx, rcx, r8, r9, then the low 8 bytes of xmm0-xmm15, as found at entry */
__attribute__((used)) uint64_t probe_entry[22];

int probe_report(void);

/* Naked: no compiler-generated instruction may touch a register before it is saved. */
__attribute__((naked)) void attack(void)
{
	__asm__ volatile("movq %rdi, probe_entry+0(%rip)\n\tmovq %rsi, probe_entry+8(%rip)\n\t"
			 "movq %rdx, probe_entry+16(%rip)\n\tmovq %rcx, probe_entry+24(%rip)\n\t"
			 "movq %r8, probe_entry+32(%rip)\n\tmovq %r9, probe_entry+40(%rip)\n\t"
			 "movq %xmm0, probe_entry+48(%rip)\n\tmovq %xmm1, probe_entry+56(%rip)\n\t"
			 "movq %xmm2, probe_entry+64(%rip)\n\tmovq %xmm3, probe_entry+72(%rip)\n\t"
			 "movq %xmm4, probe_entry+80(%rip)\n\tmovq %xmm5, probe_entry+88(%rip)\n\t"
			 "movq %xmm6, probe_entry+96(%rip)\n\tmovq %xmm7, probe_entry+104(%rip)\n\t"
			 "movq %xmm8, probe_entry+112(%rip)\n\tmovq %xmm9, probe_entry+120(%rip)\n\t"
			 "movq %xmm10, probe_entry+128(%rip)\n\tmovq %xmm11, probe_entry+136(%rip)\n\t"
			 "movq %xmm12, probe_entry+144(%rip)\n\tmovq %xmm13, probe_entry+152(%rip)\n\t"
			 "movq %xmm14, probe_entry+160(%rip)\n\tmovq %xmm15, probe_entry+168(%rip)\n\t"
			 "jmp probe_report");
}

/* The app's values are 0x5ec2e7 in the top 24 bits (apps/attacks/app/main.c). */
static int is_app_value(uint64_t v) { return (v >> 40) == 0x5ec2e7; }

__attribute__((used, noinline)) int probe_report(void)
{
	int args = 0, vecs = 0;
	for (int i = 0; i < 6; i++)
		args += is_app_value(probe_entry[i]);
	for (int i = 6; i < 22; i++)
		vecs += is_app_value(probe_entry[i]);
	bh_printf("attacks: probe: app values visible at entry: %d of 6 argument registers, %d of 16 vector registers\n",
		  args, vecs);

	uint64_t after[16];
	uint64_t zero = victim_vectors();
	__asm__ volatile("movq %%xmm0, 0(%0)\n\tmovq %%xmm1, 8(%0)\n\tmovq %%xmm2, 16(%0)\n\tmovq %%xmm3, 24(%0)\n\t"
			 "movq %%xmm4, 32(%0)\n\tmovq %%xmm5, 40(%0)\n\tmovq %%xmm6, 48(%0)\n\tmovq %%xmm7, 56(%0)\n\t"
			 "movq %%xmm8, 64(%0)\n\tmovq %%xmm9, 72(%0)\n\tmovq %%xmm10, 80(%0)\n\tmovq %%xmm11, 88(%0)\n\t"
			 "movq %%xmm12, 96(%0)\n\tmovq %%xmm13, 104(%0)\n\tmovq %%xmm14, 112(%0)\n\tmovq %%xmm15, 120(%0)"
			 : : "r"(after) : "memory");
	int left = 0;
	for (int i = 0; i < 16; i++)
		left += after[i] != 0;   /* the victim left its secret in all 16; scrubbed, all are 0 */
	bh_printf("attacks: probe: vector registers not cleared after the victim returned: %d of 16 (%lu)\n", left,
		  (unsigned long)zero);
	bh_printf("attacks: victim digest 0x%08x at the end\n", (unsigned)victim_digest());
	bh_exit(args || vecs || left ? 11 : 10);   /* 10: every register scrubbed; 11: values crossed */
	return 0;
}
