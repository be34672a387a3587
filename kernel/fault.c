/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault reports: what happened, to which object, by which code, in which domain,
 * then the exit status (docs/design.md section 6).  They run with the trap
 * domain open (PKRU 0), so they may read every compartment's tables.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/cpu.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"
#include "fault.h"
#include "pci_internal.h"
#include "report.h"
#include "ring0.h"
#include "stop.h"
#include "stackguard.h"
#include "dss_internal.h"
#include <bulkhead/dss.h>


static const char *const exception_names[32] = {
	"divide error (#DE)", "debug (#DB)", "non-maskable interrupt (NMI)", "breakpoint (#BP)",
	"overflow (#OF)", "bound range exceeded (#BR)", "invalid opcode (#UD)", "device not available (#NM)",
	"double fault (#DF)", "coprocessor segment overrun", "invalid TSS (#TS)", "segment not present (#NP)",
	"stack-segment fault (#SS)", "general protection fault (#GP)", "page fault (#PF)", "reserved (15)",
	"x87 floating-point error (#MF)", "alignment check (#AC)", "machine check (#MC)",
	"SIMD floating-point error (#XM)", "virtualization exception (#VE)", "control protection (#CP)",
	"reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"hypervisor injection (#HV)", "VMM communication (#VC)", "security exception (#SX)", "reserved (31)",
};

void bh_report_domain(const struct bh_image *img, uint64_t domain)
{
	if (bh_backend_report_domain(img, domain))
		return;   /* a domain only its backend can name (a whole machine, say) */
	if (!bh_cpu_pke_enabled()) {
		bh_printf("bulkhead:   domain   no protection keys in force (backend %s)\n", img->backend);
		return;
	}
	uint32_t pkru = (uint32_t)domain;
	bh_printf("bulkhead:   domain   PKRU 0x%08x ", pkru);
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		if (img->compartments[i].pkru == pkru) {
			bh_printf("(compartment '%s' was running)\n", img->compartments[i].name);
			return;
		}
	}
	if (pkru == 0)
		bh_printf("(all keys open: boot, or the kernel's trap domain)\n");
	else
		bh_printf("(no compartment's domain: PKRU was tampered with)\n");
}

/* "present read supervisor protection-key" */
static void print_pf_error(uint32_t e)
{
	bh_printf("bulkhead:   error    0x%x = %s %s %s", e, e & PF_PRESENT ? "present" : "not-present",
		  e & PF_FETCH ? "instruction-fetch" : e & PF_WRITE ? "write" : "read",
		  e & PF_USER ? "user" : "supervisor");
	if (e & PF_RESERVED)
		bh_printf(" reserved-bit");
	if (e & PF_PKEY)
		bh_printf(" protection-key");
	if (e & PF_SHADOW_STACK)
		bh_printf(" shadow-stack");
	if (e & PF_SGX)
		bh_printf(" sgx");
	bh_printf("\n");
}

static const char *pf_kind(uint32_t e)
{
	if (e & PF_PKEY)
		return "protection-key violation";
	if (!(e & PF_PRESENT))
		return "access to an unmapped page";
	if (e & PF_RESERVED)
		return "reserved bit set in a page-table entry";
	if (e & PF_FETCH)
		return "execution of a no-execute page";
	if (e & PF_WRITE)
		return "write to a read-only page";
	return "protection violation";
}

/*
 * A digest of the object the faulting access aimed at, read now in the trap domain: a faulting access
 * never retires, so this is the object as the fault left it.  Tests compare it with the digest its
 * owner printed before the attack ("data untouched"), without the kernel ever printing the data.
 */
static void report_target(const struct bh_image *img, uintptr_t addr)
{
	struct bh_place p;
	bh_locate(img, addr, &p);
	if (!p.sym || p.sym->kind != BH_SYM_OBJECT || p.sym->size == 0)
		return;
	uint32_t h = 2166136261u;   /* FNV-1a, 32 bits */
	const unsigned char *b = (const unsigned char *)p.sym->addr;
	for (uint64_t i = 0; i < p.sym->size; i++)
		h = (h ^ b[i]) * 16777619u;
	bh_printf("bulkhead:   target   %s: %lu bytes, fnv1a 0x%08x after the fault\n", p.sym->name,
		  (unsigned long)p.sym->size, h);
}

