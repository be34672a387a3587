/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread bodies in a compartment of their own.  Each thread keeps a local, hands its address to
 * app_note's compartment (so with private stacks it lives on this thread's data shadow stack) and
 * yields in the middle of the crossing: the other threads run this same code on their own stacks,
 * so a mixed-up stack, slot or shadow shows as a wrong total.
 */
#include <bulkhead/console.h>
#include <bulkhead/cpu.h>
#include <bulkhead/image.h>
#include <bulkhead/string.h>
#include "bhthread.h"
#include "threads.h"

static unsigned calls;   /* this compartment's own state */

/*
 * Under mpk, PKRU is context state: each thread must find this compartment's domain when it starts
 * here (through the gate from the scheduler's start()) and after every switch back to it.  Counted
 * where the backend has domains; 0 elsewhere.
 */
static uint32_t domain;
static unsigned domain_changes;

static void check_domain(void)
{
	if (strcmp(__bh_image.backend, "mpk") != 0)
		return;
	uint32_t pkru = bh_rdpkru();
	if (!domain)
		domain = pkru;
	domain_changes += pkru != domain;
}

uint64_t worker_mix(uint64_t *acc, int id, int round)
{
	calls++;
	uint64_t before = *acc;
	bh_thread_yield();                      /* another thread runs here, on its own stacks */
	check_domain();                         /* after a context switch back to this thread */
	*acc = before * 31 + (uint64_t)(id * 100 + round);
	app_note(id, round, acc);               /* the local, by address: a call back into the app */
	return *acc;
}

void worker_run(void *arg)
{
	int id = (int)(long)arg;
	check_domain();                         /* at thread start */
	uint64_t acc = (uint64_t)id;            /* shared by address: on this thread's DSS */
	for (int round = 0; round < 3; round++)
		worker_mix(&acc, id, round);
	bh_printf("threads: worker %d done, acc %lu, thread %d\n", id, (unsigned long)acc, bh_thread_self());
}

unsigned worker_calls(void) { return calls; }

unsigned worker_domain_changes(void) { return domain_changes; }
