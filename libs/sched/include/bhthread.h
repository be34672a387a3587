/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative threads (libs/sched).  A configuration sets how many ([threads] max); each thread has
 * its own stack in every compartment (private stacks: keyed to the compartment, with its own data
 * shadow stack; shared stacks otherwise) and its own gate slots.  The scheduler may live in a
 * compartment of its own; switching threads opens no key (gates/<backend>: __bh_thread_switch).
 */
#ifndef BHTHREAD_H
#define BHTHREAD_H

typedef void (*bh_thread_fn)(void *arg);

/* A new thread running fn(arg) (fn may be a function of any compartment); its id (>= 1), or -1
 * when every thread slot is taken. */
int bh_thread_create(bh_thread_fn fn, void *arg);
/* Lets the next ready thread run (round robin); returns when this one is scheduled again. */
void bh_thread_yield(void);
/* Ends the calling thread (thread 0, which runs main, may not exit this way). */
__attribute__((noreturn)) void bh_thread_exit(void);
/* Waits (yielding) until thread id has ended; 0, or -1 for a bad id or joining oneself. */
int bh_thread_join(int id);
/* The calling thread's id: 0 for main's. */
int bh_thread_self(void);

#endif
