/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stack guard pages.  Every per-thread stack is a slot of __bh_stack_slot bytes (linker/image.ld.j2:
 * [threads] stack_kib of stack above BH_STACK_GUARD bytes of guard): the shared stacks, each
 * compartment's private stacks (mpk stack = "private"; backend vm: each machine's own), and the data
 * shadow stacks, which mirror the private stacks at a fixed delta.  The lowest page of every slot is
 * unmapped at boot, so a thread that runs off the bottom of a stack faults there instead of writing
 * into the stack of the thread (or the memory) below it.
 *
 * Such a fault is usually a double fault: the page fault's own frame cannot be pushed on a stack
 * whose rsp is already in the guard page, so the CPU raises #DF, which idt.c delivers on the IST stack.
 * Either way bh_stack_overflow_report names the thread, the stack and the compartment.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include "arch/x86_64/x86.h"
#include "report.h"
#include "stackguard.h"

extern char __bh_stack_slot[], __bh_threads_max[];   /* linker script */
extern char __bh_dss_start[], __bh_dss_end[];

#define SLOT ((uintptr_t)__bh_stack_slot)

/* The stacks of an image, one array of slots each: kind, first slot, how many, whose (or shared). */
struct stack_array {
	const char *kind;
	uintptr_t base;
	uint32_t slots;
	uint32_t compartment;   /* BH_SHARED_COMPARTMENT for the shared stacks and the data shadow stacks */
};

/* The i-th array of this image's stacks; 0 past the last.  Arrays an image has none of are empty. */
static int stack_array(const struct bh_image *img, uint32_t i, struct stack_array *out)
{
	uint32_t threads = (uint32_t)(uintptr_t)__bh_threads_max;
	if (i == 0) {
		*out = (struct stack_array){ "shared stack", (uintptr_t)__bh_stack_start,
					     (uint32_t)((uintptr_t)(__bh_stack_end - __bh_stack_start) / SLOT),
					     BH_SHARED_COMPARTMENT };
		return 1;
	}
	if (i == 1) {
		*out = (struct stack_array){ "data shadow stack", (uintptr_t)__bh_dss_start,
					     (uint32_t)((uintptr_t)(__bh_dss_end - __bh_dss_start) / SLOT),
					     BH_SHARED_COMPARTMENT };
		return 1;
	}
	uint32_t c = i - 2;
	if (c >= img->ncompartments || c >= BH_MAX_KEYED_COMPARTMENTS)
		return 0;
	*out = (struct stack_array){ "private stack", (uintptr_t)bh_private_stacks[c],
				     bh_private_stacks[c] ? threads : 0, c };
	return 1;
}

int bh_stack_guards_init(const struct bh_image *img)
{
	struct stack_array a;
	if (SLOT <= BH_STACK_GUARD || SLOT % BH_STACK_GUARD) {
		bh_printf("bulkhead: boot error: a stack slot of %lu bytes has no room above its %u-byte guard page "
			  "(linker script __bh_stack_slot; rebuild the image)\n", (unsigned long)SLOT, BH_STACK_GUARD);
		return BH_EXIT_BOOT_ERROR;
	}
	for (uint32_t i = 0; stack_array(img, i, &a); i++)
		for (uint32_t s = 0; s < a.slots; s++)
			/* Only what this machine maps (backend vm: its own stacks and the shared part). */
			bh_paging_unmap(a.base + s * SLOT, a.base + s * SLOT + BH_STACK_GUARD);
	return 0;
}

int bh_stack_guard_find(const struct bh_image *img, uintptr_t addr, struct bh_stack_guard_hit *hit)
{
	uint32_t threads = (uint32_t)(uintptr_t)__bh_threads_max;
	struct stack_array a;
	for (uint32_t i = 0; stack_array(img, i, &a); i++) {
		if (addr < a.base || addr - a.base >= (uintptr_t)a.slots * SLOT)
			continue;
		uint32_t s = (uint32_t)((addr - a.base) / SLOT);
		if (addr - a.base - (uintptr_t)s * SLOT >= BH_STACK_GUARD)
			return 0;   /* inside a stack, not its guard */
		hit->kind = a.kind;
		hit->low = a.base + (uintptr_t)s * SLOT + BH_STACK_GUARD;
		hit->high = a.base + (uintptr_t)(s + 1) * SLOT;
		hit->thread = threads ? s % threads : s;
		/* the data shadow stacks are one block, compartment by compartment (kernel/dss.c) */
		hit->compartment = i == 1 && threads ? s / threads : a.compartment;
		return 1;
	}
	return 0;
}

/*
 * The compartment whose code ran off the stack: the code at rip, or, when that is shared code (the
 * console, the string functions: domain-neutral, they run in their caller's domain), the first caller
 * up the frame-pointer chain (every component keeps frame pointers) that is a compartment's.  The
 * chain is followed only inside the stack that overflowed.  BH_SHARED_COMPARTMENT if none is found.
 */
static uint32_t running_compartment(const struct bh_image *img, const struct bh_trap_frame *f,
				    const struct bh_stack_guard_hit *hit)
{
	struct bh_place p;
	bh_locate(img, f->rip, &p);
	uintptr_t rbp = f->rbp;
	for (int depth = 0; p.compartment >= img->ncompartments && depth < 256; depth++) {
		if (rbp < hit->low || rbp + 16 > hit->high || (rbp & 7))
			break;
		const uintptr_t *frame = (const uintptr_t *)rbp;
		bh_locate(img, frame[1], &p);
		if (frame[0] <= rbp)
			break;   /* frames go up the stack */
		rbp = frame[0];
	}
	return p.compartment;
}

void bh_stack_overflow_report(const struct bh_trap_frame *f, uintptr_t addr, uint64_t domain,
			      const struct bh_stack_guard_hit *hit)
{
	const struct bh_image *img = &__bh_image;
	/* The compartment whose thread overflowed: the owner of a private stack, else whose code ran. */
	uint32_t c = hit->compartment < img->ncompartments ? hit->compartment : running_compartment(img, f, hit);
	bh_printf("bulkhead: stack overflow: thread %u ran off the bottom of its %s into the guard page at 0x%016lx\n",
		  hit->thread, hit->kind, (unsigned long)addr);
	if (c < img->ncompartments)
		bh_printf("bulkhead:   thread   %u in compartment '%s' (key %u), %lu KiB of stack ([threads] stack_kib)\n",
			  hit->thread, img->compartments[c].name, img->compartments[c].key,
			  (unsigned long)((SLOT - BH_STACK_GUARD) / 1024));
	else
		bh_printf("bulkhead:   thread   %u in shared code only, %lu KiB of stack ([threads] stack_kib)\n", hit->thread,
			  (unsigned long)((SLOT - BH_STACK_GUARD) / 1024));
	bh_report_place(img, "by", f->rip, 1);
	bh_report_domain(img, domain);
	bh_printf("bulkhead:   rsp      0x%016lx (raise [threads] stack_kib, or use less stack)\n", (unsigned long)f->rsp);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_STACK_OVERFLOW, BH_EXIT_STACK_OVERFLOW_WHAT);
	bh_exit(BH_EXIT_STACK_OVERFLOW);
}
