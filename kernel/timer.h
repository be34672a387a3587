/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the timer's side of the trap path (timer.c). */
#ifndef BH_TIMER_INTERNAL_H
#define BH_TIMER_INTERNAL_H

#include <stdint.h>
#include "arch/x86_64/x86.h"

/* The timer's interrupt: counts it (where it landed, in which domain), EOI, returns 1; else 0. */
int bh_timer_interrupt(const struct bh_trap_frame *f, uint64_t domain);

/* The wake timer (wake.c): started while a timeout is armed, stopped by the tick that finds none. */
int bh_timer_wake_start(uint32_t hz);
void bh_timer_wake_stop(void);
/* wake.c: moves the expired timeouts into the woken set (from the timer's interrupt). */
void bh_wake_tick(void);

/* kernel/trap.c: traps being handled (2 or more: this tick nested in a handler). */
extern int bh_trap_depth;

#endif
