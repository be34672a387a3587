/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mpk backend's C half: refuse CPUs without protection keys, check the
 * domains the pass computed, turn CR4.PKE on.  The domain switches themselves
 * are assembly in .bh.gates (domains.S).
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/cpu.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>

/*
 * State of the mpk domain switches in domains.S, in .bh.monitor: supervisor pages, which no code in
 * ring 3 (every compartment, the kernel's included) can read or write (docs/design.md 7b).
 *
 * bh_mpk_entered: set by bh_backend_enter's one legitimate call (kmain, at boot), after its WRPKRU,
 * so that a later jump to that WRPKRU ends in a gate violation.
 * bh_mpk_trap_saved[d]: the PKRU the trap entry at depth d (kernel/trap.c: bh_trap_depth before
 * trap.S counts it) found; the trap exit at that depth installs exactly that value (or, in audit
 * images, that value with one key opened or closed again).
 */
__attribute__((used, section(".bh.monitor"))) uint32_t bh_mpk_entered;
__attribute__((used, section(".bh.monitor"))) uint32_t bh_mpk_trap_saved[BH_MPK_TRAP_NEST];

/* PKRU bits of key k: access-disable (bit 2k) and write-disable (bit 2k+1). */
#define PKRU_KEY_BITS(k) (3u << (2 * (k)))

/* Every compartment runs in ring 3: its privileged instructions fault whatever its PKRU (docs/design.md 7b). */
int bh_backend_ring3(void)
{
	return 1;
}

int bh_backend_init(const struct bh_image *img)
{
	if (!bh_cpu_has_pku()) {
		bh_printf("bulkhead: this CPU has no protection keys (PKU); the mpk backend needs them. "
			  "Run under QEMU with -cpu max, on a CPU with PKU, or choose backend \"none\".\n");
		return BH_EXIT_NO_PKU;
	}
	/* Each domain must open its own key and the shared key (stack, gates' data, tables):
	 * a domain without them would fault on its first push. */
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		const struct bh_compartment *c = &img->compartments[i];
		if (c->pkru & (PKRU_KEY_BITS(c->key) | PKRU_KEY_BITS(img->shared_key))) {
			bh_printf("bulkhead: boot error: compartment '%s': PKRU 0x%08x denies its own key %u "
				  "or the shared key %u\n", c->name, c->pkru, c->key, img->shared_key);
			return BH_EXIT_BOOT_ERROR;
		}
	}
	/* The private-stack gates address their per-thread slots relative to the GS base (8 * thread). */
	if (!bh_cpu_enable_fsgsbase()) {
		bh_printf("bulkhead: this CPU has no FSGSBASE; the mpk backend's gates need it (every CPU with "
			  "PKU has it: check the CPU model).\n");
		return BH_EXIT_NO_PKU;
	}
	/* The private-stack gates clear the vector registers with VZEROALL. */
	if (!bh_cpu_enable_avx()) {
		bh_printf("bulkhead: this CPU has no AVX (or XSAVE); the mpk backend's gates need it (every CPU "
			  "with PKU has it: check the CPU model).\n");
		return BH_EXIT_NO_PKU;
	}
	bh_cpu_enable_pke();
	return 0;
}