extern char __bh_pt_pool_start[], __bh_pt_pool_end[];

/* The kernel's ring-0 memory that ring 3 finds as supervisor pages (arch/x86_64/paging.c), by name;
 * 0 elsewhere. */
static const char *ring0_region(uintptr_t a)
{
	static const struct {
		const char *name;
		char *start, *end;
	} r[] = {
		{ "the kernel's entry code (.bh.mtext)", __bh_mtext_start, __bh_mtext_end },
		{ "the kernel's ring-0 state (.bh.monitor)", __bh_monitor_start, __bh_monitor_end },
		{ "the descriptor tables (.bh.sys)", __bh_sys_start, __bh_sys_end },
		{ "the boot region", __bh_boot_start, __bh_boot_end },
		{ "the page tables", __bh_pt_pool_start, __bh_pt_pool_end },
	};
	for (unsigned i = 0; i < sizeof r / sizeof r[0]; i++)
		if ((uintptr_t)r[i].start <= a && a < (uintptr_t)r[i].end)
			return r[i].name;
	return 0;
}

void bh_fault_page(const struct bh_trap_frame *f, uintptr_t addr, uint64_t domain)
{
	const struct bh_image *img = &__bh_image;
	uint32_t e = (uint32_t)f->error;
	const char *access = e & PF_FETCH ? "execute" : e & PF_WRITE ? "write" : "read";
	/* In a region of a compartment whose memory is not in this machine (backend vm): isolation. */
	struct bh_place where;
	bh_locate(img, addr, &where);
	int foreign = where.region >= 0 && where.compartment < img->ncompartments &&
		      bh_backend_resident(where.compartment, addr, addr + 1) == addr;
	/* Or a device's registers, which are in their driver's machine only (pci.c). */
	foreign = foreign || (where.region < 0 && bh_pci_foreign(addr));
	/* Ring 3 touching a present supervisor page: the kernel's ring-0 memory, which no compartment's
	 * domain reaches (docs/design.md 7b).  An isolation fault like a key's. */
	const char *ring0 = (e & PF_USER) && (e & PF_PRESENT) && !(e & PF_PKEY) && bh_paging_supervisor(addr)
				    ? ring0_region(addr) : 0;
	if ((e & PF_USER) && (e & PF_PRESENT) && !(e & PF_PKEY) && bh_paging_supervisor(addr) && !ring0)
		ring0 = "a supervisor page";
	struct bh_stack_guard_hit guard;
	if (!foreign && !(e & PF_PRESENT) && bh_stack_guard_find(img, addr, &guard))
		bh_stack_overflow_report(f, addr, domain, &guard);
	bh_printf("bulkhead: page fault: %s on %s at 0x%016lx\n",
		  foreign ? "access to another compartment's memory (not in this machine)"
		  : ring0 ? "access from ring 3 to the kernel's ring-0 memory (a supervisor page)" : pf_kind(e),
		  access, (unsigned long)addr);
	if (ring0)
		bh_printf("bulkhead:   address  0x%016lx in %s\n", (unsigned long)addr, ring0);
	else
		bh_report_place(img, "address", addr, 0);
	if (ring0 && (e & PF_FETCH))
		bh_printf("bulkhead:   by       ring-3 code that jumped or called there (rip is the target)\n");
	else
		bh_report_place(img, "by", f->rip, 1);
	bh_report_last_gate(img, f->rip, f->rbp);
	bh_report_domain(img, domain);
	uint32_t dc, dt;
	if ((e & PF_PKEY) && bh_dss_parked(addr, &dc, &dt) && dc < img->ncompartments)
		bh_printf("bulkhead:   hint     thread %u is switched out: its stack data that compartment '%s' %s is %s "
			  "until it runs ([threads] dss = \"%s\"); %s (docs/design.md 5d)\n", dt, img->compartments[dc].name,
			  bh_dss_policy() == BH_DSS_OWNER ? "only lends" : "shares",
			  bh_dss_policy() == BH_DSS_OWNER ? "that compartment's, the kernel's and the thread runtime's only"
							  : "nobody's",
			  bh_dss_policy() == BH_DSS_OWNER ? "owner" : "running",
			  bh_dss_policy() == BH_DSS_OWNER
				  ? "bulkhead-dss found no copy of its address that outlives a call, so a correct program does "
				    "not reach it here: if yours does, say dss = \"all\" and report bulkhead's bug"
				  : "a program that hands stack data to another thread needs \"owner\", the default");
	print_pf_error(e);
	if (!foreign)   /* unmapped here: reading it would fault again */
		report_target(img, addr);
	int status = (e & PF_PKEY) || foreign || ring0 ? BH_EXIT_ISOLATION_FAULT : BH_EXIT_STRAY_ACCESS;
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", status,
		  status == BH_EXIT_ISOLATION_FAULT ? BH_EXIT_ISOLATION_FAULT_WHAT : BH_EXIT_STRAY_ACCESS_WHAT);
	bh_stop(status);
}

