/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX threads over libs/sched (bhthread.h).  Every object of <pthread.h> is newlib's: a
 * pthread_mutex_t or pthread_cond_t holds the scheduler's index of the object (created on first use
 * for the static initializers, whose value is 0xffffffff), a pthread_t is the scheduler's thread id.
 * This component keeps only what the scheduler does not: each thread's start routine, argument and
 * return value, and the thread-specific data (keys).  Absolute timeouts (CLOCK_REALTIME, as POSIX
 * says) become the scheduler's relative TSC ticks through libs/time.
 *
 * Not provided: cancellation, scheduling priorities, process-shared objects, pthread_exit from main's
 * thread.  Stacks are the scheduler's: one slot per thread and compartment, laid out at link time
 * from [threads] stack_kib (an unmapped guard page, then the stack), so a stack size attribute up to
 * stack_kib is accepted (every thread gets the whole stack_kib) and a larger one is EINVAL: raise
 * [threads] stack_kib in the configuration.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <bulkhead/abi.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bhlibc.h>
#include <bhtime.h>
#include "bhthread.h"

#define THREADS BH_THREADS_MAX
#define KEYS 32
#define UNSET 0xffffffffu   /* newlib's static initializers */

extern char __bh_stack_slot[];   /* linker script: a thread's stack slot, guard page included */

/* What every thread has on each of its stacks: [threads] stack_kib. */
static size_t stack_room(void)
{
	return (size_t)(uintptr_t)__bh_stack_slot - BH_STACK_GUARD;
}

struct record {
	void *(*fn)(void *);
	void *arg;
	void *ret;
	const void *values[KEYS];
};

struct key {
	int used;
	void (*dtor)(void *);
};

static struct record records[THREADS];
static struct key keys[KEYS];

/* The scheduler's results as errno values. */
static int err(int rc)
{
	switch (rc) {
	case 0: return 0;
	case BH_ETIMEDOUT: return ETIMEDOUT;
	case BH_EBUSY: return EBUSY;
	case BH_EDEADLK: return EDEADLK;
	case BH_EPERM: return EPERM;
	case BH_EAGAIN: return EAGAIN;
	default: return EINVAL;
	}
}

/* abstime (CLOCK_REALTIME) as a timeout from now in TSC ticks; 0 once it has passed. */
static int ticks_until(const struct timespec *abstime, uint64_t *ticks)
{
	if (!abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L || abstime->tv_sec < 0)
		return EINVAL;
	uint64_t when = (uint64_t)abstime->tv_sec * 1000000000ull + (uint64_t)abstime->tv_nsec;
	uint64_t now = time_realtime_ns();
	uint64_t ns = when > now ? when - now : 0, hz = time_tsc_hz();
	*ticks = ns / 1000000000ull * hz + ns % 1000000000ull * hz / 1000000000ull;
	return 0;
}

static uint64_t ns_ticks(uint64_t ns)
{
	uint64_t hz = time_tsc_hz();
	return ns / 1000000000ull * hz + ns % 1000000000ull * hz / 1000000000ull;
}

/* Threads. */

static void run_destructors(struct record *r)
{
	/* POSIX: repeat while a destructor left values behind (PTHREAD_DESTRUCTOR_ITERATIONS, 4). */
	for (int round = 0; round < 4; round++) {
		int again = 0;
		for (int k = 0; k < KEYS; k++) {
			void *v = (void *)r->values[k];
			if (!keys[k].used || !keys[k].dtor || !v)
				continue;
			r->values[k] = 0;
			keys[k].dtor(v);
			again = 1;
		}
		if (!again)
			return;
	}
}

static void start(void *unused)
{
	(void)unused;
	bh_libc_thread_begin();   /* errno and the rest of libc's state: this thread's own, fresh */
	struct record *r = &records[bh_thread_self()];
	void *ret = r->fn(r->arg);
	run_destructors(r);
	r->ret = ret;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	if (attr && (!attr->is_initialized || attr->stacksize > stack_room()))
		return EINVAL;
	int id = bh_thread_create(start, 0);
	if (id < 0)
		return EAGAIN;
	records[id] = (struct record){ .fn = fn, .arg = arg };   /* read by start(), which runs later */
	if (attr && attr->detachstate == PTHREAD_CREATE_DETACHED)
		bh_thread_detach(id);
	*thread = (pthread_t)id;
	return 0;
}

