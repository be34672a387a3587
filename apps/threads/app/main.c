/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cooperative threads across compartments: main starts three threads whose function lives in the
 * worker's compartment; each yields in the middle of nested crossings (worker -> sched, worker ->
 * app).  Round robin makes the interleaving, and so the output, the same in every configuration.
 */
#include <bulkhead/console.h>
#include "bhthread.h"
#include "threads.h"

static uint64_t notes;   /* the app's own state, written by callbacks from every thread */

void app_note(int id, int round, const uint64_t *v)
{
	notes = notes * 7 + *v;
	bh_printf("threads: note from %d round %d (thread %d)\n", id, round, bh_thread_self());
}

int main(void)
{
	int ids[3];
	for (int i = 0; i < 3; i++)
		ids[i] = bh_thread_create(worker_run, (void *)(long)(i + 1));
	bh_printf("threads: created %d %d %d\n", ids[0], ids[1], ids[2]);
	for (int i = 0; i < 3; i++)
		bh_thread_join(ids[i]);
	int again = bh_thread_create(worker_run, (void *)4L);   /* a finished thread's slot is reused */
	bh_thread_join(again);
	bh_printf("threads: worker domain changes %u\n", worker_domain_changes());
	bh_printf("threads: joined all; slot reused %d; notes %lu; worker calls %u\n", again,
		  (unsigned long)notes, worker_calls());
	return 0;
}
