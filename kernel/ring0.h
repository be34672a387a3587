/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel-internal: the ring-0 halves of the kernel functions that need a privileged instruction.
 * In ring 0 the public function calls its half itself; in ring 3 (mpk) it asks for the matching
 * kernel service (include/bulkhead/service.h), and kernel/service.c calls the half here.
 */
#ifndef BH_RING0_H
#define BH_RING0_H

#include <stdint.h>
#include "arch/x86_64/x86.h"

int bh_wake_after_r0(uint32_t tid, uint64_t ticks);    /* wake.c */
void bh_wake_cancel_r0(uint32_t tid);
int bh_idle_r0(void);
int bh_timer_start_r0(uint32_t hz);                     /* timer.c */
void bh_timer_stop_r0(void);
void bh_fwcfg_r0(uint16_t sel, uint64_t skip, unsigned char *buf, uint64_t len);   /* bootfile.c */
int bh_dss_switch_r0(uint32_t next);                    /* dss.c */
uint64_t bh_pci_service_r0(uint64_t op, uint64_t a, uint64_t b, uint64_t c);   /* pci.c: BH_PCI_OP_* */

/* service.c: a SYSCALL (trap.S: vector BH_VECTOR_SYSCALL), with the caller's domain.  Serves it and
 * sets f->rax, or reports the caller and stops the image. */
void bh_service_call(struct bh_trap_frame *f, uint64_t domain);

/* arch/x86_64/paging.c: whether domain `pkru`, in ring 3, may write (or read) every byte of
 * [p, p + len): present user pages, writable if asked, with a key the domain opens. */
int bh_paging_user_access(uint64_t pkru, uintptr_t p, uint64_t len, int write);
/* Whether va is mapped as a supervisor page (the fault report's "the kernel's ring-0 memory"). */
int bh_paging_supervisor(uintptr_t va);

#endif