int pthread_join(pthread_t thread, void **ret)
{
	int rc = bh_thread_join((int)thread);
	if (rc == 0 && ret)
		*ret = records[thread].ret;
	return err(rc);
}

int pthread_detach(pthread_t thread)
{
	return err(bh_thread_detach((int)thread));
}

void pthread_exit(void *ret)
{
	int self = bh_thread_self();
	if (self == 0) {
		bh_printf("bulkhead: pthread: pthread_exit from main's thread is not supported; return from main\n");
		bh_exit(BH_EXIT_THREAD_MISUSE);
	}
	run_destructors(&records[self]);
	records[self].ret = ret;
	bh_thread_exit();
}

pthread_t pthread_self(void)
{
	return (pthread_t)bh_thread_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int sched_yield(void)
{
	bh_thread_yield();
	return 0;
}

/* Attributes. */

int pthread_attr_init(pthread_attr_t *a)
{
	*a = (pthread_attr_t){ .is_initialized = 1, .stacksize = stack_room(),
			       .detachstate = PTHREAD_CREATE_JOINABLE };
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *a)
{
	a->is_initialized = 0;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *a, size_t size)
{
	if (size < PTHREAD_STACK_MIN || size > stack_room())
		return EINVAL;
	a->stacksize = (int)size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *a, size_t *size)
{
	*size = (size_t)a->stacksize;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *a, int state)
{
	if (state != PTHREAD_CREATE_DETACHED && state != PTHREAD_CREATE_JOINABLE)
		return EINVAL;
	a->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *a, int *state)
{
	*state = a->detachstate;
	return 0;
}

/* Mutexes. */

int pthread_mutexattr_init(pthread_mutexattr_t *a)
{
	*a = (pthread_mutexattr_t){ .is_initialized = 1, .recursive = PTHREAD_MUTEX_DEFAULT };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *a)
{
	a->is_initialized = 0;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *a, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_DEFAULT)
		return EINVAL;
	a->recursive = type;   /* the type (include/pthread.h) */
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *a, int *type)
{
	*type = a->recursive;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *a)
{
	int id = bh_mutex_create(a && a->recursive == PTHREAD_MUTEX_RECURSIVE);
	if (id < 0)
		return EAGAIN;
	*m = (pthread_mutex_t)id;
	return 0;
}

/* The scheduler's mutex behind *m, created on first use for PTHREAD_MUTEX_INITIALIZER (no other
 * thread can run between the test and the store: threads are cooperative). */
static int mutex_id(pthread_mutex_t *m)
{
	if (*m == UNSET && pthread_mutex_init(m, 0) != 0)
		return -1;
	return (int)*m;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	if (*m == UNSET)
		return 0;
	int rc = bh_mutex_destroy((int)*m);
	if (rc == 0)
		*m = UNSET;
	return err(rc);
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return err(bh_mutex_lock(mutex_id(m), BH_FOREVER));
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
	int id = mutex_id(m);
	int rc = bh_mutex_trylock(id);
	if (rc != BH_EBUSY)
		return err(rc);
	uint64_t ticks;
	if ((rc = ticks_until(abstime, &ticks)) != 0)
		return rc;
	return err(bh_mutex_lock(id, ticks));
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	return err(bh_mutex_trylock(mutex_id(m)));
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	return err(bh_mutex_unlock(mutex_id(m)));
}

/* Condition variables. */

int pthread_condattr_init(pthread_condattr_t *a)
{
	*a = (pthread_condattr_t){ .is_initialized = 1 };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *a)
{
	a->is_initialized = 0;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a)
{
	(void)a;
	int id = bh_cond_create();
	if (id < 0)
		return EAGAIN;
	*c = (pthread_cond_t)id;
	return 0;
}

