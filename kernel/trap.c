/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bh_trap: the C side of every exception, called by trap.S with the registers
 * saved and the trap domain open.  `domain` is what bh_backend_trap_enter
 * returned: the interrupted domain's PKRU (mpk) or 0.  All exceptions are fatal
 * except a fault the PKU probe expects, which resumes; interrupts (vectors 32-47, only
 * a backend that unmasks one sees them) go to bh_backend_interrupt and resume; and, in
 * audit mode, protection-key faults (kernel/audit.c).  Returns the domain to resume in:
 * trap.S hands it to bh_backend_trap_exit, which checks and installs it.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include "arch/x86_64/x86.h"
#include "audit.h"
#include "fault.h"
#include "timer.h"

/*
 * The kernel's trap stack: trap.S runs the C side of every trap here, in the kernel's own memory,
 * so that no kernel frame is left on a compartment's (private) stack.  16 KiB: a trap, a fault while
 * reporting it, and the audit's single step nest on it.
 */
char bh_trap_stack[16384] __attribute__((aligned(16)));

#define VEC_DB 1
#define VEC_PF 14
#define VEC_FIRST_IRQ 32

uint64_t bh_trap(struct bh_trap_frame *f, uint64_t domain)
{
	uint64_t resume = domain;
	if (bh_cpu_probe_fixup(f))
		return domain;
	if (f->vector >= VEC_FIRST_IRQ) {
		if (!bh_timer_interrupt(f, domain))
			bh_backend_interrupt((uint32_t)f->vector);   /* returns: the interrupted code resumes */
		return domain;
	}
	if (f->vector == VEC_DB && bh_audit_step(f, &resume))
		return resume;
	if (f->vector == VEC_PF) {
		uintptr_t addr = read_cr2();
		if (bh_audit_fault(f, addr, domain, &resume))
			return resume;
		bh_fault_page(f, addr, domain);
	}
	bh_fault_exception(f, domain);
}
