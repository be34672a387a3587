/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kmain: the boot sequence after boot.S, in the kernel's compartment.
 *   console -> IDT -> image check -> page tables -> backend -> banner
 *   -> enter the kernel's domain -> main() -> exit with its status.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"
#include "audit.h"
#include "image.h"

int main(void);   /* the application's */
void kmain(void); /* called by boot.S */
void bh_dss_boot(void);   /* kernel/dss.c */

/* Whether component c has any symbol in compartment i (the table has no direct map). */
static int component_in(const struct bh_image *img, uint32_t c, uint32_t i)
{
	for (uint32_t s = 0; s < img->nsymbols; s++)
		if (img->symbols[s].component == c && img->symbols[s].compartment == i)
			return 1;
	return 0;
}

static void banner(const struct bh_image *img)
{
	bh_printf("bulkhead: image '%s', backend %s, %u compartment%s\n", img->name, img->backend,
		  img->ncompartments, img->ncompartments == 1 ? "" : "s");
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		const struct bh_compartment *c = &img->compartments[i];
		bh_printf("bulkhead:   compartment %u '%s' key %u:", i, c->name, c->key);
		for (uint32_t k = 0; k < img->ncomponents; k++)
			if (component_in(img, k, i))
				bh_printf(" %s", img->components[k]);
		bh_printf("\n");
	}
}

void kmain(void)
{
	uint64_t entry = rdtsc();
	const struct bh_image *img = &__bh_image;
	bh_serial_init();
	bh_idt_init();
	int rc = bh_image_check(img);
	if (rc == 0)
		rc = bh_paging_init(img);
	if (rc == 0)
		rc = bh_backend_init(img);
	if (rc == 0)
		bh_dss_boot();   /* [threads] dss = "running": hide the other threads' data shadow stacks */
	if (rc != 0)
		bh_exit(rc);
	/*
	 * Boot cost, read before anything is printed: console output waits on the host (the UART's
	 * transmit-ready bit), so instruction counts that include printing are not repeatable.  Under
	 * -icount shift=0 this is the instruction count from reset, firmware included.
	 */
	uint64_t ready = rdtsc();
	banner(img);
	bh_printf("bulkhead: boot: kmain entered at tsc %lu, ready at tsc %lu: %lu in the kernel\n",
		  (unsigned long)entry, (unsigned long)ready, (unsigned long)(ready - entry));
	bh_backend_enter(img->kernel_compartment);
	rc = main();
	bh_audit_summary();
	bh_exit(rc & 63);
}
