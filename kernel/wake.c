/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Timeouts, their interrupt-driven wake-ups and the idle halt (include/bulkhead/wake.h).  One
 * deadline per thread id, in the kernel's TSC; the timer interrupt (timer.c calls bh_wake_tick)
 * moves expired ones into `woken`, which the scheduler takes at its next yield point.  The timer
 * runs only while some deadline is armed, so an image with no timed wait sees no interrupt.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/pic.h>
#include <bulkhead/service.h>
#include <bulkhead/wake.h>
#include "arch/x86_64/x86.h"
#include "ring0.h"
#include "timer.h"

static uint64_t deadline[BH_WAKE_THREADS];
static uint64_t armed;       /* bit tid: deadline[tid] is live (changed with interrupts off) */
static uint64_t woken;       /* bit tid: expired, not yet taken (set by the interrupt) */
static uint64_t halts;
static uint64_t halted;      /* TSC ticks spent in the idle halt (one instruction each under -icount) */

/* Interrupts off around a change the interrupt handler also makes; the previous state comes back. */
static inline uint64_t irq_save(void)
{
	uint64_t f;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return f;
}

static inline void irq_restore(uint64_t f)
{
	if (f & (1u << 9))
		__asm__ volatile("sti" ::: "memory");
}

/*
 * The calls below that change the interrupt flag or the timer need ring 0: from ring 3 (mpk) they are
 * kernel services (kernel/service.c), which run the same code (the *_r0 functions) in ring 0.
 */
int bh_wake_after_r0(uint32_t tid, uint64_t ticks)
{
	if (tid >= BH_WAKE_THREADS) {
		bh_printf("bulkhead: wake: thread %u is not a thread id (0 to %u)\n", tid, BH_WAKE_THREADS - 1);
		return -1;
	}
	if (bh_timer_wake_start(BH_WAKE_HZ) != 0)
		return -1;
	uint64_t f = irq_save();
	uint64_t now = rdtsc();
	deadline[tid] = ticks > UINT64_MAX - now ? UINT64_MAX : now + ticks;
	armed |= 1ull << tid;
	irq_restore(f);
	__asm__ volatile("sti" ::: "memory");   /* the timer must reach us from now on */
	return 0;
}

int bh_wake_after(uint32_t tid, uint64_t ticks)
{
	if (bh_ring3())
		return (int)bh_service(BH_SVC_WAKE_AFTER, tid, ticks, 0, 0);
	return bh_wake_after_r0(tid, ticks);
}

void bh_wake_cancel_r0(uint32_t tid)
{
	if (tid >= BH_WAKE_THREADS)
		return;
	uint64_t f = irq_save();
	armed &= ~(1ull << tid);
	woken &= ~(1ull << tid);   /* a mark made before the cancel must not end the thread's next wait */
	irq_restore(f);
}

void bh_wake_cancel(uint32_t tid)
{
	if (bh_ring3())
		bh_service(BH_SVC_WAKE_CANCEL, tid, 0, 0, 0);
	else
		bh_wake_cancel_r0(tid);
}

/* The marks other machines' device interrupts posted for this kernel (bh_backend_wake_post; none but
 * under backend vm, whose kernels run in ring 0): as bh_wake_mark's, made here.  Interrupts off. */
static void take_posted(void)
{
	uint64_t posted = bh_backend_wake_posted();
	armed &= ~posted;
	woken |= posted;
}

uint64_t bh_wake_take(void)
{
	if (!bh_ring3()) {   /* ring 3 (mpk) cannot turn interrupts off, and nothing is ever posted there */
		uint64_t f = irq_save();
		take_posted();
		irq_restore(f);
	}
	return __atomic_exchange_n(&woken, 0, __ATOMIC_SEQ_CST);   /* one instruction: safe against the interrupt */
}

int bh_idle_r0(void)
{
	__asm__ volatile("cli" ::: "memory");
	take_posted();
	if (__atomic_load_n(&woken, __ATOMIC_SEQ_CST)) {
		__asm__ volatile("sti" ::: "memory");
		return 1;
	}
	if (!armed) {
		__asm__ volatile("sti" ::: "memory");
		return -1;
	}
	halts++;
	/*
	 * The ticks from here to the return count as halted: under -icount the TSC jumps over the halt
	 * by the time the CPU slept, so busy = TSC - halted counts only executed instructions.  The
	 * interrupt that ends the halt is handled before the second read, so its handler's instructions
	 * count as halted too: a bounded error, one handler per halt (benchmarks/iperf/README.md).
	 */
	uint64_t t0 = rdtsc();
	/* sti's one-instruction shadow: no interrupt lands between the check above and the halt. */
	__asm__ volatile("sti; hlt" ::: "memory");
	halted += rdtsc() - t0;
	return 0;
}

int bh_idle(void)
{
	if (bh_ring3())
		return (int)bh_service(BH_SVC_IDLE, 0, 0, 0, 0);
	return bh_idle_r0();
}

uint64_t bh_idle_halts(void)
{
	return halts;
}

uint64_t bh_idle_ticks(void)
{
	return halted;
}

void bh_wake_mark(uint32_t tid)
{
	if (tid >= BH_WAKE_THREADS)
		return;
	/* Interrupt context (interrupts off): as if its timeout expired now; in the kernel whose thread
	 * table it is (backend vm: the mark goes to the kernel's machine). */
	if (bh_backend_wake_post(tid))
		return;
	armed &= ~(1ull << tid);
	woken |= 1ull << tid;
}

void bh_wake_tick(void)
{
	if (!armed)
		return;
	uint64_t now = rdtsc();
	for (uint32_t t = 0; t < BH_WAKE_THREADS; t++) {
		uint64_t bit = 1ull << t;
		if ((armed & bit) && now >= deadline[t]) {
			armed &= ~bit;
			woken |= bit;
		}
	}
	if (!armed)
		bh_timer_wake_stop();
}
