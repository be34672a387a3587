/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads that hand stack data to each other (tests/test_handoff.py), in three steps:
 *  1. main hands a struct on its stack to three workers (pthread_create's argument); they lock the
 *     mutex in it, add to its total and read its word while main waits in pthread_join;
 *  2. a worker waits on a condition variable and mutex on its own stack, which main signals through
 *     a pointer the worker handed back;
 *  3. a worker asks the keeper for the word main's stack holds (keeper_remember ran in main's thread).
 * Steps 1 and 2 touch a switched-out thread's stack from the same compartment and from the pthread
 * layer and scheduler; step 3 from another compartment (the keeper).  Every line is decided by the
 * synchronisation, not by scheduling order.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include "handoff.h"

#define WORKERS 3
#define ROUNDS 40

struct job {
	pthread_mutex_t lock;
	long total;
	char word[16];
	unsigned seen;          /* how often a worker read the word intact */
};

static void *add(void *arg)
{
	struct job *j = arg;    /* main's stack: main's thread is switched out while this runs */
	for (int i = 1; i <= ROUNDS; i++) {
		pthread_mutex_lock(&j->lock);
		j->total += i;
		if (strcmp(j->word, "handed") == 0)
			j->seen++;
		pthread_mutex_unlock(&j->lock);
		if (i % 10 == 0)
			sched_yield();
	}
	return NULL;
}

struct mailbox {            /* on the waiting worker's stack */
	pthread_mutex_t lock;
	pthread_cond_t ready;
	int value;
};

static struct mailbox *volatile posted;   /* where the waiting worker's mailbox is */

static void *wait_for_value(void *arg)
{
	(void)arg;
	struct mailbox box = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0 };
	pthread_mutex_lock(&box.lock);
	posted = &box;
	while (box.value == 0)
		pthread_cond_wait(&box.ready, &box.lock);
	int v = box.value;
	pthread_mutex_unlock(&box.lock);
	return (void *)(long)v;
}

static void *ask_keeper(void *arg)
{
	(void)arg;
	return (void *)(unsigned long)keeper_recall();
}

int main(void)
{
	struct job j = { PTHREAD_MUTEX_INITIALIZER, 0, "handed", 0 };
	pthread_t t[WORKERS];
	for (int i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, add, &j);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	printf("handoff: 1 total %ld (expected %d), word read intact %u of %d\n", j.total,
	       WORKERS * ROUNDS * (ROUNDS + 1) / 2, j.seen, WORKERS * ROUNDS);

	pthread_t w;
	pthread_create(&w, NULL, wait_for_value, NULL);
	while (!posted)
		sched_yield();
	struct mailbox *box = posted;     /* the worker's stack, the worker switched out */
	pthread_mutex_lock(&box->lock);
	box->value = 42;
	pthread_cond_signal(&box->ready);
	pthread_mutex_unlock(&box->lock);
	void *got;
	pthread_join(w, &got);
	printf("handoff: 2 value %ld through the worker's own stack\n", (long)got);

	keeper_remember(j.word);
	pthread_t k;
	pthread_create(&k, NULL, ask_keeper, NULL);
	pthread_join(k, &got);
	printf("handoff: 3 the keeper read the word: checksum %lu\n", (unsigned long)got);
	return 0;
}
