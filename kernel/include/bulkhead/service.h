/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's services: what code running in ring 3 (every compartment under a backend that
 * runs compartments in ring 3: mpk) asks of the ring-0 kernel with SYSCALL, because it needs a
 * privileged instruction (port I/O, HLT, CLI/STI, page-table writes).  The numbers are
 * BH_SVC_* (abi/abi.toml); kernel/service.c serves them and says who may call which.
 *
 * The kernel functions that need ring 0 call bh_ring3() first: in ring 0 (backends none and vm,
 * the boot, the trap path) they do the work themselves; in ring 3 they ask for it.  Both
 * helpers are always_inline: neutral functions (bh_serial_putc, bh_exit) use them and may
 * reference no global.
 *
 * ABI (docs/design.md 7b): the service in rax, arguments in rdi, rsi, rdx, r10 (SYSCALL
 * overwrites rcx and r11, as on Linux), the result in rax.  Every other register survives.
 *
 * A service keeps no pointer it is given past the SYSCALL (BH_SVC_FWCFG fills its buffer and
 * returns): bulkhead-dss takes an address handed to inline assembly as lent for that instruction
 * only, and parks stack data on that word ([threads] dss = "owner", kernel/dss.c).  A service that
 * must keep one belongs behind a function its callers call, where the pass sees it kept.
 */
#ifndef BULKHEAD_SERVICE_H
#define BULKHEAD_SERVICE_H

#include <stdint.h>
#include <bulkhead/abi.h>

/* Whether this code runs in ring 3 (CPL = the low two bits of CS). */
static inline __attribute__((always_inline)) int bh_ring3(void)
{
	uint16_t cs;
	__asm__ volatile("movw %%cs, %0" : "=r"(cs));
	return (cs & 3) == 3;
}

static inline __attribute__((always_inline)) uint64_t bh_service(uint64_t n, uint64_t a, uint64_t b,
								uint64_t c, uint64_t d)
{
	register uint64_t r10 __asm__("r10") = d;
	__asm__ volatile("syscall"
			 : "+a"(n)
			 : "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return n;
}

#endif
