/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A cooperative round-robin scheduler with blocking (include/bhthread.h).  Its state is its own
 * (this component's compartment): the thread table, the wait queues, the mutexes, condition
 * variables and semaphores, all named by index.  The stacks it switches between are the threads'
 * stacks in its compartment (__bh_self_thread_stacks: its private stacks, or the shared ones), one
 * stack slot (__bh_stack_slot: a guard page and [threads] stack_kib) per thread index, laid out by the linker script for [threads] max threads.  The
 * switch itself is the backend's __bh_thread_switch, which also makes the new index current for the
 * gates.  Timeouts and the idle halt are the kernel's (bulkhead/wake.h): the scheduler arms a
 * blocked thread's timeout there, takes the timer's marks at every yield point, and calls bh_idle
 * when no thread is ready.
 */
#include <stdint.h>
#include <bulkhead/abi.h>
#include <bulkhead/console.h>
#include <bulkhead/dss.h>
#include <bulkhead/exit.h>
#include <bulkhead/wake.h>
#include "bhthread.h"

#define MAX BH_THREADS_MAX
#define MUTEXES 128
#define CONDS 128
#define SEMS 64
#define NONE (-1)

_Static_assert(MAX == BH_WAKE_THREADS, "every thread id has a timeout slot in the kernel");

struct bh_thread_ctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp;
};

void __bh_thread_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load, uint64_t tid);

extern char __bh_threads_max[];          /* absolute symbol: the configured number of threads */
extern char __bh_self_thread_stacks[];   /* this compartment's thread stacks (bound by the pass) */
extern char __bh_stack_slot[];   /* linker script: bytes per thread's slot, guard page included ([threads] stack_kib) */

/* A FIFO of blocked threads, linked through thread.next. */
struct wq {
	int head, tail;
};

enum state { FREE, READY, BLOCKED, DONE };

struct thread {
	enum state state;
	bh_thread_fn fn;
	void *arg;
	struct bh_thread_ctx ctx;
	struct wq *on;       /* the queue it is blocked in (NULL: a sleep) */
	int next;            /* the next thread in that queue */
	int timed;           /* its timeout is armed in the kernel */
	int result;          /* what its wait ended with: 0 or BH_ETIMEDOUT */
	int detached;
	struct wq joiners;   /* threads blocked in bh_thread_join on this one */
};

struct mutex {
	int used, recursive, owner, count;
	struct wq q;
};

struct cond {
	int used;
	struct wq q;
};

struct sem {
	int used;
	unsigned value;
	struct wq q;
};

static struct thread threads[MAX] = { [0] = { .state = READY } };   /* thread 0: main's */
static struct mutex mutexes[MUTEXES];
static struct cond conds[CONDS];
static struct sem sems[SEMS];
static int current;
static int ntimed;   /* threads whose timeout is armed: only then are the kernel's marks taken */
static int booted;   /* the queues' empty markers are set (static data cannot hold NONE for all) */

static int nthreads(void)
{
	uintptr_t n = (uintptr_t)__bh_threads_max;
	return n < MAX ? (int)n : MAX;
}

static void q_init(struct wq *q)
{
	q->head = q->tail = NONE;
}

static void init(void)
{
	if (booted)
		return;
	booted = 1;
	for (int i = 0; i < MAX; i++)
		q_init(&threads[i].joiners);
}

static void q_push(struct wq *q, int t)
{
	threads[t].next = NONE;
	if (q->tail == NONE)
		q->head = t;
	else
		threads[q->tail].next = t;
	q->tail = t;
}

static int q_pop(struct wq *q)
{
	int t = q->head;
	if (t != NONE) {
		q->head = threads[t].next;
		if (q->head == NONE)
			q->tail = NONE;
	}
	return t;
}

static void q_remove(struct wq *q, int t)
{
	int prev = NONE;
	for (int i = q->head; i != NONE; prev = i, i = threads[i].next) {
		if (i != t)
			continue;
		if (prev == NONE)
			q->head = threads[i].next;
		else
			threads[prev].next = threads[i].next;
		if (q->tail == t)
			q->tail = prev;
		return;
	}
}

