/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread switch cost (benchmarks/thread-switch/run.py).  Two threads of this compartment yield to each
 * other: one bh_thread_yield of main is a round trip, main -> other -> main, two switches.  Under
 * QEMU's -icount shift=0 rdtsc counts instructions, so (cycles of N yields - cycles of N plain calls) / N
 * is a round trip's instructions, exactly.  Both threads first hand a local to the peer compartment,
 * so each has data shadow stack data in use while switched out, as a real thread would; the
 * switch itself (libs/sched, the backend's __bh_thread_switch) and, under [threads] dss = "owner" or
 * "running", the parking of the data shadow stacks (kernel/dss.c) are what is timed.
 */
#include <bulkhead/console.h>
#include "bhthread.h"
#include "switchbench.h"

#define N 2000

static volatile int stop;
static uint64_t touched;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

__attribute__((noinline)) static void local_step(void)
{
	__asm__ volatile("" ::: "memory");
}

static void other(void *arg)
{
	(void)arg;
	uint64_t mine = 0;
	touched += peer_touch(&mine);
	while (!stop)
		bh_thread_yield();
	touched += peer_touch(&mine);
}

int main(void)
{
	uint64_t mine = 0;
	touched += peer_touch(&mine);
	int t = bh_thread_create(other, 0);
	bh_thread_yield();                 /* the other thread starts, touches the peer, yields back */
	uint64_t t0 = rdtsc();
	for (int i = 0; i < N; i++)
		local_step();
	uint64_t t1 = rdtsc();
	for (int i = 0; i < N; i++)
		bh_thread_yield();
	uint64_t t2 = rdtsc();
	stop = 1;
	bh_thread_join(t);
	touched += peer_touch(&mine);
	uint64_t plain = t1 - t0, yields = t2 - t1;
	bh_printf("switchbench: yields %d plain-loop %lu yield-loop %lu tsc touched %lu\n", N, (unsigned long)plain,
		  (unsigned long)yields, (unsigned long)touched);
	return touched == 6 ? 0 : 1;
}
