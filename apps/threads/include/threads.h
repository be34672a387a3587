/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef THREADS_H
#define THREADS_H
#include <stdint.h>

/* worker: runs in its own compartment, called from every thread. */
void worker_run(void *arg);               /* a thread function living in the worker's compartment */
uint64_t worker_mix(uint64_t *acc, int id, int round);   /* nested crossing that yields inside */
unsigned worker_calls(void);
unsigned worker_domain_changes(void);    /* mpk: calls that found another PKRU (thread start, after a yield) */

/* app: called back by the worker, from every thread */
void app_note(int id, int round, const uint64_t *v);   /* reads the thread's local */
#endif
