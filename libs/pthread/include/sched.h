/* SPDX-License-Identifier: BSD-3-Clause */
/* newlib's <sched.h> plus sched_yield, which it declares only for targets with _POSIX_THREADS
 * (libs/pthread provides it: the next ready thread runs). */
#ifndef BULKHEAD_SCHED_H
#define BULKHEAD_SCHED_H

#include_next <sched.h>

#if !defined(_POSIX_THREADS) && !defined(_POSIX_PRIORITY_SCHEDULING)
int sched_yield(void);
#endif

#endif
