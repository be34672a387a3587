/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * time: the clock (component `time`), from the TSC.  The TSC frequency comes from CPUID leaf 0x15 or
 * 0x16 when the CPU reports it; otherwise 1 GHz is assumed, which is exact under QEMU's
 * `-icount shift=0` (one tick per instruction, one instruction per virtual nanosecond).  The
 * wall-clock base is TIME_EPOCH_S (no RTC is read): gettimeofday() = epoch + time since boot.
 */
#ifndef BULKHEAD_TIME_H
#define BULKHEAD_TIME_H

#include <stdint.h>

#define TIME_EPOCH_S 1735689600ull   /* 2025-01-01T00:00:00Z */

uint64_t time_monotonic_ns(void);   /* since the first call of any time_* function */
uint64_t time_realtime_ns(void);    /* since 1970 */
uint64_t time_tsc_hz(void);

#endif
