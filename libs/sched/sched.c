/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A cooperative round-robin scheduler (include/bhthread.h).  Its state is its own (this component's
 * compartment); the stacks it switches between are the threads' stacks in its compartment
 * (__bh_self_thread_stacks: its private stacks, or the shared ones), one stack (BH_STACK_SIZE) per thread
 * index, laid out by the linker script for [threads] max threads.  The switch itself is the
 * backend's __bh_thread_switch, which also makes the new index current for the gates.
 */
#include <stdint.h>
#include <bulkhead/abi.h>
#include <bulkhead/console.h>
#include <bulkhead/dss.h>
#include <bulkhead/exit.h>
#include "bhthread.h"

#define MAX BH_THREADS_MAX
#define STACK BH_STACK_SIZE

struct bh_thread_ctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp;
};

void __bh_thread_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load, uint64_t tid);

extern char __bh_threads_max[];          /* absolute symbol: the configured number of threads */
extern char __bh_self_thread_stacks[];   /* this compartment's thread stacks (bound by the pass) */

enum state { FREE, READY, DONE };

struct thread {
	enum state state;
	bh_thread_fn fn;
	void *arg;
	struct bh_thread_ctx ctx;
};

static struct thread threads[MAX] = { [0] = { .state = READY } };   /* thread 0: main's */
static int current;

static int nthreads(void)
{
	uintptr_t n = (uintptr_t)__bh_threads_max;
	return n < MAX ? (int)n : MAX;
}

/* A new thread's first code: runs its function (through a gate if it is another compartment's),
 * then ends the thread. */
static __attribute__((noreturn)) void start(void)
{
	struct thread *t = &threads[current];
	t->fn(t->arg);
	bh_thread_exit();
}

static void switch_to(int next)
{
	int prev = current;
	if (next == prev)
		return;
	current = next;
	/* [threads] dss = "running": the other threads' shared stack data stays out of every domain's reach. */
	if (bh_dss_running_only())
		bh_dss_switch((uint32_t)next);
	__bh_thread_switch(&threads[prev].ctx, &threads[next].ctx, (uint64_t)next);
}

/* The next READY thread after the current one, or -1. */
static int next_ready(void)
{
	int n = nthreads();
	for (int i = 1; i <= n; i++) {
		int j = (current + i) % n;
		if (threads[j].state == READY)
			return j;
	}
	return -1;
}

int bh_thread_create(bh_thread_fn fn, void *arg)
{
	for (int i = 1; i < nthreads(); i++) {
		if (threads[i].state != FREE && threads[i].state != DONE)
			continue;
		/* Its stack in this compartment: the top of slot i, with start() as the return address
		 * __bh_thread_switch's ret takes (rsp = top - 16 there: the ABI's entry alignment). */
		uint64_t *top = (uint64_t *)(__bh_self_thread_stacks + (uintptr_t)(i + 1) * STACK);
		top[-2] = (uint64_t)(uintptr_t)start;
		threads[i] = (struct thread){ .state = READY, .fn = fn, .arg = arg };
		threads[i].ctx.rsp = (uint64_t)(uintptr_t)&top[-2];
		return i;
	}
	return -1;
}

void bh_thread_yield(void)
{
	int next = next_ready();
	if (next >= 0)
		switch_to(next);
}

void bh_thread_exit(void)
{
	if (current == 0) {
		bh_printf("bulkhead: sched: thread 0 (main's) called bh_thread_exit; return from main instead\n");
		bh_exit(BH_EXIT_THREAD_MISUSE);
	}
	threads[current].state = DONE;
	int next = next_ready();   /* thread 0 is READY or waiting in join: never -1 */
	switch_to(next);
	__builtin_unreachable();
}

int bh_thread_join(int id)
{
	if (id <= 0 || id >= nthreads() || id == current || threads[id].state == FREE)
		return -1;
	while (threads[id].state != DONE)
		bh_thread_yield();
	return 0;
}

int bh_thread_self(void)
{
	return current;
}
