/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Gate round-trip cost.  Under QEMU's -icount shift=0 the guest's rdtsc advances by exactly one per
 * instruction, so (cycles of N cross-compartment calls - cycles of N same-compartment calls) / N is the
 * gate's instruction count per round trip, exactly and repeatably.
 */
#include <bulkhead/wake.h>
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

/*
 * Sharing cost: pointers to 1, 2, 3 locals handed to the other compartment.  With private stacks the
 * pass moves exactly these locals (data shadow stack, or shared heap by policy); the difference to a
 * plain cross call is what sharing stack data costs.
 */
__attribute__((noinline)) static uint64_t share1(uint64_t x)
{
	uint64_t a = x;
	return peer_read1(&a);
}

__attribute__((noinline)) static uint64_t share2(uint64_t x)
{
	uint64_t a = x, b = 1;
	return peer_read2(&a, &b) - 1 + 1;
}

__attribute__((noinline)) static uint64_t share3(uint64_t x)
{
	uint64_t a = x, b = 1, c = 0;
	return peer_read3(&a, &b, &c);
}

static uint64_t share_loop(uint64_t (*fn)(uint64_t), uint64_t *x)
{
	uint64_t t0 = rdtsc();
	for (int i = 0; i < N / 10; i++)
		*x = fn(*x);
	return rdtsc() - t0;
}

/*
 * The kernel's services: bh_wake_cancel of a thread that has no wake-up does almost nothing, so a loop
 * of it measures the way there and back.  Where compartments run in ring 3 (mpk) that is the SYSCALL
 * service (ring 3 -> ring 0 -> ring 3, kernel/service.c); in ring 0 (none, vm) a plain call.
 */
static uint64_t service_loop(void)
{
	uint64_t t0 = rdtsc();
	for (int i = 0; i < N / 10; i++)
		bh_wake_cancel(BH_WAKE_THREADS - 1);
	return rdtsc() - t0;
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
	/* After the lines above: the vm benchmark times the loops by the arrival of the "calls" line. */
	uint64_t y = 0;
	uint64_t s1 = share_loop(share1, &y), s2 = share_loop(share2, &y), s3 = share_loop(share3, &y);
	bh_printf("gatebench: share-calls %d share1 %lu share2 %lu share3 %lu result %lu\n", N / 10, (unsigned long)s1,
		  (unsigned long)s2, (unsigned long)s3, (unsigned long)y);
	uint64_t sv = service_loop();
	bh_printf("gatebench: service-calls %d service %lu tsc\n", N / 10, (unsigned long)sv);
	return x == 2 * N && y == 3 * (N / 10) ? 0 : 1;
}
