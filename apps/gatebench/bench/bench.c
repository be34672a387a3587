/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Gate round-trip cost.  Under QEMU's -icount shift=0 the guest's rdtsc advances by exactly one per
 * instruction, so (cycles of N cross-compartment calls - cycles of N same-compartment calls) / N is the
 * gate's instruction count per round trip, exactly and repeatably.
 */
#include "gatebench.h"

#define N 100000

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Same work as peer_step, in this component: the plain-call baseline.  noinline keeps it a real call. */
__attribute__((noinline)) static uint64_t local_step(uint64_t x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

int main(void)
{
	uint64_t x = 0, t0, t1, t2;

	t0 = rdtsc();
	for (int i = 0; i < N; i++)
		x = local_step(x);
	t1 = rdtsc();
	for (int i = 0; i < N; i++)
		x = peer_step(x);
	t2 = rdtsc();

	uint64_t plain = t1 - t0, cross = t2 - t1;
	uint64_t diff100 = cross > plain ? (cross - plain) * 100 / N : 0;
	bh_printf("gatebench: calls %d result %lu\n", N, (unsigned long)x);
	bh_printf("gatebench: plain-loop %lu cross-loop %lu tsc\n", (unsigned long)plain, (unsigned long)cross);
	bh_printf("gatebench: gate round trip %lu.%02lu (tsc per call, = instructions under -icount shift=0)\n",
		  (unsigned long)(diff100 / 100), (unsigned long)(diff100 % 100));
	return x == 2 * N ? 0 : 1;
}
