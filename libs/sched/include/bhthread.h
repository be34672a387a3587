/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative threads (libs/sched).  A configuration sets how many ([threads] max); each thread has
 * its own stack in every compartment (private stacks: keyed to the compartment, with its own data
 * shadow stack; shared stacks otherwise) and its own gate slots.  The scheduler may live in a
 * compartment of its own; switching threads opens no key (gates/<backend>: __bh_thread_switch).
 *
 * Threads block: on a mutex, a condition variable, a semaphore, another thread's end, or a sleep,
 * each with an optional timeout.  A blocked thread leaves the CPU to the ready ones (round robin);
 * when none is ready the kernel halts the CPU until an interrupt (bh_idle).  Timeouts are the
 * kernel's (kernel/wake.c): its timer interrupt marks the threads whose time has come, and the
 * scheduler makes them ready at its next yield point.  No preemption: a thread runs until it blocks,
 * yields or ends.  Every object is named by a small integer, so no call carries a pointer across.
 */
#ifndef BHTHREAD_H
#define BHTHREAD_H

#include <stdint.h>

typedef void (*bh_thread_fn)(void *arg);

/* Results: 0, or one of these (the pthread layer turns them into errno values). */
#define BH_EINVAL    (-1)   /* no such thread or object, or a bad argument */
#define BH_ETIMEDOUT (-2)   /* the timeout passed first */
#define BH_EBUSY     (-3)   /* trylock: held */
#define BH_EDEADLK   (-4)   /* locking a (non-recursive) mutex one holds, joining oneself */
#define BH_EPERM     (-5)   /* unlocking a mutex one does not hold */
#define BH_EAGAIN    (-6)   /* no free thread slot or object */

/* Timeouts are relative, in TSC ticks of the kernel's clock (time_tsc_hz() per second, libs/time). */
#define BH_FOREVER UINT64_MAX

/* The stack each thread has in each compartment: [threads] stack_kib, above an unmapped guard page
 * (__bh_stack_slot bytes a slot; kernel/stackguard.c). */

/* A new thread running fn(arg) (fn may be a function of any compartment); its id (>= 1), or
 * BH_EAGAIN when every thread slot is taken (a slot is free again once its thread has ended and been
 * joined, or has ended detached). */
int bh_thread_create(bh_thread_fn fn, void *arg);
/* Lets the next ready thread run (round robin); returns when this one is scheduled again. */
void bh_thread_yield(void);
/* Ends the calling thread (thread 0, which runs main, may not exit this way). */
__attribute__((noreturn)) void bh_thread_exit(void);
/* Blocks until thread id has ended, then frees its slot; 0, BH_EINVAL (bad, free or detached id) or
 * BH_EDEADLK (oneself). */
int bh_thread_join(int id);
/* Thread id's slot is freed when it ends, without a join; 0 or BH_EINVAL. */
int bh_thread_detach(int id);
/* The calling thread's id: 0 for main's. */
int bh_thread_self(void);
/* Blocks for `ticks` (0: yields); 0. */
int bh_thread_sleep(uint64_t ticks);

/* Mutexes: owned, FIFO hand-off to the first waiter on unlock.  `recursive`: the owner may lock it
 * again (counted).  create: its id (>= 0) or BH_EAGAIN. */
int bh_mutex_create(int recursive);
int bh_mutex_destroy(int m);                      /* BH_EBUSY while held or waited for */
int bh_mutex_lock(int m, uint64_t timeout);       /* 0, BH_ETIMEDOUT, BH_EDEADLK, BH_EINVAL */
int bh_mutex_trylock(int m);                      /* 0, BH_EBUSY, BH_EINVAL */
int bh_mutex_unlock(int m);                       /* 0, BH_EPERM, BH_EINVAL */

/* Condition variables: wait releases mutex m (which the caller holds), blocks until signalled or
 * the timeout, and takes m again before it returns (0 or BH_ETIMEDOUT; BH_EPERM without m). */
int bh_cond_create(void);
int bh_cond_destroy(int c);                       /* BH_EBUSY while waited on */
int bh_cond_wait(int c, int m, uint64_t timeout);
int bh_cond_signal(int c);                        /* wakes the longest waiter, if any */
int bh_cond_broadcast(int c);                     /* wakes all */

/* Counting semaphores. */
int bh_sem_create(unsigned value);
int bh_sem_destroy(int s);                        /* BH_EBUSY while waited on */
int bh_sem_wait(int s, uint64_t timeout);         /* 0, BH_ETIMEDOUT (BH_EAGAIN: timeout 0 and none) */
int bh_sem_post(int s);
int bh_sem_value(int s);                          /* >= 0, or BH_EINVAL */

#endif
