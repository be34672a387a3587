/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A bounded queue shared by producers and consumers (apps/prodcons), in a compartment of its own:
 * a mutex and two condition variables (pthreads), the consumers' waits timed.  The threads that call
 * in come from the app's compartment and block here, inside the crossing, while the scheduler (in
 * its own compartment) runs the others.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "prodcons.h"

#define SLOTS 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER, nonfull = PTHREAD_COND_INITIALIZER;
static long items[SLOTS];
static int head, len, closed;
static unsigned long waits, timeouts;

void queue_put(long v)
{
	pthread_mutex_lock(&lock);
	while (len == SLOTS)
		pthread_cond_wait(&nonfull, &lock);
	items[(head + len++) % SLOTS] = v;
	pthread_cond_signal(&nonempty);
	pthread_mutex_unlock(&lock);
}

long queue_get(long timeout_ms)
{
	struct timespec dl;
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += timeout_ms / 1000;
	dl.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&lock);
	while (len == 0 && !closed) {
		waits++;
		if (pthread_cond_timedwait(&nonempty, &lock, &dl) == ETIMEDOUT && len == 0 && !closed) {
			timeouts++;
			pthread_mutex_unlock(&lock);
			return QUEUE_TIMEDOUT;
		}
	}
	long v = QUEUE_CLOSED;
	if (len > 0) {
		v = items[head];
		head = (head + 1) % SLOTS;
		len--;
		pthread_cond_signal(&nonfull);
	}
	pthread_mutex_unlock(&lock);
	return v;
}

void queue_close(void)
{
	pthread_mutex_lock(&lock);
	closed = 1;
	pthread_cond_broadcast(&nonempty);
	pthread_mutex_unlock(&lock);
}

unsigned long queue_waits(void)
{
	return waits;
}

unsigned long queue_timeouts(void)
{
	return timeouts;
}