static int cond_id(pthread_cond_t *c)
{
	if (*c == UNSET && pthread_cond_init(c, 0) != 0)
		return -1;
	return (int)*c;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	if (*c == UNSET)
		return 0;
	int rc = bh_cond_destroy((int)*c);
	if (rc == 0)
		*c = UNSET;
	return err(rc);
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return err(bh_cond_wait(cond_id(c), mutex_id(m), BH_FOREVER));
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
	uint64_t ticks;
	int rc = ticks_until(abstime, &ticks);
	if (rc != 0)
		return rc;
	return err(bh_cond_wait(cond_id(c), mutex_id(m), ticks));
}

int pthread_cond_signal(pthread_cond_t *c)
{
	return err(bh_cond_signal(cond_id(c)));
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	return err(bh_cond_broadcast(cond_id(c)));
}

/* Once. */

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	/* init_executed: 0 not run, 2 running (fn blocked: the others wait for it), 1 done. */
	while (once->init_executed == 2)
		bh_thread_yield();
	if (once->init_executed == 0) {
		once->init_executed = 2;
		fn();
		once->init_executed = 1;
	}
	return 0;
}

/* Thread-specific data. */

int pthread_key_create(pthread_key_t *key, void (*dtor)(void *))
{
	for (int k = 0; k < KEYS; k++) {
		if (keys[k].used)
			continue;
		keys[k] = (struct key){ .used = 1, .dtor = dtor };
		for (int t = 0; t < THREADS; t++)
			records[t].values[k] = 0;
		*key = (pthread_key_t)k;
		return 0;
	}
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= KEYS || !keys[key].used)
		return EINVAL;
	keys[key].used = 0;
	return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
	if (key >= KEYS || !keys[key].used)
		return 0;
	return (void *)records[bh_thread_self()].values[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= KEYS || !keys[key].used)
		return EINVAL;
	records[bh_thread_self()].values[key] = value;
	return 0;
}

/* Semaphores (<semaphore.h>, this library's). */

int sem_init(sem_t *s, int pshared, unsigned value)
{
	(void)pshared;
	int id = bh_sem_create(value);
	if (id < 0) {
		errno = ENOSPC;
		return -1;
	}
	s->id = id;
	return 0;
}

static int sem_rc(int rc)
{
	if (rc == 0)
		return 0;
	errno = err(rc);
	return -1;
}

int sem_destroy(sem_t *s)
{
	return sem_rc(bh_sem_destroy(s->id));
}

int sem_wait(sem_t *s)
{
	return sem_rc(bh_sem_wait(s->id, BH_FOREVER));
}

int sem_trywait(sem_t *s)
{
	return sem_rc(bh_sem_wait(s->id, 0));
}

int sem_timedwait(sem_t *s, const struct timespec *abstime)
{
	if (bh_sem_value(s->id) > 0)
		return sem_rc(bh_sem_wait(s->id, BH_FOREVER));
	uint64_t ticks;
	int rc = ticks_until(abstime, &ticks);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return sem_rc(bh_sem_wait(s->id, ticks ? ticks : 1));
}

int sem_post(sem_t *s)
{
	return sem_rc(bh_sem_post(s->id));
}

int sem_getvalue(sem_t *s, int *value)
{
	int v = bh_sem_value(s->id);
	if (v < 0)
		return sem_rc(v);
	*value = v;
	return 0;
}

/* Sleeps. */

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	if (!req || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L || req->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	bh_thread_sleep(ns_ticks((uint64_t)req->tv_sec * 1000000000ull + (uint64_t)req->tv_nsec));
	if (rem)
		*rem = (struct timespec){ 0, 0 };
	return 0;
}

int usleep(useconds_t us)
{
	bh_thread_sleep(ns_ticks((uint64_t)us * 1000ull));
	return 0;
}

unsigned sleep(unsigned s)
{
	bh_thread_sleep(ns_ticks((uint64_t)s * 1000000000ull));
	return 0;
}
