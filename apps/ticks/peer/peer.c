/* SPDX-License-Identifier: BSD-3-Clause */
/* The far side: some work, and a check that this compartment's domain is what it was on entry. */
#include <stdint.h>
#include <bulkhead/cpu.h>

static uint32_t domain;      /* this compartment's PKRU, as first seen */
static uint64_t wrong;       /* calls that found another PKRU */

uint64_t peer_work(uint64_t x)
{
	uint32_t p = bh_rdpkru();
	if (!domain)
		domain = p;
	wrong += p != domain;
	for (int i = 0; i < 20; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	wrong += bh_rdpkru() != domain;
	return x;
}

uint64_t peer_wrong(void) { return wrong; }
