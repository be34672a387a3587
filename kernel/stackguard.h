/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the guard pages below every per-thread stack (stackguard.c). */
#ifndef BH_STACKGUARD_H
#define BH_STACKGUARD_H

#include <stdint.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"

/* Whose guard page an address is in. */
struct bh_stack_guard_hit {
	const char *kind;       /* "shared stack", "private stack", "data shadow stack" */
	uint32_t thread;
	uint32_t compartment;   /* the stack's owner, or BH_SHARED_COMPARTMENT (the shared stacks) */
	uintptr_t low, high;    /* the stack above the guard page: [low, high) */
};

/* Unmaps the lowest page of every thread's slot on every stack this machine maps.  After
 * bh_paging_init.  Returns 0, or prints why and returns BH_EXIT_BOOT_ERROR. */
int bh_stack_guards_init(const struct bh_image *img);

/* 1 and *hit filled if addr is in a stack's guard page, else 0. */
int bh_stack_guard_find(const struct bh_image *img, uintptr_t addr, struct bh_stack_guard_hit *hit);

/* The report of an access to a guard page (a #PF, or the #DF it becomes when the fault's frame
 * cannot be pushed): names the thread, the stack and the compartment; BH_EXIT_STACK_OVERFLOW. */
__attribute__((noreturn)) void bh_stack_overflow_report(const struct bh_trap_frame *f, uintptr_t addr,
							 uint64_t domain, const struct bh_stack_guard_hit *hit);

#endif
