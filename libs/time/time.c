/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * time: a TSC clock.  Frequency from CPUID 0x15 (crystal ratio) or 0x16 (base MHz) when reported,
 * else 1 GHz (exact under -icount shift=0).  State: the frequency and the TSC at the first call.
 */
#include <stdint.h>
#include <bhtime.h>

static uint64_t hz, tsc0;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

static void init(void)
{
	uint32_t a, b, c, d, max;
	cpuid(0, &max, &b, &c, &d);
	hz = 0;
	if (max >= 0x15) {
		cpuid(0x15, &a, &b, &c, &d);
		if (a && b && c)
			hz = (uint64_t)c * b / a;
	}
	if (!hz && max >= 0x16) {
		cpuid(0x16, &a, &b, &c, &d);
		if (a & 0xffff)
			hz = (uint64_t)(a & 0xffff) * 1000000ull;
	}
	if (!hz)
		hz = 1000000000ull;
	tsc0 = rdtsc();
}

uint64_t time_tsc_hz(void)
{
	if (!hz)
		init();
	return hz;
}

uint64_t time_monotonic_ns(void)
{
	if (!hz)
		init();
	uint64_t t = rdtsc() - tsc0;
	return t / hz * 1000000000ull + t % hz * 1000000000ull / hz;   /* no 128-bit division (no compiler-rt) */
}

uint64_t time_realtime_ns(void)
{
	return TIME_EPOCH_S * 1000000000ull + time_monotonic_ns();
}
