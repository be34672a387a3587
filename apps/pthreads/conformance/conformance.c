/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX threads conformance (apps/pthreads): one program with a section per feature, plain POSIX C.
 * tests/test_pthreads.py compiles this very file for the host (gcc -pthread) and runs it on Linux,
 * then compares its output with the guest's, line by line.  Every line is decided by the program's
 * synchronisation, not by timing or scheduling order, so both must print the same; a scheduler that
 * blocks wrongly, wakes the wrong thread, loses a wake-up or misses a timeout prints something else.
 */
#define _POSIX_C_SOURCE 200809L   /* the POSIX declarations, on Linux and newlib alike */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define P(...) printf("pthreads: " __VA_ARGS__)

static const char *ename(int e)
{
	switch (e) {
	case 0: return "0";
	case EBUSY: return "EBUSY";
	case EDEADLK: return "EDEADLK";
	case EPERM: return "EPERM";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EINVAL: return "EINVAL";
	case EAGAIN: return "EAGAIN";
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	default: return "other";
	}
}

static struct timespec in_ms(long ms)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000L;
	if (t.tv_nsec >= 1000000000L) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000L;
	} else if (t.tv_nsec < 0) {
		/* a past deadline (ms < 0) read in the first |ms| ms of a second: a negative tv_nsec is an
		 * invalid timespec (EINVAL, on Linux too), not the past deadline the caller meant */
		t.tv_sec--;
		t.tv_nsec += 1000000000L;
	}
	return t;
}

static long since_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000L + (t.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* create / join / exit / self */

static void *square(void *arg)
{
	long n = (long)arg;
	if (n == 3)
		pthread_exit((void *)(n * n + 1000));   /* the value join sees, not the return below */
	return (void *)(n * n);
}

static void section_create(void)
{
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, square, (void *)i) != 0)
			P("create failed\n");
	long sum = 0;
	for (int i = 0; i < 4; i++) {
		void *ret;
		int rc = pthread_join(t[i], &ret);
		P("join %d: %s, returned %ld\n", i, ename(rc), (long)ret);
		sum += (long)ret;
	}
	P("create: sum %ld; self equal %d; joined thread differs %d\n", sum,
	  pthread_equal(pthread_self(), pthread_self()), !pthread_equal(pthread_self(), t[0]));
	P("join self: %s\n", ename(pthread_join(pthread_self(), NULL)));
}

/* detach */

static pthread_mutex_t dlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t dcond = PTHREAD_COND_INITIALIZER;
static int detached_done;

static void *detached(void *arg)
{
	pthread_mutex_lock(&dlock);
	detached_done += (int)(long)arg;
	pthread_cond_signal(&dcond);
	pthread_mutex_unlock(&dlock);
	return NULL;
}

static void section_detach(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	int st;
	pthread_attr_getdetachstate(&a, &st);
	P("detach: attribute detached %d\n", st == PTHREAD_CREATE_DETACHED);
	pthread_t t1, t2;
	pthread_create(&t1, &a, detached, (void *)1L);
	pthread_create(&t2, NULL, detached, (void *)10L);
	P("detach: pthread_detach %s\n", ename(pthread_detach(t2)));
	pthread_attr_destroy(&a);
	pthread_mutex_lock(&dlock);
	while (detached_done != 11)
		pthread_cond_wait(&dcond, &dlock);
	pthread_mutex_unlock(&dlock);
	P("detach: both ran (%d)\n", detached_done);
	/* the detached threads' slots are free again: many more threads than slots can be made */
	for (int round = 0; round < 20; round++) {
		pthread_t t;
		pthread_create(&t, NULL, square, (void *)2L);
		void *r;
		pthread_join(t, &r);
		if ((long)r != 4)
			P("detach: round %d returned %ld\n", round, (long)r);
	}
	P("detach: 20 more threads made and joined\n");
}

