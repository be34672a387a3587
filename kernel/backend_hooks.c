/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Weak defaults of the optional backend hooks (include/bulkhead/backend.h).  A backend
 * that needs one defines it; none and mpk use these.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>

__attribute__((weak)) int bh_backend_present(uint32_t compartment)
{
	(void)compartment;
	return 1;
}

__attribute__((weak)) void bh_backend_interrupt(uint32_t vector)
{
	bh_printf("bulkhead: CPU exception: unexpected interrupt, vector %u\n", vector);
	bh_printf("bulkhead: stopping with exit status %d (CPU exception)\n", BH_EXIT_EXCEPTION);
	bh_exit(BH_EXIT_EXCEPTION);
}