/* Thread t's wait is over, with `result`. */
static void make_ready(int t, int result)
{
	struct thread *th = &threads[t];
	if (th->timed) {
		bh_wake_cancel((uint32_t)t);
		th->timed = 0;
		ntimed--;
	}
	th->on = 0;
	th->result = result;
	th->state = READY;
}

/* The kernel's marks: the threads whose timeout passed leave their queues, timed out. */
static void collect(void)
{
	if (!ntimed)
		return;
	uint64_t woken = bh_wake_take();
	for (int t = 0; woken; t++, woken >>= 1) {
		struct thread *th = &threads[t];
		if (!(woken & 1) || th->state != BLOCKED || !th->timed)
			continue;
		th->timed = 0;
		ntimed--;
		if (th->on)
			q_remove(th->on, t);
		th->on = 0;
		th->result = BH_ETIMEDOUT;
		th->state = READY;
	}
}

static void switch_to(int next)
{
	int prev = current;
	if (next == prev)
		return;
	current = next;
	/* [threads] dss = "owner" or "running": a switched-out thread's shared stack data is parked out of
	 * other compartments' reach (kernel/dss.c). */
	if (bh_dss_policy() != BH_DSS_ALL)
		bh_dss_switch((uint32_t)next);
	__bh_thread_switch(&threads[prev].ctx, &threads[next].ctx, (uint64_t)next);
}

/* The next READY thread after the current one (the current one last), or -1. */
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

static const char *state_name(int t)
{
	const struct thread *th = &threads[t];
	if (th->state != BLOCKED)
		return th->state == READY ? "ready" : "ended";
	if (!th->on)
		return "sleeping";
	for (int i = 0; i < MAX; i++)
		if (th->on == &threads[i].joiners)
			return "in a join";
	for (int i = 0; i < MUTEXES; i++)
		if (th->on == &mutexes[i].q)
			return "on a mutex";
	for (int i = 0; i < CONDS; i++)
		if (th->on == &conds[i].q)
			return "on a condition variable";
	return "on a semaphore";
}

static __attribute__((noreturn)) void deadlock(void)
{
	bh_printf("bulkhead: sched: deadlock: every thread is blocked and none has a timeout\n");
	for (int t = 0; t < nthreads(); t++)
		if (threads[t].state == BLOCKED)
			bh_printf("bulkhead: sched:   thread %d waits %s\n", t, state_name(t));
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_DEADLOCK, BH_EXIT_DEADLOCK_WHAT);
	bh_exit(BH_EXIT_DEADLOCK);
}

/* Runs the next ready thread (the current one too, if it is ready and alone); with none ready,
 * halts until the timer wakes one.  Returns when the current thread runs again. */
static void schedule(void)
{
	for (;;) {
		collect();
		int next = next_ready();
		if (next >= 0) {
			switch_to(next);
			return;
		}
		if (!ntimed || bh_idle() < 0)
			deadlock();
	}
}

/* Blocks the current thread in q (NULL: a sleep) for at most `timeout`; what its wait ended with. */
static int block(struct wq *q, uint64_t timeout)
{
	struct thread *th = &threads[current];
	th->state = BLOCKED;
	th->on = q;
	th->result = 0;
	if (q)
		q_push(q, current);
	if (timeout != BH_FOREVER) {
		if (bh_wake_after((uint32_t)current, timeout) != 0) {
			bh_printf("bulkhead: sched: thread %d: the kernel cannot time this wait\n", current);
			bh_exit(BH_EXIT_THREAD_MISUSE);
		}
		th->timed = 1;
		ntimed++;
	}
	schedule();
	return threads[current].result;
}

/* A new thread's first code: runs its function (through a gate if it is another compartment's),
 * then ends the thread. */
static __attribute__((noreturn)) void start(void)
{
	struct thread *t = &threads[current];
	t->fn(t->arg);
	bh_thread_exit();
}