/* mutex */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add(void *arg)
{
	(void)arg;
	for (int i = 0; i < 500; i++) {
		pthread_mutex_lock(&counter_lock);
		long v = counter;
		sched_yield();                  /* others run and must wait for the lock */
		counter = v + 1;
		pthread_mutex_unlock(&counter_lock);
	}
	return NULL;
}

static pthread_mutex_t held;

static void *try_held(void *arg)
{
	(void)arg;
	P("mutex: trylock of a held mutex: %s\n", ename(pthread_mutex_trylock(&held)));
	/* t0 first: the wait is measured from before the deadline is computed, so time that passes
	 * between the two clock reads (a busy host, a gate) cannot make a correct wait look short */
	struct timespec t0, dl;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	dl = in_ms(50);
	int rc = pthread_mutex_timedlock(&held, &dl);
	P("mutex: timedlock of a held mutex: %s after at least 50 ms %d\n", ename(rc), since_ms(&t0) >= 49);
	P("mutex: unlock by a non-owner (errorcheck): %s\n", ename(pthread_mutex_unlock(&held)));
	return NULL;
}

static void section_mutex(void)
{
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, add, NULL);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	P("mutex: counter %ld (4 x 500)\n", counter);

	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&held, &a);
	pthread_mutex_lock(&held);
	P("mutex: relock (errorcheck): %s\n", ename(pthread_mutex_lock(&held)));
	pthread_t o;
	pthread_create(&o, NULL, try_held, NULL);
	pthread_join(o, NULL);
	int destroy_held = pthread_mutex_destroy(&held);
	int unlocked = pthread_mutex_unlock(&held);
	P("mutex: destroy while held: %s; unlock: %s; destroy: %s\n", ename(destroy_held), ename(unlocked),
	  ename(pthread_mutex_destroy(&held)));

	pthread_mutex_t r;
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	int type;
	pthread_mutexattr_gettype(&a, &type);
	pthread_mutex_init(&r, &a);
	int l1 = pthread_mutex_lock(&r), l2 = pthread_mutex_lock(&r), l3 = pthread_mutex_trylock(&r);
	int u1 = pthread_mutex_unlock(&r), u2 = pthread_mutex_unlock(&r), u3 = pthread_mutex_unlock(&r);
	int u4 = pthread_mutex_unlock(&r);
	P("mutex: recursive %d: lock %s %s %s, unlock %s %s %s, one too many %s\n", type == PTHREAD_MUTEX_RECURSIVE,
	  ename(l1), ename(l2), ename(l3), ename(u1), ename(u2), ename(u3), ename(u4));
	pthread_mutex_destroy(&r);
	pthread_mutexattr_destroy(&a);
}

/* condition variables: a bounded buffer, 2 producers and 3 consumers */

#define SLOTS 4
#define ITEMS 60
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static int queue[SLOTS], qhead, qlen, produced_all;
static long consumed_sum[3];
static int consumed_n[3];

static void *producer(void *arg)
{
	int base = (int)(long)arg;
	for (int i = 1; i <= ITEMS / 2; i++) {
		pthread_mutex_lock(&qlock);
		while (qlen == SLOTS)
			pthread_cond_wait(&not_full, &qlock);
		queue[(qhead + qlen++) % SLOTS] = base + i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&qlock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int me = (int)(long)arg;
	for (;;) {
		pthread_mutex_lock(&qlock);
		while (qlen == 0 && !produced_all)
			pthread_cond_wait(&not_empty, &qlock);
		if (qlen == 0) {
			pthread_mutex_unlock(&qlock);
			return NULL;
		}
		int v = queue[qhead];
		qhead = (qhead + 1) % SLOTS;
		qlen--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&qlock);
		consumed_sum[me] += v;
		consumed_n[me]++;
	}
}

