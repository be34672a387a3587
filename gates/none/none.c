/* SPDX-License-Identifier: BSD-3-Clause */
/* The "none" backend: compartments exist only as page-table regions; there is one domain. */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/image.h>

int bh_backend_init(const struct bh_image *img)
{
	(void)img;
	return 0;
}

void bh_backend_enter(uint32_t compartment)
{
	(void)compartment;
}

uint64_t bh_backend_trap_enter(void)
{
	return 0;    /* no domain state to report */
}
