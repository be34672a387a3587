/* SPDX-License-Identifier: BSD-3-Clause */
/* The isolation probe (include/bulkhead/probe.h). */
#include <stdint.h>
#include <bulkhead/image.h>
#include <bulkhead/probe.h>
#include "arch/x86_64/x86.h"
#include "probe_internal.h"

#define VEC_PF 14

/* System globals are not probed: under backend vm the kernel's own part is in every machine. */
static int system_component(const char *name)
{
	static const char kernel[] = "kernel", backend[] = "backend-";
	int i = 0;
	while (kernel[i] && name[i] == kernel[i])
		i++;
	if (!kernel[i] && !name[i])
		return 1;
	for (i = 0; backend[i]; i++)
		if (name[i] != backend[i])
			return 0;
	return 1;
}

/* Explicitly shared: written by the kernel, read by every compartment's probe. */
__attribute__((section(".bh.shared.data"))) struct bh_probe_target bh_probe_table[BH_PROBE_MAX];

static int probe_enabled(void)
{
	/* __bh_probe: absolute symbol of the linker script, 1 under policy probe = "on". */
	uintptr_t on;
	__asm__("movabsq $__bh_probe, %0" : "=r"(on));
	return on != 0;
}

static int in_region(const struct bh_region *r, uintptr_t a)
{
	return r->start <= a && a < r->end;
}

int bh_probe_targets(void)
{
	const struct bh_image *img = &__bh_image;
	int n = 0;
	if (!probe_enabled())
		return 0;
	for (uint32_t c = 0; c < img->ncompartments && n < BH_PROBE_MAX; c++) {
		const struct bh_compartment *cp = &img->compartments[c];
		for (uint32_t i = 0; i < img->nsymbols; i++) {
			const struct bh_symbol *s = &img->symbols[i];
			if (s->kind != BH_SYM_OBJECT || s->compartment != c || s->size == 0 ||
			    s->component >= img->ncomponents || system_component(img->components[s->component]))
				continue;
			if (!in_region(&cp->data, s->addr) && !(in_region(&cp->bss, s->addr) && !in_region(&cp->heap, s->addr)))
				continue;
			bh_probe_table[n++] = (struct bh_probe_target){ s->addr, s->name, c, 0 };
			break;
		}
	}
	return n;
}

/*
 * The read is one instruction at a known address, result in eax: the page-fault handler recognises
 * it (bh_probe_fixup) and resumes at the next one with eax = -1.  noinline keeps the labels unique;
 * used keeps them in images that never probe (bh_probe_fixup refers to them).
 */
__attribute__((noinline, used)) int bh_probe_read(const volatile void *p)
{
	int v;
	__asm__ volatile(".globl bh_probe_insn\nbh_probe_insn:\n\tmovzbl (%1), %0\n"
			 ".globl bh_probe_resume\nbh_probe_resume:"
			 : "=a"(v) : "r"(p) : "memory");
	return v;
}

int bh_probe_fixup(struct bh_trap_frame *f)
{
	/* the labels live in bh_probe_read's inline assembly, which LTO's symbol table does not see */
	uintptr_t insn, resume;
	__asm__("leaq bh_probe_insn(%%rip), %0\n\tleaq bh_probe_resume(%%rip), %1" : "=r"(insn), "=r"(resume));
	if (f->vector != VEC_PF || f->rip != insn || !probe_enabled())
		return 0;
	f->rip = resume;
	f->rax = (uint64_t)(uint32_t)-1;
	return 1;
}
