/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread bodies in a compartment of their own.  Each thread keeps a local, hands its address to
 * app_note's compartment (so with private stacks it lives on this thread's data shadow stack) and
 * yields in the middle of the crossing: the other threads run this same code on their own stacks,
 * so a mixed-up stack, slot or shadow shows as a wrong total.
 */
#include <bulkhead/console.h>
#include "bhthread.h"
#include "threads.h"

static unsigned calls;   /* this compartment's own state */

uint64_t worker_mix(uint64_t *acc, int id, int round)
{
	calls++;
	uint64_t before = *acc;
	bh_thread_yield();                      /* another thread runs here, on its own stacks */
	*acc = before * 31 + (uint64_t)(id * 100 + round);
	app_note(id, round, acc);               /* the local, by address: a call back into the app */
	return *acc;
}

void worker_run(void *arg)
{
	int id = (int)(long)arg;
	uint64_t acc = (uint64_t)id;            /* shared by address: on this thread's DSS */
	for (int round = 0; round < 3; round++)
		worker_mix(&acc, id, round);
	bh_printf("threads: worker %d done, acc %lu, thread %d\n", id, (unsigned long)acc, bh_thread_self());
}

unsigned worker_calls(void) { return calls; }
