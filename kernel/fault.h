/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the fatal trap reports (fault.c).  Each prints and exits. */
#ifndef BH_FAULT_H
#define BH_FAULT_H

#include <stdint.h>
#include "arch/x86_64/x86.h"

/* Page fault at addr (CR2): status 64. */
__attribute__((noreturn)) void bh_fault_page(const struct bh_trap_frame *f, uintptr_t addr, uint64_t domain);

/* Any other exception: status 65. */
/* A SYSCALL (trap.S: bh_syscall_entry, vector BH_VECTOR_SYSCALL): no service answers it yet, so it is
 * reported as a gate violation naming the service number and the caller; status 67. */
__attribute__((noreturn)) void bh_fault_syscall(const struct bh_trap_frame *f, uint64_t domain);

__attribute__((noreturn)) void bh_fault_exception(const struct bh_trap_frame *f, uint64_t domain);

#endif
