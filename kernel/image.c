/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checks the image table before anything trusts it: the pass emits it, but a
 * stale or mismatched pass must end in a clear boot error (BH_EXIT_BOOT_ERROR), not in a
 * triple fault when the page tables go live.
 */
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include "image.h"

#define PAGE_MASK 4095u

static int boot_error(const char *what, const char *name)
{
	bh_printf("bulkhead: boot error: bad image table: %s%s%s%s\n", what, name ? " (compartment '" : "",
		  name ? name : "", name ? "')" : "");
	return BH_EXIT_BOOT_ERROR;
}

static int check_region(const struct bh_region *r, const char *name)
{
	if ((r->start | r->end) & PAGE_MASK)
		return boot_error("a region is not page aligned", name);
	if (r->start > r->end)
		return boot_error("a region ends before it starts", name);
	if (r->start != r->end &&
	    (r->start < (uintptr_t)__bh_image_start || r->end > (uintptr_t)__bh_image_end))
		return boot_error("a region lies outside the image", name);
	return 0;
}

int bh_image_check(const struct bh_image *img)
{
	if (img->version != BH_ABI_VERSION)   /* the link already refuses a mismatch (BH_ABI_SYMBOL) */
		return boot_error("ABI version mismatch between the pass and the kernel (abi/abi.toml)", 0);
	if (img->ncompartments == 0 || !img->compartments)
		return boot_error("no compartments", 0);
	if (img->kernel_compartment >= img->ncompartments)
		return boot_error("the kernel's compartment index is out of range", 0);
	if (img->shared_key > BH_MAX_KEY)
		return boot_error("the shared key is not a protection key (0-15)", 0);
	if ((img->nsymbols && !img->symbols) || (img->ncomponents && !img->components))
		return boot_error("a table pointer is null", 0);
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		const struct bh_compartment *c = &img->compartments[i];
		const char *name = c->name ? c->name : "?";
		if (c->key > BH_MAX_KEY)
			return boot_error("a key is not a protection key (0-15)", name);
		const struct bh_region *rs[5] = { &c->text, &c->rodata, &c->data, &c->bss, &c->heap };
		for (int k = 0; k < 5; k++) {
			int rc = check_region(rs[k], name);
			if (rc)
				return rc;
		}
		if (c->heap.start != c->heap.end && (c->heap.start < c->bss.start || c->heap.end > c->bss.end))
			return boot_error("a compartment's heap is not inside its bss", name);
	}
	return 0;
}
