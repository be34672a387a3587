/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Audit mode for porters (policy audit = "on"): a protection-key violation is reported and the
 * program goes on, so one run lists every missing share.  The faulting instruction is re-run
 * once with its page's key opened (RFLAGS.TF single-steps it), then the #DB trap that follows
 * closes the key again.  Off by default: then a violation stops the image (kernel/fault.c).
 *
 * Audit mode is a porting aid, not a protection: while it is on, the trap exit accepts a domain
 * with one extra key open (gates/mpk/domains.S).
 */
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"
#include "audit.h"
#include "report.h"


#define RFLAGS_TF (1ull << 8)
#define MAX_SITES 64

struct audit_site {
	uintptr_t code, object;      /* symbol starts (or raw addresses when unknown) */
	uint32_t count;
	uint32_t write;
};

/* Audit images: every gate with its call counter (passes/Finalize.cpp; layout in abi/abi.toml), ending
   with a null stub.  Weak: an image linked without the pass has none. */
extern const struct bh_audit_gate __bh_audit_gates[] __attribute__((weak));

static struct audit_site sites[MAX_SITES];
static uint32_t nsites, nevents, ndropped;
static int stepping;             /* a violation is being single-stepped */
static uint64_t step_domain;     /* the domain to restore once it has run */

int bh_audit_enabled(void)
{
	/* __bh_audit is an absolute symbol of the linker script: 1 when the policy audit = "on".  Read
	   its value with movabs: C would assume the address of a declared object is never 0. */
	uintptr_t on;
	__asm__("movabsq $__bh_audit, %0" : "=r"(on));
	return on != 0;
}

static uintptr_t symbol_start(const struct bh_image *img, uintptr_t addr)
{
	struct bh_place p;
	bh_locate(img, addr, &p);
	return p.sym ? p.sym->addr : addr;
}

static void record(const struct bh_image *img, uintptr_t rip, uintptr_t addr, int write)
{
	uintptr_t code = symbol_start(img, rip), object = symbol_start(img, addr);
	nevents++;
	for (uint32_t i = 0; i < nsites; i++)
		if (sites[i].code == code && sites[i].object == object && sites[i].write == (uint32_t)write) {
			sites[i].count++;
			return;
		}
	if (nsites == MAX_SITES) {
		ndropped++;
		return;
	}
	sites[nsites++] = (struct audit_site){ code, object, 1, (uint32_t)write };
}

int bh_audit_fault(struct bh_trap_frame *f, uintptr_t addr, uint64_t domain, uint64_t *resume)
{
	const struct bh_image *img = &__bh_image;
	uint32_t e = (uint32_t)f->error;
	if (!bh_audit_enabled() || !(e & PF_PKEY) || !(e & PF_PRESENT) || stepping)
		return 0;
	struct bh_place p;
	bh_locate(img, addr, &p);
	if (p.region < 0 || p.key == 0 || p.key > 15)
		return 0;
	bh_printf("bulkhead: audit: protection-key violation on %s at 0x%016lx (continuing)\n",
		  e & PF_WRITE ? "write" : "read", (unsigned long)addr);
	bh_report_place(img, "address", addr, 0);
	bh_report_place(img, "by", f->rip, 1);
	bh_report_last_gate(img, f->rip, f->rbp);
	bh_report_domain(img, domain);
	record(img, f->rip, addr, (e & PF_WRITE) != 0);
	stepping = 1;
	step_domain = domain;
	f->rflags |= RFLAGS_TF;
	*resume = domain & ~(3ull << (2 * p.key));
	return 1;
}

int bh_audit_stepping(void) { return stepping; }

int bh_audit_step(struct bh_trap_frame *f, uint64_t *resume)
{
	if (!stepping || f->vector != 1)
		return 0;
	stepping = 0;
	f->rflags &= ~RFLAGS_TF;
	*resume = step_domain;
	return 1;
}

static const char *compartment_name(const struct bh_image *img, uint32_t i)
{
	return i < img->ncompartments ? img->compartments[i].name : "shared";
}

/* The entry points each compartment really called, and through which gates: the run a user writes a
   component's exports and a compartment's calls from (scripts/bulkhead/advice.py turns these lines
   into the lines to add).  The counters are in the shared data, written by the callers' code. */
static void summary_calls(const struct bh_image *img)
{
	if (!__bh_audit_gates)
		return;
	uint32_t ngates = 0, taken = 0;
	uint64_t calls = 0;
	for (const struct bh_audit_gate *g = __bh_audit_gates; g->stub; g++) {
		ngates++;
		if (*g->count) {
			taken++;
			calls += *g->count;
		}
	}
	bh_printf("bulkhead: audit calls: %lu call%s through %u of %u gate%s\n", (unsigned long)calls,
		  calls == 1 ? "" : "s", taken, ngates, ngates == 1 ? "" : "s");
	for (const struct bh_audit_gate *g = __bh_audit_gates; g->stub; g++) {
		if (!*g->count)
			continue;
		struct bh_place c;
		bh_locate(img, (uintptr_t)g->callee, &c);
		bh_printf("bulkhead:   %lux call of %s (compartment %s) from compartment %s\n",
			  (unsigned long)*g->count, c.sym ? c.sym->name : "?", compartment_name(img, g->to),
			  compartment_name(img, g->from));
	}
}

void bh_audit_summary(void)
{
	const struct bh_image *img = &__bh_image;
	if (!bh_audit_enabled())
		return;
	bh_printf("bulkhead: audit summary: %u violation%s at %u site%s\n", nevents, nevents == 1 ? "" : "s",
		  nsites, nsites == 1 ? "" : "s");
	for (uint32_t i = 0; i < nsites; i++) {
		struct bh_place c, o;
		bh_locate(img, sites[i].code, &c);
		bh_locate(img, sites[i].object, &o);
		bh_printf("bulkhead:   %ux %s of ", sites[i].count, sites[i].write ? "write" : "read");
		if (o.sym)
			bh_printf("%s", o.sym->name);
		else
			bh_printf("0x%lx (%s)", (unsigned long)sites[i].object, o.region_name ? o.region_name : "?");
		bh_printf(" (compartment %s) by %s (compartment %s)\n",
			  o.compartment < img->ncompartments ? img->compartments[o.compartment].name : "shared",
			  c.sym ? c.sym->name : "?",
			  c.compartment < img->ncompartments ? img->compartments[c.compartment].name : "shared");
	}
	if (ndropped)
		bh_printf("bulkhead:   (%u more at sites beyond the first %u)\n", ndropped, MAX_SITES);
	summary_calls(img);
}
