/* SPDX-License-Identifier: BSD-3-Clause */
/* Audit mode (kernel/audit.c): report protection-key violations and continue. */
#ifndef BH_AUDIT_H
#define BH_AUDIT_H

#include <stdint.h>
#include "arch/x86_64/x86.h"

/* Whether the image was built with policy audit = "on". */
int bh_audit_enabled(void);

/* A page fault: in audit mode, a protection-key violation is reported and recorded, the frame is
 * set to single-step the instruction with the page's key opened (*resume), and 1 is returned.
 * Returns 0 when the fault must be handled as usual (audit off, not a key violation). */
int bh_audit_fault(struct bh_trap_frame *f, uintptr_t addr, uint64_t domain, uint64_t *resume);

/* The #DB after the single step: closes the key again (*resume) and returns 1; else 0. */
int bh_audit_step(struct bh_trap_frame *f, uint64_t *resume);

/* Whether an audited instruction is being single-stepped (its page's key open). */
int bh_audit_stepping(void);

/* Prints every violation site seen (audit mode only).  Call before the image exits. */
void bh_audit_summary(void);

#endif
