/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What every backend in gates/<name>/ implements (gates/README.md) and what the
 * kernel offers back to it.  Backends run in the kernel's compartment.
 */
#ifndef BULKHEAD_BACKEND_H
#define BULKHEAD_BACKEND_H

#include <stdint.h>
#include <bulkhead/image.h>

/* Called once by kmain after paging is on, before any compartment code runs.
 * Returns 0, or a guest exit status (66: no PKU) after printing why. */
int bh_backend_init(const struct bh_image *img);

/* Switches the current domain to compartment `compartment` (an index into img->compartments). */
void bh_backend_enter(uint32_t compartment);

/* Called by the trap entry (kernel/arch/x86_64/trap.S) with interrupts off and every
 * register saved: opens the trap domain, returns the interrupted domain's state (PKRU
 * for mpk, 0 for none).  The mpk version only accepts the call from the trap entry's
 * call site, bh_trap_enter_return. */
uint64_t bh_backend_trap_enter(void);
extern char bh_trap_enter_return[];

/* Reached by a jump from a gate whose PKRU check failed; never called from C. */
void __bh_gate_violation(void);

/* Offered by the kernel: prints the gate-violation report and exits with status 67.
 * `pkru` is the value found after the WRPKRU, `caller` the gate's return address
 * (the call site that entered the gate).  Call it with the trap domain open. */
__attribute__((noreturn)) void bh_gate_violation_report(uint32_t pkru, uintptr_t caller);

#endif
