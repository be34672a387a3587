/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The work clock: a count that advances only while the image executes the program, on whichever
 * CPU or machine.  Under -icount shift=0 it counts instructions, in every backend alike: with
 * none and mpk it is the one CPU's TSC; with vm (one machine per compartment) the sum over the
 * machines of each one's TSC less its time waiting for messages (gates/vm/vm.c), so that a
 * difference of two readings is the instructions the program needed in between, in every backend.
 * Benchmarks read it instead of rdtsc (apps/sqlite-bench).
 */
#ifndef BULKHEAD_WORKCLOCK_H
#define BULKHEAD_WORKCLOCK_H

#include <stdint.h>

uint64_t bh_work_clock(void);

#endif
