/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Who reaches a switched-out thread's data shadow stacks ([threads] dss, include/bulkhead/dss.h).
 * The linker script lays them out as one block, compartment by compartment, one stack slot
 * (__bh_stack_slot) per thread in each (__bh_dss_start); every page of it starts with the shared key.
 * Under BH_DSS_RUNNING and BH_DSS_OWNER, libs/sched calls bh_dss_switch before every thread switch:
 * the thread leaving is "parked" (key 0, or each compartment's slot its compartment's key) and the
 * thread coming gets the shared key back, every page of it, whatever a fault re-keyed meanwhile.
 * Under BH_DSS_OWNER only the slots of the compartments in bh_dss_parkable are parked.
 */
#include <stdint.h>
#include <bulkhead/dss.h>
#include <bulkhead/image.h>
#include <bulkhead/service.h>
#include "arch/x86_64/x86.h"
#include "dss_internal.h"
#include "ring0.h"

#define DSS_SIZE ((uintptr_t)__bh_stack_slot)   /* one thread's slot, like the stack it shadows */
#define KEY_NONE 0                     /* no compartment's domain opens key 0 */
#define PAGE 4096ul

extern char __bh_dss_start[], __bh_dss_end[], __bh_threads_max[], __bh_stack_slot[];

static uint32_t running;              /* the thread whose data shadow stacks carry the shared key */

/*
 * Under BH_DSS_OWNER, the compartments (bit c) whose slots are parked: bulkhead-dss
 * (passes/DataShadowStack.cpp) writes it at link time, the compartments that put stack data on the
 * DSS and only lend it, so that no other thread can hold its address while this one is away.  A
 * compartment that lets a copy of such an address outlive the call (stored, handed to a new thread,
 * kept by a callee) keeps the shared key: parking it would stop a correct program.  Every bit until
 * the pass says otherwise (fail closed).  volatile: the compiler may not fold the value the pass has
 * not written yet; kernel data, so no compartment can change it.
 */
volatile uint64_t bh_dss_parkable = ~0ull;

static uint32_t threads_max(void) { return (uint32_t)(uintptr_t)__bh_threads_max; }

static uintptr_t slot(uint32_t c, uint32_t t)
{
	return (uintptr_t)__bh_dss_start + ((uintptr_t)c * threads_max() + t) * DSS_SIZE;
}

/* The key a switched-out thread's slot of compartment c carries under the image's policy. */
static uint32_t parked_key(const struct bh_image *img, uint32_t c)
{
	return bh_dss_policy() == BH_DSS_OWNER ? img->compartments[c].key : KEY_NONE;
}

/* Whether compartment c's slots are parked at all: every one under BH_DSS_RUNNING. */
int bh_dss_parks(uint32_t c)
{
	return bh_dss_policy() == BH_DSS_RUNNING || (c < 64 && ((bh_dss_parkable >> c) & 1));
}

static void park(const struct bh_image *img, uint32_t t)
{
	for (uint32_t c = 0; c < img->ncompartments; c++)
		if (bh_dss_parks(c))
			bh_paging_rekey(slot(c, t), slot(c, t) + DSS_SIZE, parked_key(img, c));
}

static void unpark(const struct bh_image *img, uint32_t t)
{
	for (uint32_t c = 0; c < img->ncompartments; c++)
		if (bh_dss_parks(c))
			bh_paging_rekey(slot(c, t), slot(c, t) + DSS_SIZE, img->shared_key);
}

/* At boot (kernel/main.c, after paging): thread 0 runs, every other thread is parked. */
void bh_dss_boot(void)
{
	if (bh_dss_policy() == BH_DSS_ALL)
		return;
	for (uint32_t t = 1; t < threads_max(); t++)
		park(&__bh_image, t);
	running = 0;
}

/* The rekeying writes page tables (ring 0): from ring 3 (mpk) it is the kernel's service, which runs
 * bh_dss_switch_r0 (kernel/service.c). */
int bh_dss_switch(uint32_t next)
{
	if (bh_dss_policy() == BH_DSS_ALL || (bh_dss_policy() == BH_DSS_OWNER && !bh_dss_parkable))
		return 0;   /* nothing parks: no kernel call on the switch */
	if (bh_ring3())
		return (int)bh_service(BH_SVC_DSS_SWITCH, next, 0, 0, 0);
	return bh_dss_switch_r0(next);
}

int bh_dss_switch_r0(uint32_t next)
{
	const struct bh_image *img = &__bh_image;
	if (bh_dss_policy() == BH_DSS_ALL)
		return 0;
	if (next >= threads_max())
		return -1;
	if (next == running)
		return 0;
	park(img, running);
	unpark(img, next);
	running = next;
	return 0;
}

int bh_dss_parked(uintptr_t addr, uint32_t *compartment, uint32_t *thread)
{
	if (bh_dss_policy() == BH_DSS_ALL || addr < (uintptr_t)__bh_dss_start || addr >= (uintptr_t)__bh_dss_end)
		return 0;
	uintptr_t n = (addr - (uintptr_t)__bh_dss_start) / DSS_SIZE;
	uint32_t t = (uint32_t)(n % threads_max());
	if (t == running || !bh_dss_parks((uint32_t)(n / threads_max())))
		return 0;
	*compartment = (uint32_t)(n / threads_max());
	*thread = t;
	return 1;
}

/*
 * A protection-key fault (trap.c, before it is reported): under BH_DSS_OWNER, a parked page touched by
 * a compartment allowed there -- the slot's own compartment (a page another took meanwhile), the
 * kernel's or a thread runtime's (__bh_dss_reach: libs/pthread locks a mutex that lives on a
 * switched-out thread's stack) -- is re-keyed to that compartment's key and the access retried.  Exactly one domain: an audit step's widened domain or the trap domain is no
 * compartment's and gets nothing.  Every other domain's fault is reported as the key violation it is.
 */
int bh_dss_fault(uintptr_t addr, uint64_t domain)
{
	const struct bh_image *img = &__bh_image;
	uint32_t c, t;
	if (bh_dss_policy() != BH_DSS_OWNER || !bh_dss_parked(addr, &c, &t) || c >= img->ncompartments)
		return 0;
	uintptr_t reach;
	__asm__("movabsq $__bh_dss_reach, %0" : "=r"(reach));
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		if ((uint32_t)domain != img->compartments[i].pkru)
			continue;
		if (i != c && !((reach >> i) & 1))
			return 0;
		uintptr_t page = addr & ~(PAGE - 1);
		bh_paging_rekey(page, page + PAGE, img->compartments[i].key);
		return 1;
	}
	return 0;
}
