/* SPDX-License-Identifier: BSD-3-Clause */
/* The far side: reads the app's private table (a key violation each time) and checks its domain. */
#include <stdint.h>
#include <bulkhead/cpu.h>

const uint64_t *app_table(void);

static uint32_t domain;      /* this compartment's PKRU, as first seen */
static uint64_t wrong;       /* calls that found another PKRU */

uint64_t peer_read(int i)
{
	uint32_t p = bh_rdpkru();
	if (!domain)
		domain = p;
	wrong += p != domain;
	const volatile uint64_t *t = app_table();
	uint64_t v = t[i % 8];
	wrong += bh_rdpkru() != domain;
	return v;
}

uint64_t peer_wrong(void) { return wrong; }
