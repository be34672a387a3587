/* SPDX-License-Identifier: BSD-3-Clause */
/* Constants shared by the mpk backend's C (mpk.c) and assembly (domains.S). */
#ifndef BULKHEAD_MPK_ASM_H
#define BULKHEAD_MPK_ASM_H

/* Traps nested deeper than this (a trap, a fault while reporting it, the audit's single step, ticks
 * nested in a handler) are a gate violation: bh_mpk_trap_saved has one word per depth. */
#define BH_MPK_TRAP_NEST 16

#endif