static void section_cond(void)
{
	pthread_t p[2], c[3];
	for (long i = 0; i < 3; i++)
		pthread_create(&c[i], NULL, consumer, (void *)i);
	for (long i = 0; i < 2; i++)
		pthread_create(&p[i], NULL, producer, (void *)(i * 1000));
	for (int i = 0; i < 2; i++)
		pthread_join(p[i], NULL);
	pthread_mutex_lock(&qlock);
	produced_all = 1;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&qlock);
	long sum = 0;
	int n = 0;
	for (int i = 0; i < 3; i++) {
		pthread_join(c[i], NULL);
		sum += consumed_sum[i];
		n += consumed_n[i];
	}
	P("cond: consumed %d items, sum %ld\n", n, sum);

	/* a timed wait nobody signals ends with ETIMEDOUT, holding the mutex again */
	pthread_mutex_lock(&qlock);
	/* t0 first: the wait is measured from before the deadline is computed, so time that passes
	 * between the two clock reads (a busy host, a gate) cannot make a correct wait look short */
	struct timespec t0, dl;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	dl = in_ms(80);
	int rc = pthread_cond_timedwait(&not_empty, &qlock, &dl);
	long waited = since_ms(&t0);
	int relock = pthread_mutex_trylock(&qlock);   /* held again by this thread: busy */
	P("cond: timedwait: %s after at least 80 ms %d; the mutex held again: trylock %s\n", ename(rc),
	  waited >= 79, ename(relock));
	pthread_mutex_unlock(&qlock);
	dl = in_ms(-10);
	pthread_mutex_lock(&qlock);
	P("cond: timedwait with a past deadline: %s\n", ename(pthread_cond_timedwait(&not_empty, &qlock, &dl)));
	pthread_mutex_unlock(&qlock);
}

/* a timed wait that is signalled in time */

static pthread_mutex_t slock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t scond = PTHREAD_COND_INITIALIZER;
static int signalled;

static void *signal_later(void *arg)
{
	(void)arg;
	struct timespec ts = { 0, 20000000L };
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&slock);
	signalled = 1;
	pthread_cond_signal(&scond);
	pthread_mutex_unlock(&slock);
	return NULL;
}

static void section_timed_signal(void)
{
	pthread_t t;
	pthread_mutex_lock(&slock);
	pthread_create(&t, NULL, signal_later, NULL);
	struct timespec dl = in_ms(5000);
	int rc = 0;
	while (!signalled && rc == 0)
		rc = pthread_cond_timedwait(&scond, &slock, &dl);
	P("cond: timedwait signalled in time: %s, signalled %d\n", ename(rc), signalled);
	pthread_mutex_unlock(&slock);
	pthread_join(t, NULL);
}

/* once */

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void init_once(void)
{
	once_runs++;
	sched_yield();   /* the others arrive while it runs: they must wait, not run it again */
}

static void *call_once(void *arg)
{
	(void)arg;
	pthread_once(&once, init_once);
	return (void *)(long)once_runs;
}

static void section_once(void)
{
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, call_once, NULL);
	long seen = 0;
	for (int i = 0; i < 3; i++) {
		void *r;
		pthread_join(t[i], &r);
		seen += (long)r;
	}
	pthread_once(&once, init_once);
	P("once: ran %d time(s); every caller saw it done %d\n", once_runs, seen == 3);
}

/* keys */

static pthread_key_t key;
static int destroyed[8];

static void destroy(void *v)
{
	destroyed[*(int *)v]++;
}

