/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The run-time half of the rule for setjmp/longjmp (docs/design.md section 5f): a longjmp stays
 * within the compartment that calls it.  bulkhead-dss puts a call of bh_longjmp_check before every
 * longjmp of a gated image, with the calling compartment's code bounds; the pass refuses at link
 * time the jmp_bufs it sees leave their compartment, this stops the ones it cannot see (a jmp_buf
 * in a shared global, on the heap).  Domain-neutral: reads only the jmp_buf, prints, exits.
 */
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/heap.h>
#include <bulkhead/setjmp.h>

#define JMPBUF_RSP 6   /* arch/x86_64/setjmp.S: rbx, rbp, r12-r15, rsp, rip */
#define JMPBUF_RIP 7
extern char __bh_stack_slot[];   /* linker script: one thread's stack slot ([threads] stack_kib + guard) */
#define STACK_BYTES ((uintptr_t)__bh_stack_slot)   /* one thread's stack (docs/design.md 5, 5d) */

/*
 * The frames between here and the target are left without running their returns, where bulkhead-dss
 * zeroes their shadows on the data shadow stack (shared memory): zero the shadow of that whole
 * stretch of stack, [this frame, target rsp) - delta, so no stale shared data stays behind.  Nothing
 * live has a shadow there: the target frame and its callers are at or above the target rsp.
 */
static void scrub_skipped_shadows(uintptr_t low, uintptr_t high, long dss_delta)
{
	for (volatile char *p = (volatile char *)(low - dss_delta); p < (volatile char *)(high - dss_delta); p++)
		*p = 0;
}

void bh_longjmp_check(const long *env, const char *text_start, const char *text_end, int compartment,
		      long dss_delta, int shared_heap, unsigned long resume)
{
	const char *target = (const char *)env[JMPBUF_RIP];
	if (resume && (unsigned long)env[JMPBUF_RSP] >= resume) {
		bh_printf("bulkhead: longjmp in compartment %d to a frame above the crossing it waits in "
			  "(target stack 0x%016lx, gate at 0x%016lx): it would skip that crossing's gate; a "
			  "longjmp across compartments is not supported (docs/design.md section 5f)\n",
			  compartment, (unsigned long)env[JMPBUF_RSP], resume);
		bh_exit(BH_EXIT_LONGJMP);
	}
	if (target >= text_start && target < text_end) {
		/* The skipped frames: from this one up to the target's stack pointer. */
		uintptr_t low = (uintptr_t)__builtin_frame_address(0), high = (uintptr_t)env[JMPBUF_RSP];
		if (high <= low || high - low > STACK_BYTES)
			return; /* not below us on this stack: nothing of ours to clean */
		if (dss_delta)
			scrub_skipped_shadows(low, high, dss_delta);
		if (shared_heap)
			bh_stack_unshare_skipped(low, high);
		return;
	}
	bh_printf("bulkhead: longjmp from compartment %d to 0x%016lx, outside its code: a longjmp "
		  "across compartments is not supported (docs/design.md section 5f); keep setjmp, "
		  "longjmp and the jmp_buf in one compartment\n", compartment, (unsigned long)target);
	bh_exit(BH_EXIT_LONGJMP);
}
