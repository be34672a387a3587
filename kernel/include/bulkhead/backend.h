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
 * for mpk, 0 for none, BH_DOMAIN_MACHINE | compartment for vm).  The mpk version only accepts the call from the trap entry's
 * call site, bh_trap_enter_return. */
uint64_t bh_backend_trap_enter(void);
/* A backend whose domain is a whole machine (vm) returns BH_DOMAIN_MACHINE | compartment. */
#define BH_DOMAIN_MACHINE (1ull << BH_DOMAIN_MACHINE_BIT)   /* abi.h */
extern char bh_trap_enter_return[];

/* Called by the trap exit (trap.S) of a trap that resumes (probe, interrupt, audited violation) with
 * the domain bh_trap chose: installs it, refusing anything that is not what the matching trap entry
 * saved (gates/README.md).  Optional: a weak default that does nothing (kept in trap.S for now, next
 * to its caller; the other defaults are in kernel/backend_hooks.c). */
void bh_backend_trap_exit(uint64_t domain);

/*
 * Optional (the kernel has weak defaults, kernel/backend_hooks.c):
 *
 * How much of [start, end), a part of one region of compartment `compartment`, is in this
 * machine's memory: the end of its resident prefix (end: all of it, start: none).  The
 * kernel maps only that, and reports an access beyond it as an isolation fault.  Called by
 * the page-table set-up, before bh_backend_init, and by the fault report.  Default: end.
 */
uintptr_t bh_backend_resident(uint32_t compartment, uintptr_t start, uintptr_t end);

/* Called by the trap entry for vectors 32-47 (the 8259's interrupts, vector 32 + IRQ) with
 * interrupts off; the interrupted code resumes when it returns.  Default: no backend unmasks
 * an interrupt, so one is reported as an unexpected CPU exception (BH_EXIT_EXCEPTION). */
void bh_backend_interrupt(uint32_t vector);

/* The work clock behind bh_work_clock (include/bulkhead/workclock.h): a count that advances only
 * while some CPU of the image executes the program.  Default: this CPU's TSC (one CPU, never idle
 * while the program runs); vm sums every machine's TSC less its waiting. */
uint64_t bh_backend_work_clock(void);

/* Whether compartments run in ring 3 (docs/design.md 7b): the kernel maps its own entry code, its
 * ring-0 state and the descriptor tables as supervisor pages, and kmain leaves ring 0 before main.
 * Default 0 (every compartment in ring 0); mpk: 1. */
int bh_backend_ring3(void);
/* Called when the kernel stops the machine with `status` (kernel/stop.h: main returned, boot failed,
 * or after a fault report), in the kernel's compartment or the trap domain, just before bh_exit: a
 * backend that has something to say at the end (gates' statistics, a count) says it here.  Not called
 * when a compartment calls bh_exit itself (bh_exit is domain-neutral: it runs in the caller's domain
 * and cannot reach the backend's state).  Must return; must not call bh_exit.  Default: nothing. */
void bh_backend_exit(int status);

/* Whether the kernel's timer (include/bulkhead/timer.h: the PIT on IRQ 0) may run under this backend:
 * NULL if so, else why not (printed by bh_timer_start, which then fails).  Default: NULL. */
const char *bh_backend_timer_refusal(void);

/* Whether drivers may have PCI devices and their INTx lines (kernel/pci.c; the 8259's lines other than
 * the timer's then arrive on the IST stack, arch/x86_64/idt.c): NULL if so, else why not (printed by
 * kernel/pci.c).  Default: NULL. */
const char *bh_backend_device_refusal(void);

/* Whether the 8259's lines other than the timer's (device interrupts, kernel/pci.c) are taken on the
 * interrupted stack rather than on IST 1 (arch/x86_64/idt.c): a backend that has one of those lines for
 * itself (vm: the doorbell, taken while a machine waits on one of its thread stacks, where a nested
 * delivery on the IST stack would be copied over the outer one) and no gate an interrupt could land in
 * with another compartment's stack (vm: every compartment is a machine, every stack its own) returns 1.
 * Default 0. */
int bh_backend_irq_on_interrupted_stack(void);

/* Called by bh_wake_mark (kernel/wake.c), in interrupt context, for a device interrupt's wake-up of
 * thread `tid`: a backend whose threads' timeouts live in another machine's kernel (vm: the kernel's
 * machine, where libs/sched's bh_wake_* calls run) posts the mark there and returns 1; 0: the mark is
 * this kernel's (the default). */
int bh_backend_wake_post(uint32_t tid);

/* The marks other machines posted for this kernel (bh_backend_wake_post) since the last call, bit tid
 * for thread tid; called with interrupts off by bh_wake_take and bh_idle.  Default: 0. */
uint64_t bh_backend_wake_posted(void);

/* A device's memory BAR as kernel/pci.c mapped it for its driver. */
struct bh_device_bar {
	uint64_t start, size;
	uint32_t owner;          /* the driver's compartment */
	uint32_t id;             /* device << 16 | vendor */
	uint8_t bus, slot, func, bar;
};
/* Called by kernel/pci.c after it mapped a BAR for a driver.  A backend with a machine per compartment
 * (vm) publishes it, so that another machine's fault report can name the registers, which are not in
 * its page tables: bh_backend_device_at.  Default: nothing. */
void bh_backend_device_mapped(const struct bh_device_bar *b);
/* 1 and *out if addr is in a BAR that another machine's kernel mapped for its driver (what its
 * bh_backend_device_mapped published); else 0 (the default). */
int bh_backend_device_at(uintptr_t addr, struct bh_device_bar *out);

/* The fault report's line about the interrupted domain `domain` (what bh_backend_trap_enter returned):
 * a backend whose domains the kernel cannot decode itself (the kernel knows PKRU values and "no keys")
 * prints its own "bulkhead:   domain   ..." line and returns 1.  Default: returns 0, prints nothing. */
int bh_backend_report_domain(const struct bh_image *img, uint64_t domain);

/* Reached by a jump from a gate whose PKRU check failed; never called from C. */
void __bh_gate_violation(void);

/* Offered by the kernel: prints the gate-violation report and exits with BH_EXIT_GATE_VIOLATION.
 * `pkru` is the value found after the WRPKRU, `caller` the gate's return address
 * (the call site that entered the gate).  Call it with the trap domain open. */
__attribute__((noreturn)) void bh_gate_violation_report(uint32_t pkru, uintptr_t caller);

/* Reached by a call from the check bulkhead-icall puts before an indirect call (rdi = target);
 * never called from C.  The backend opens the trap domain and calls the reporter below. */
void __bh_icall_violation(void *target);

/* Offered by the kernel: an indirect call aimed at `target`, which is neither code of the caller's
 * compartment, the shared text, nor a legal entry of another compartment.  `caller` is the call
 * site, `domain` the caller's (PKRU, or BH_DOMAIN_MACHINE | compartment).  Exits with BH_EXIT_ICALL_VIOLATION.  Call it with the trap domain open. */
__attribute__((noreturn)) void bh_icall_violation_report(uint64_t domain, uintptr_t caller, uintptr_t target);

/* Offered by the kernel: a private-stack gate's return half found that its caller's compartment
 * was not waiting on this callee (the sequence was entered out of order).  Exits with BH_EXIT_GATE_ORDER_VIOLATION.
 * `pkru` is the domain the return half had switched to.  Call it with the trap domain open. */
__attribute__((noreturn)) void bh_gate_order_violation_report(uint32_t pkru);

#endif
