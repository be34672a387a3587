/* SPDX-License-Identifier: BSD-3-Clause */
#include "gatebench.h"

uint64_t peer_step(uint64_t x)
{
	return x + 1;
}

uint64_t peer_read1(const uint64_t *a) { return *a + 1; }
uint64_t peer_read2(const uint64_t *a, const uint64_t *b) { return *a + *b; }
uint64_t peer_read3(const uint64_t *a, const uint64_t *b, const uint64_t *c) { return *a + *b + *c; }
