/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bh_trap: the C side of every exception, called by trap.S with the registers
 * saved and the trap domain open.  `domain` is what bh_backend_trap_enter
 * returned: the interrupted domain's PKRU (mpk) or 0.  All exceptions are fatal
 * except a fault the PKU probe expects, which resumes; interrupts (vectors 32-47, only
 * a backend that unmasks one sees them) go to bh_backend_interrupt and resume.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include "arch/x86_64/x86.h"
#include "fault.h"

#define VEC_PF 14
#define VEC_FIRST_IRQ 32

void bh_trap(struct bh_trap_frame *f, uint64_t domain)
{
	if (bh_cpu_probe_fixup(f))
		return;
	if (f->vector >= VEC_FIRST_IRQ) {
		bh_backend_interrupt((uint32_t)f->vector);   /* returns: the interrupted code resumes */
		return;
	}
	if (f->vector == VEC_PF)
		bh_fault_page(f, read_cr2(), domain);
	bh_fault_exception(f, domain);
}