int bh_thread_create(bh_thread_fn fn, void *arg)
{
	init();
	for (int i = 1; i < nthreads(); i++) {
		if (threads[i].state != FREE)
			continue;
		/* Its stack in this compartment: the top of slot i, with start() as the return address
		 * __bh_thread_switch's ret takes (rsp = top - 16 there: the ABI's entry alignment). */
		uint64_t *top = (uint64_t *)(__bh_self_thread_stacks + (uintptr_t)(i + 1) * (uintptr_t)__bh_stack_slot);
		top[-2] = (uint64_t)(uintptr_t)start;
		threads[i] = (struct thread){ .state = READY, .fn = fn, .arg = arg };
		q_init(&threads[i].joiners);
		threads[i].ctx.rsp = (uint64_t)(uintptr_t)&top[-2];
		return i;
	}
	return BH_EAGAIN;
}

void bh_thread_yield(void)
{
	init();
	schedule();
}

void bh_thread_exit(void)
{
	init();
	if (current == 0) {
		bh_printf("bulkhead: sched: thread 0 (main's) called bh_thread_exit; return from main instead\n");
		bh_exit(BH_EXIT_THREAD_MISUSE);
	}
	struct thread *th = &threads[current];
	th->state = th->detached ? FREE : DONE;
	for (int t; (t = q_pop(&th->joiners)) != NONE;)
		make_ready(t, 0);
	schedule();   /* never returns: this thread is not READY again */
	__builtin_unreachable();
}

int bh_thread_join(int id)
{
	init();
	if (id == current)
		return BH_EDEADLK;
	if (id <= 0 || id >= nthreads() || threads[id].state == FREE || threads[id].detached)
		return BH_EINVAL;
	if (threads[id].state != DONE)
		block(&threads[id].joiners, BH_FOREVER);
	if (threads[id].state == DONE)
		threads[id].state = FREE;   /* joined: the slot is free (the first of several joiners frees it) */
	return 0;
}

int bh_thread_detach(int id)
{
	init();
	if (id <= 0 || id >= nthreads() || threads[id].state == FREE || threads[id].detached)
		return BH_EINVAL;
	if (threads[id].state == DONE)
		threads[id].state = FREE;
	else
		threads[id].detached = 1;
	return 0;
}

int bh_thread_self(void)
{
	return current;
}

int bh_thread_sleep(uint64_t ticks)
{
	init();
	if (ticks == 0)
		schedule();
	else
		block(0, ticks);
	return 0;
}

/* Mutexes. */

static struct mutex *mutex_at(int m)
{
	return m >= 0 && m < MUTEXES && mutexes[m].used ? &mutexes[m] : 0;
}

int bh_mutex_create(int recursive)
{
	init();
	for (int i = 0; i < MUTEXES; i++) {
		if (mutexes[i].used)
			continue;
		mutexes[i] = (struct mutex){ .used = 1, .recursive = recursive != 0, .owner = NONE };
		q_init(&mutexes[i].q);
		return i;
	}
	return BH_EAGAIN;
}

int bh_mutex_destroy(int m)
{
	struct mutex *mx = mutex_at(m);
	if (!mx)
		return BH_EINVAL;
	if (mx->owner != NONE || mx->q.head != NONE)
		return BH_EBUSY;
	mx->used = 0;
	return 0;
}

int bh_mutex_trylock(int m)
{
	struct mutex *mx = mutex_at(m);
	if (!mx)
		return BH_EINVAL;
	if (mx->owner == NONE) {
		mx->owner = current;
		mx->count = 1;
		return 0;
	}
	if (mx->owner == current && mx->recursive) {
		mx->count++;
		return 0;
	}
	return BH_EBUSY;
}

int bh_mutex_lock(int m, uint64_t timeout)
{
	init();
	struct mutex *mx = mutex_at(m);
	if (!mx)
		return BH_EINVAL;
	int rc = bh_mutex_trylock(m);
	if (rc != BH_EBUSY)
		return rc;
	if (mx->owner == current)
		return BH_EDEADLK;
	return block(&mx->q, timeout);   /* 0: the unlocker handed it over (owner set to us) */
}

