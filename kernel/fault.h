/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the fatal trap reports (fault.c).  Each prints and exits. */
#ifndef BH_FAULT_H
#define BH_FAULT_H

#include <stdint.h>
#include "arch/x86_64/x86.h"

/* Page fault at addr (CR2): BH_EXIT_ISOLATION_FAULT (a key, another machine's memory) or BH_EXIT_STRAY_ACCESS. */
__attribute__((noreturn)) void bh_fault_page(const struct bh_trap_frame *f, uintptr_t addr, uint64_t domain);

/* Any other exception: BH_EXIT_EXCEPTION. */
/* A SYSCALL that no service answers (kernel/service.c: no such service, a caller not allowed it, a
 * bad pointer, or SYSCALL in ring 0): a gate violation naming why, the service number and the
 * caller; BH_EXIT_GATE_VIOLATION. */
__attribute__((noreturn)) void bh_fault_syscall(const struct bh_trap_frame *f, uint64_t domain, const char *why);


__attribute__((noreturn)) void bh_fault_exception(const struct bh_trap_frame *f, uint64_t domain);

#endif