static void *use_key(void *arg)
{
	static int ids[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	int me = (int)(long)arg;
	if (pthread_getspecific(key) != NULL)
		P("keys: thread %d starts with a value\n", me);
	if (me != 3)
		pthread_setspecific(key, &ids[me]);
	sched_yield();   /* the others set theirs meanwhile */
	int *v = pthread_getspecific(key);
	return (void *)(long)(v ? *v : -1);
}

static void section_keys(void)
{
	P("keys: create %s\n", ename(pthread_key_create(&key, destroy)));
	pthread_t t[5];
	for (long i = 0; i < 5; i++)
		pthread_create(&t[i], NULL, use_key, (void *)i);
	for (int i = 0; i < 5; i++) {
		void *r;
		pthread_join(t[i], &r);
		P("keys: thread %d saw %ld; destructor ran %d\n", i, (long)r, destroyed[i]);
	}
	P("keys: main's value %s\n", pthread_getspecific(key) ? "set" : "none");
	P("keys: delete %s\n", ename(pthread_key_delete(key)));
}

/* attributes: a stack size the platform allows, used */

static void *deep(void *arg)
{
	volatile char buf[16384];
	memset((char *)buf, (int)(long)arg, sizeof buf);
	long s = 0;
	for (size_t i = 0; i < sizeof buf; i += 512)
		s += buf[i];
	return (void *)s;
}

static void section_attr(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	size_t sz = 0;
	int rc = pthread_attr_setstacksize(&a, 32768);
	pthread_attr_getstacksize(&a, &sz);
	P("attr: setstacksize 32768: %s, get %zu\n", ename(rc), sz);
	P("attr: setstacksize 1: %s\n", ename(pthread_attr_setstacksize(&a, 1)));
	pthread_t t;
	pthread_create(&t, &a, deep, (void *)3L);
	void *r;
	pthread_join(t, &r);
	P("attr: thread with a 32 KiB stack used 16 KiB: %ld\n", (long)r);
	pthread_attr_destroy(&a);
}

/* sleeps end in the order of their deadlines */

static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;
static char order[8];
static int norder;

static void *sleeper(void *arg)
{
	long ms = (long)arg;
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&order_lock);
	order[norder++] = (char)('a' + ms / 150);
	pthread_mutex_unlock(&order_lock);
	return NULL;
}

static void section_sleep(void)
{
	long ms[3] = { 450, 150, 300 };   /* apart enough for backend vm's slowest start-up */
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, sleeper, (void *)ms[i]);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	P("sleep: woke in the order %s\n", order);
}

/* errno is per thread: each thread sets it, blocks in a sleep while the other sets its own, and still
 * sees its own afterwards; a semaphore's timed wait sets it after blocking */

static sem_t never;

static void *errno_a(void *arg)
{
	(void)arg;
	int fd = open("/no/such/file", O_RDONLY);
	struct timespec ts = { 0, 30000000L };
	nanosleep(&ts, NULL);                       /* errno_b sets EBADF meanwhile */
	return (void *)(long)(fd == -1 ? errno : 0);
}

static void *errno_b(void *arg)
{
	(void)arg;
	int rc = close(1000);
	struct timespec ts = { 0, 60000000L };
	nanosleep(&ts, NULL);
	long mine = rc == -1 ? errno : 0;
	struct timespec dl = in_ms(20);
	int timed = sem_timedwait(&never, &dl);     /* blocks, then sets ETIMEDOUT: this thread's errno */
	return (void *)(mine * 1000 + (timed == -1 ? errno : 0));
}

static void section_errno(void)
{
	sem_init(&never, 0, 0);
	errno = 0;
	pthread_t a, b;
	pthread_create(&a, NULL, errno_a, NULL);
	pthread_create(&b, NULL, errno_b, NULL);
	void *ra, *rb;
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	P("errno: thread a %s after its sleep; thread b %s after its sleep, %s after a timed wait; main %s\n",
	  ename((int)(long)ra), ename((int)((long)rb / 1000)), ename((int)((long)rb % 1000)), ename(errno));
	int tried = sem_trywait(&never), e = errno;
	P("errno: sem_trywait on zero %d %s\n", tried, ename(e));
	sem_post(&never);
	int before = -1, after = -1;
	sem_getvalue(&never, &before);
	tried = sem_trywait(&never);
	sem_getvalue(&never, &after);
	P("errno: semaphore posted once: value %d, trywait %d, value then %d\n", before, tried, after);
	sem_destroy(&never);
}

int main(void)
{
	section_create();
	section_detach();
	section_mutex();
	section_cond();
	section_timed_signal();
	section_once();
	section_keys();
	section_attr();
	section_sleep();
	section_errno();
	P("done\n");
	fflush(stdout);
	return 0;
}
