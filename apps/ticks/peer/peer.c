/* SPDX-License-Identifier: BSD-3-Clause */
/* The far side: some work, and a check that this compartment's domain is what it was on entry. */
#include <stdint.h>

static uint32_t domain;      /* this compartment's PKRU, as first seen */
static uint64_t wrong;       /* calls that found another PKRU */

static inline uint32_t rdpkru(void)
{
	uint32_t eax, edx;
	__asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
	return eax;
}

uint64_t peer_work(uint64_t x)
{
	uint32_t p = rdpkru();
	if (!domain)
		domain = p;
	wrong += p != domain;
	for (int i = 0; i < 20; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	wrong += rdpkru() != domain;
	return x;
}

uint64_t peer_wrong(void) { return wrong; }