void bh_fault_exception(const struct bh_trap_frame *f, uint64_t domain)
{
	const struct bh_image *img = &__bh_image;
	unsigned v = (unsigned)f->vector;
	bh_printf("bulkhead: CPU exception: %s, vector %u, error 0x%lx\n", v < 32 ? exception_names[v] : "?", v,
		  (unsigned long)f->error);
	bh_report_place(img, "at", f->rip, 1);
	bh_report_domain(img, domain);
	if ((f->cs & 3) == 3 && v == 13)
		bh_printf("bulkhead:   ring     3: a privileged instruction, port I/O or a gate the IDT refuses to "
			  "ring 3 (compartments run in ring 3: docs/design.md 7b)\n");
	bh_printf("bulkhead:   rsp      0x%016lx rflags 0x%lx\n", (unsigned long)f->rsp, (unsigned long)f->rflags);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_EXCEPTION, BH_EXIT_EXCEPTION_WHAT);
	bh_stop(BH_EXIT_EXCEPTION);
}

void bh_fault_syscall(const struct bh_trap_frame *f, uint64_t domain, const char *why)
{
	const struct bh_image *img = &__bh_image;
	bh_printf("bulkhead: gate violation: SYSCALL with service 0x%lx: %s (kernel/service.c)\n",
		  (unsigned long)f->rax, why);
	bh_report_place(img, "caller", f->rip, 1);
	bh_report_domain(img, domain);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_GATE_VIOLATION, BH_EXIT_GATE_VIOLATION_WHAT);
	bh_stop(BH_EXIT_GATE_VIOLATION);
}

void bh_gate_violation_report(uint32_t pkru, uintptr_t caller)
{
	const struct bh_image *img = &__bh_image;
	bh_printf("bulkhead: gate integrity violation: PKRU 0x%08x is not the domain gate code required (after its WRPKRU or WRGSBASE), called from rip 0x%016lx\n",
		  pkru, (unsigned long)caller);
	bh_report_place(img, "caller", caller, 1);
	bh_report_domain(img, pkru);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_GATE_VIOLATION, BH_EXIT_GATE_VIOLATION_WHAT);
	bh_stop(BH_EXIT_GATE_VIOLATION);
}

void bh_icall_violation_report(uint64_t domain, uintptr_t caller, uintptr_t target)
{
	const struct bh_image *img = &__bh_image;
	bh_printf("bulkhead: indirect call violation: a call through a pointer to 0x%016lx, which is no code of "
		  "the caller's compartment, no shared code and no entry of another compartment (no function "
		  "whose address the program takes)\n", (unsigned long)target);
	bh_report_place(img, "target", target, 1);
	bh_report_place(img, "caller", caller, 1);
	bh_report_domain(img, domain);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_ICALL_VIOLATION, BH_EXIT_ICALL_VIOLATION_WHAT);
	bh_stop(BH_EXIT_ICALL_VIOLATION);
}

void bh_gate_order_violation_report(uint32_t pkru)
{
	const struct bh_image *img = &__bh_image;
	bh_printf("bulkhead: gate order violation: a gate's return half was entered while its caller's "
		  "compartment was not waiting on that callee (a gate sequence reused out of order)\n");
	bh_report_domain(img, pkru);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_GATE_ORDER_VIOLATION, BH_EXIT_GATE_ORDER_VIOLATION_WHAT);
	bh_stop(BH_EXIT_GATE_ORDER_VIOLATION);
}
