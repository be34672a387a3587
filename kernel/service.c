/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's services (include/bulkhead/service.h): the only way code in ring 3 reaches ring 0
 * besides a trap.  trap.S turns a SYSCALL into a trap frame (vector BH_VECTOR_SYSCALL, on the
 * kernel's trap stack) and bh_trap hands it here with the caller's domain as the trap entry read
 * it (its PKRU: the caller cannot choose it).  Each service says who may call it:
 *
 *  - console output, exit and violation reports: any domain (every compartment prints and stops
 *    through the neutral bh_serial_putc and bh_exit; a gate's failed check reports from the
 *    caller's domain).  A compartment may so end the image or print what it likes: denial of service
 *    and console text are outside the threat model (docs/design.md 7), and the host-side judge
 *    names who asked for an exit.
 *  - everything else (the idle halt, wake-ups, the timer, fw_cfg, data shadow stack keys, PCI): the
 *    kernel's domain only, because only the kernel's compartment's code calls them (kernel/wake.c,
 *    timer.c, bootfile.c, dss.c, reached through the kernel's exports).
 *
 * A pointer a service writes through is checked against the page tables with the caller's domain
 * (bh_paging_user_access): ring 0 runs with every key open, so without the check a caller could have
 * the kernel write where the caller itself may not (a confused deputy).
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include "fault.h"
#include "ring0.h"

#define RPL_MASK 3

extern char __bh_audit[];   /* linker script: 1 in audit images */

/* Whether `domain` is the kernel compartment's (in an audit image: or that domain with keys opened
 * for a step, kernel/audit.c). */
static int kernel_domain(const struct bh_image *img, uint64_t domain)
{
	uint32_t k = img->compartments[img->kernel_compartment].pkru;
	if ((uint32_t)domain == k)
		return 1;
	return (uintptr_t)__bh_audit && ((uint32_t)domain & ~k) == 0 && (uint32_t)domain != 0;
}

/* The compartment whose domain `domain` is (an audit image's one-key opening included), or 0xff. */
static uint32_t compartment_of(const struct bh_image *img, uint64_t domain)
{
	for (uint32_t i = 0; i < img->ncompartments; i++)
		if (img->compartments[i].pkru == (uint32_t)domain)
			return i;
	for (uint32_t i = 0; i < img->ncompartments; i++)
		if ((uintptr_t)__bh_audit && ((uint32_t)domain & ~img->compartments[i].pkru) == 0)
			return i;
	return 0xff;
}

/*
 * The console stream (COM2): who printed what from ring 3, out of band, so the program's own output
 * on COM1 stays exactly what it printed (issue 14: a compartment cannot pass its lines off as
 * another's).  Three bytes per record (BH_CONSOLE_RECORD, the compartment, the byte); an exit asked
 * for from ring 3 is the record BH_CONSOLE_EXIT, compartment, status.  The host splits it per
 * compartment (./bulkhead run --consoles DIR).  Without a second UART the writes go nowhere.
 */
static void stream(uint8_t a, uint8_t b)
{
	__asm__ volatile("outb %0, %1" : : "a"((uint8_t)BH_CONSOLE_RECORD), "Nd"((uint16_t)BH_CONSOLE_STREAM_PORT));
	__asm__ volatile("outb %0, %1" : : "a"(a), "Nd"((uint16_t)BH_CONSOLE_STREAM_PORT));
	__asm__ volatile("outb %0, %1" : : "a"(b), "Nd"((uint16_t)BH_CONSOLE_STREAM_PORT));
}

static void violation(const struct bh_trap_frame *f, uint64_t domain)
{
	switch (f->rdi) {
	case BH_VIOLATION_GATE:
		bh_gate_violation_report((uint32_t)domain, f->rsi);
	case BH_VIOLATION_ICALL:
		bh_icall_violation_report(domain, f->rsi, f->rdx);
	case BH_VIOLATION_ORDER:
		bh_gate_order_violation_report((uint32_t)domain);
	}
	bh_fault_syscall(f, domain, "a violation report of no known kind");
}

/* noinline: the host-side judge names it as the requester of an exit a compartment asked for. */
__attribute__((noinline)) void bh_service_call(struct bh_trap_frame *f, uint64_t domain)
{
	const struct bh_image *img = &__bh_image;
	if ((f->cs & RPL_MASK) != 3)
		bh_fault_syscall(f, domain, "the kernel has no such service in ring 0 (its services are for compartments in ring 3; here they run in ring 0 and call the kernel directly)");
	uint64_t a = f->rdi, b = f->rsi, c = f->rdx, d = f->r10;
	int64_t r = 0;
	switch (f->rax) {
	case BH_SVC_PUTC:
		bh_serial_putc((char)a);
		stream((uint8_t)compartment_of(img, domain), (uint8_t)a);
		break;
	case BH_SVC_EXIT:
		/* 0-63 (main's), or a status a library's own check gives (abi.toml ring3 = true); the others are
		 * the kernel's verdicts, which no compartment may give itself (a forged isolation fault). */
		if (a > 63 && (a > 127 || !((BH_EXIT_RING3_MASK >> (a - 64)) & 1)))
			bh_fault_syscall(f, domain, "an exit status that only the kernel's own reports give (abi/abi.toml)");
		stream(BH_CONSOLE_EXIT, (uint8_t)compartment_of(img, domain));
		stream(BH_CONSOLE_EXIT, (uint8_t)a);
		bh_exit((int)a);
	case BH_SVC_VIOLATION:
		violation(f, domain);
	case BH_SVC_IDLE:
	case BH_SVC_WAKE_AFTER:
	case BH_SVC_WAKE_CANCEL:
	case BH_SVC_FWCFG:
	case BH_SVC_DSS_SWITCH:
	case BH_SVC_TIMER_START:
	case BH_SVC_TIMER_STOP:
	case BH_SVC_PCI:
		if (!kernel_domain(img, domain))
			bh_fault_syscall(f, domain, "a service of the kernel's own code, called from another domain");
		switch (f->rax) {
		case BH_SVC_IDLE:
			r = bh_idle_r0();
			break;
		case BH_SVC_WAKE_AFTER:
			r = bh_wake_after_r0((uint32_t)a, b);
			break;
		case BH_SVC_WAKE_CANCEL:
			bh_wake_cancel_r0((uint32_t)a);
			break;
		case BH_SVC_FWCFG:
			if (!bh_paging_user_access(domain, d, c, 1))
				bh_fault_syscall(f, domain, "fw_cfg into a buffer the caller may not write");
			bh_fwcfg_r0((uint16_t)a, b, (unsigned char *)(uintptr_t)d, c);
			break;
		case BH_SVC_DSS_SWITCH:
			r = bh_dss_switch_r0((uint32_t)a);
			break;
		case BH_SVC_TIMER_START:
			r = bh_timer_start_r0((uint32_t)a);
			break;
		case BH_SVC_TIMER_STOP:
			bh_timer_stop_r0();
			break;
		case BH_SVC_PCI:
			r = (int64_t)bh_pci_service_r0(a, b, c, d);
			break;
		}
		break;
	default:
		bh_fault_syscall(f, domain, "the kernel has no such service");
	}
	/* The idle halt and the timer's start turn interrupts on (a tick nests in this handler); trap.S's
	 * way out needs them off.  The caller's own flag comes back with its frame. */
	__asm__ volatile("cli" ::: "memory");
	f->rax = (uint64_t)r;
}
