/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * newlib's <time.h> plus the POSIX clocks and sleeps bulkhead provides, which newlib declares only for
 * targets that set _POSIX_TIMERS / _POSIX_MONOTONIC_CLOCK (RTEMS and the like, not bare x86_64-elf):
 * clock_gettime with CLOCK_REALTIME and CLOCK_MONOTONIC (syscalls.c, over libs/time), and nanosleep
 * (libs/pthread: a sleep blocks the calling thread in the scheduler; link libs/pthread to use it).
 */
#ifndef BULKHEAD_LIBC_TIME_H
#define BULKHEAD_LIBC_TIME_H

#include_next <time.h>

#if __POSIX_VISIBLE
#ifndef _POSIX_TIMERS
int clock_gettime(clockid_t clock_id, struct timespec *tp);
int nanosleep(const struct timespec *rqtp, struct timespec *rmtp);
#endif
#ifndef CLOCK_MONOTONIC
#define CLOCK_MONOTONIC ((clockid_t)4)   /* newlib's value */
#endif
#endif

#endif
