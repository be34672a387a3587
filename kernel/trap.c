/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bh_trap: the C side of every exception, called by trap.S with the registers
 * saved and the trap domain open.  `domain` is what bh_backend_trap_enter
 * returned: the interrupted domain's PKRU (mpk) or 0.  All exceptions are fatal
 * except a fault the PKU probe expects, which resumes; interrupts (vectors 32-47, only
 * a backend that unmasks one sees them) go to bh_backend_interrupt and resume; and, in
 * audit mode, protection-key faults (kernel/audit.c), reported with interrupts on.  Returns the domain to resume in:
 * trap.S hands it to bh_backend_trap_exit, which checks and installs it.
 */
#include <stdint.h>
#include <bulkhead/pic.h>
#include <bulkhead/backend.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"
#include "audit.h"
#include "dss_internal.h"
#include "probe_internal.h"
#include "fault.h"
#include "pci_internal.h"
#include "stackguard.h"
#include "timer.h"
#include "ring0.h"

/*
 * The kernel's trap stack: trap.S runs the C side of every trap here, in the kernel's own memory,
 * so that no kernel frame is left on a compartment's (private) stack.  16 KiB: a trap, a fault while
 * reporting it, and the audit's single step nest on it.
 */
char bh_trap_stack[BH_TRAP_STACK_SIZE] __attribute__((section(".bh.monitor"), aligned(16)));

/*
 * How many traps are being handled (trap.S counts, in the trap domain).  More than 1: a tick nested
 * in a handler.  The mpk trap exit resumes the trap domain (every key open) only while this is
 * positive, i.e. only into a handler an interrupt nested in, never into a compartment.
 */
int bh_trap_depth __attribute__((section(".bh.monitor")));

#define RFLAGS_IF (1ull << 9)

/*
 * Where a trap delivered on the IST stack (the timer's) makes its last steps (trap.S): the trap exit's
 * WRPKRU installs the interrupted domain, then the registers are popped and zeroed and iretq reads
 * the CPU's five words, so that memory must be readable in that domain.  With keys it is the
 * trap-return area of the interrupted compartment (BH_TRAPRET_SIZE bytes of its bss, linker/image.ld.j2): the
 * five words that stay behind after iretq are readable by that domain alone, not by every
 * compartment as on the shared IST stack.  A domain with one key opened (audit) uses the area of a
 * compartment whose domain it contains; the trap domain of a handler a tick nested in keeps the
 * frame where it is, on the trap stack.  Without keys, or for a domain that is no compartment's
 * (the trap exit refuses it next), the IST stack itself.  Returns the frame's new address.
 */
#define FRAME_SIZE (22 * 8)
/* The frame, and the return address of trap.S's call of the exit below it, stay clear of the mpk
 * exit's arming word (BH_TRAPRET_ARMED, gates/mpk/domains.S). */
_Static_assert(BH_TRAPRET_ARMED + 8 <= BH_TRAPRET_SIZE - FRAME_SIZE - 8, "trap-return area layout");
extern const uintptr_t __bh_trapret_table[];
extern char bh_ist_stack[BH_IST_STACK_SIZE];   /* arch/x86_64/idt.c */

uintptr_t bh_trap_return_frame(uint64_t domain, uintptr_t frame)
{
	const struct bh_image *img = &__bh_image;
	uint32_t d = (uint32_t)domain;
	if (img->shared_key != 0 && d == 0 && bh_trap_depth > 0)
		return frame;   /* a tick nested in a handler: back into the trap domain, which reads the trap stack */
	if (img->shared_key != 0) {
		for (uint32_t i = 0; i < img->ncompartments; i++) {
			uint32_t p = img->compartments[i].pkru;
			/* the same domain, or p with keys opened (bits cleared): d reads all p reads */
			if (d == p || (d & ~p) == 0)
				return __bh_trapret_table[i] + BH_TRAPRET_SIZE - FRAME_SIZE;
		}
	}
	return (uintptr_t)bh_ist_stack + BH_IST_STACK_SIZE - FRAME_SIZE;
}

#define VEC_DB 1
#define VEC_DF 8
#define VEC_PF 14
#define VEC_FIRST_IRQ 32

uint64_t bh_trap(struct bh_trap_frame *f, uint64_t domain)
{
	uint64_t resume = domain;
	if (bh_cpu_probe_fixup(f) || bh_probe_fixup(f))
		return domain;
	if (f->vector == BH_VECTOR_SYSCALL) {
		bh_service_call(f, domain);   /* returns only when the service is done */
		return domain;
	}
	if (f->vector >= VEC_FIRST_IRQ) {
		/* an 8259's spurious IRQ 7 or 15 (pic.c): seen under network load, never an error */
		if (f->vector - VEC_FIRST_IRQ < 16 && bh_pic_spurious((unsigned)(f->vector - VEC_FIRST_IRQ)))
			return domain;
		if (!bh_timer_interrupt(f, domain) && !bh_pci_interrupt((uint32_t)f->vector))
			bh_backend_interrupt((uint32_t)f->vector);   /* returns: the interrupted code resumes */
		return domain;
	}
	if (f->vector == VEC_DB && bh_audit_step(f, &resume))
		return resume;
	if (f->vector == VEC_DF) {
		/* A page fault whose frame could not be pushed: rsp is in a guard page (CR2 still says where). */
		struct bh_stack_guard_hit hit;
		uintptr_t addr = read_cr2();
		if (!bh_stack_guard_find(&__bh_image, addr, &hit))
			addr = f->rsp - 8;   /* where pushing the page fault's frame began */
		if (bh_stack_guard_find(&__bh_image, addr, &hit))
			bh_stack_overflow_report(f, addr, domain, &hit);
	}
	if (f->vector == VEC_PF) {
		uintptr_t addr = read_cr2();
		/* A parked data shadow stack page that this domain may reach (dss.c): re-keyed, retried. */
		if ((f->error & PF_PKEY) && bh_dss_fault(addr, domain))
			return domain;
		/*
		 * A key violation in audit mode is reported and resumed.  The report is long (serial), so it
		 * runs with interrupts as the interrupted code had them, and the timer goes on ticking:
		 * a tick then nests in this handler (trap.S moves its frame off the IST stack; the trap
		 * exit lets it back into the trap domain only because bh_trap_depth says a handler runs).
		 */
		if (f->rflags & RFLAGS_IF)
			__asm__ volatile("sti" ::: "memory");
		int resumes = bh_audit_fault(f, addr, domain, &resume);
		__asm__ volatile("cli" ::: "memory");
		if (resumes)
			return resume;
		bh_fault_page(f, addr, domain);
	}
	bh_fault_exception(f, domain);
}
