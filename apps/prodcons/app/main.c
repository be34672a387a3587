/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Producers and consumers across compartments (apps/prodcons): the threads' code is here, the queue
 * they share in another compartment, the scheduler in a third.  The consumers wait on a condition
 * variable with a timeout while the producers have not started yet (they sleep first), so the
 * timed waits expire; then the queue fills and drains, the producers block on a full queue.  Every
 * line printed is decided by the synchronisation, so every backend prints what none prints.
 *
 * Then the idle part: every thread sleeps (main too) and the kernel halts the CPU until its timer
 * wakes one; tests/test_prodcons.py runs it under -icount and checks that the guest's instructions
 * stay flat while the virtual clock moves on.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <bulkhead/wake.h>
#include <bhtime.h>
#include "prodcons.h"

#define PRODUCERS 2
#define CONSUMERS 2
#define ITEMS 100   /* per producer */
#define IDLE_MS 2000

static long got_sum[CONSUMERS], got_n[CONSUMERS], timed_out[CONSUMERS];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static void *producer(void *arg)
{
	long id = (long)arg;
	sleep_ms(200);   /* the consumers' first waits time out meanwhile (20 ms each) */
	for (long i = 1; i <= ITEMS; i++) {
		queue_put(id * 1000 + i);
		if (i % 25 == 0)
			sleep_ms(5);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long me = (long)arg;
	for (;;) {
		long v = queue_get(20);
		if (v == QUEUE_CLOSED)
			return NULL;
		if (v == QUEUE_TIMEDOUT) {
			timed_out[me]++;
			continue;
		}
		got_sum[me] += v;
		got_n[me]++;
	}
}

static void *idle_sleeper(void *arg)
{
	sleep_ms((long)arg);
	return NULL;
}

/* With the boot file /prodcons/deadlock (./bulkhead run --file X:/prodcons/deadlock): main holds a
 * mutex a thread waits for, then joins that thread.  Neither has a timeout, so nothing can wake
 * either: the scheduler reports the deadlock and stops (tests/test_prodcons.py). */
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *wants_held(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&held);
	return NULL;
}

static void deadlock_if_asked(void)
{
	FILE *f = fopen("/prodcons/deadlock", "r");
	if (!f)
		return;
	fclose(f);
	printf("prodcons: deadlock on purpose\n");
	fflush(stdout);
	pthread_t t;
	pthread_mutex_lock(&held);
	pthread_create(&t, NULL, wants_held, NULL);
	pthread_join(t, NULL);
}

int main(void)
{
	deadlock_if_asked();
	pthread_t c[CONSUMERS], p[PRODUCERS];
	for (long i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, (void *)i);
	for (long i = 0; i < PRODUCERS; i++)
		pthread_create(&p[i], NULL, producer, (void *)(i + 1));
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(p[i], NULL);
	queue_close();
	long n = 0, sum = 0;
	int all_timed_out = 1;
	for (int i = 0; i < CONSUMERS; i++) {
		pthread_join(c[i], NULL);
		n += got_n[i];
		sum += got_sum[i];
		all_timed_out &= timed_out[i] > 0;
	}
	printf("prodcons: consumed %ld items, sum %ld\n", n, sum);
	printf("prodcons: every consumer's timed wait expired before the producers began: %d\n", all_timed_out);
	printf("prodcons: timeouts counted by the queue match the consumers': %d\n",
	       queue_timeouts() == (unsigned long)(timed_out[0] + timed_out[1]));

	/* Idle: two threads and main sleep, nothing is ready; the kernel halts until its timer. */
	pthread_t s[2];
	pthread_create(&s[0], NULL, idle_sleeper, (void *)(long)(IDLE_MS / 2));
	pthread_create(&s[1], NULL, idle_sleeper, (void *)(long)IDLE_MS);
	uint64_t halts0 = bh_idle_halts(), t0 = time_monotonic_ns();
	sleep_ms(IDLE_MS);
	uint64_t halts = bh_idle_halts() - halts0, ms = (time_monotonic_ns() - t0) / 1000000;
	pthread_join(s[0], NULL);
	pthread_join(s[1], NULL);
	printf("prodcons: idle %d ms with every thread asleep: the CPU halted %d\n", IDLE_MS, halts > 0 && ms >= IDLE_MS);
	fflush(stdout);
	/* For the -icount test (not compared across backends): what the idle part cost. */
	printf("prodcons-idle: halts %lu, virtual ms %lu\n", (unsigned long)halts, (unsigned long)ms);
	fflush(stdout);
	return 0;
}