/* Lets mutex mx go: to its first waiter, which becomes the owner, or free. */
static void mutex_release(struct mutex *mx)
{
	int t = q_pop(&mx->q);
	mx->owner = t;
	mx->count = t == NONE ? 0 : 1;
	if (t != NONE)
		make_ready(t, 0);
}

int bh_mutex_unlock(int m)
{
	struct mutex *mx = mutex_at(m);
	if (!mx)
		return BH_EINVAL;
	if (mx->owner != current)
		return BH_EPERM;
	if (--mx->count == 0)
		mutex_release(mx);
	return 0;
}

/* Condition variables. */

static struct cond *cond_at(int c)
{
	return c >= 0 && c < CONDS && conds[c].used ? &conds[c] : 0;
}

int bh_cond_create(void)
{
	init();
	for (int i = 0; i < CONDS; i++) {
		if (conds[i].used)
			continue;
		conds[i].used = 1;
		q_init(&conds[i].q);
		return i;
	}
	return BH_EAGAIN;
}

int bh_cond_destroy(int c)
{
	struct cond *cv = cond_at(c);
	if (!cv)
		return BH_EINVAL;
	if (cv->q.head != NONE)
		return BH_EBUSY;
	cv->used = 0;
	return 0;
}

int bh_cond_wait(int c, int m, uint64_t timeout)
{
	init();
	struct cond *cv = cond_at(c);
	struct mutex *mx = mutex_at(m);
	if (!cv || !mx)
		return BH_EINVAL;
	if (mx->owner != current)
		return BH_EPERM;
	int count = mx->count;   /* a recursive mutex is taken back as deep as it was held */
	mutex_release(mx);
	int rc = block(&cv->q, timeout);
	if (mx->owner != NONE)
		block(&mx->q, BH_FOREVER);   /* handed over by the unlocker */
	else
		mx->owner = current;
	mx->count = count;
	return rc;
}

int bh_cond_signal(int c)
{
	struct cond *cv = cond_at(c);
	if (!cv)
		return BH_EINVAL;
	int t = q_pop(&cv->q);
	if (t != NONE)
		make_ready(t, 0);
	return 0;
}

int bh_cond_broadcast(int c)
{
	struct cond *cv = cond_at(c);
	if (!cv)
		return BH_EINVAL;
	for (int t; (t = q_pop(&cv->q)) != NONE;)
		make_ready(t, 0);
	return 0;
}

/* Semaphores. */

static struct sem *sem_at(int s)
{
	return s >= 0 && s < SEMS && sems[s].used ? &sems[s] : 0;
}

int bh_sem_create(unsigned value)
{
	init();
	for (int i = 0; i < SEMS; i++) {
		if (sems[i].used)
			continue;
		sems[i] = (struct sem){ .used = 1, .value = value };
		q_init(&sems[i].q);
		return i;
	}
	return BH_EAGAIN;
}

int bh_sem_destroy(int s)
{
	struct sem *sm = sem_at(s);
	if (!sm)
		return BH_EINVAL;
	if (sm->q.head != NONE)
		return BH_EBUSY;
	sm->used = 0;
	return 0;
}

int bh_sem_wait(int s, uint64_t timeout)
{
	init();
	struct sem *sm = sem_at(s);
	if (!sm)
		return BH_EINVAL;
	if (sm->value > 0) {
		sm->value--;
		return 0;
	}
	if (timeout == 0)
		return BH_EAGAIN;
	return block(&sm->q, timeout);   /* 0: a post handed its unit to us */
}

int bh_sem_post(int s)
{
	struct sem *sm = sem_at(s);
	if (!sm)
		return BH_EINVAL;
	int t = q_pop(&sm->q);
	if (t != NONE)
		make_ready(t, 0);
	else
		sm->value++;
	return 0;
}

int bh_sem_value(int s)
{
	struct sem *sm = sem_at(s);
	return sm ? (int)sm->value : BH_EINVAL;
}
