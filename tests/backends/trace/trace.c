/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The "trace" backend's C half: one domain (nothing is isolated), a count of gate crossings kept by
 * the gates (gate.S.tmpl) and printed through the kernel's exit hook.  Uses only the kernel's public
 * headers (include/bulkhead/), as every backend must.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/image.h>

/*
 * Every gate stub increments this by name from its assembly, which the optimiser cannot see: `used`
 * keeps it, and the store in bh_backend_init keeps it from being taken for a constant zero.
 */
__attribute__((used)) volatile uint64_t bh_trace_crossings;

int bh_backend_init(const struct bh_image *img)
{
	(void)img;
	bh_trace_crossings = 0;   /* boot code before this point crosses nothing worth counting */
	return 0;
}

void bh_backend_enter(uint32_t compartment)
{
	(void)compartment;        /* one domain */
}

uint64_t bh_backend_trap_enter(void)
{
	return 0;                 /* no domain state to report */
}

/* Defined by the backend's linker fragment (layout.ld.j2): the number of compartments, as a symbol's value. */
extern const char __bh_trace_compartments[];

/* The kernel's exit hook: the count, once, whatever the status, and what the linker fragment said. */
void bh_backend_exit(int status)
{
	(void)status;
	bh_printf("trace: %lu gate crossings, %lu compartments\n", (unsigned long)bh_trace_crossings,
		  (unsigned long)(uintptr_t)__bh_trace_compartments);
}
