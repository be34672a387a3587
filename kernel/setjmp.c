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
#include <bulkhead/setjmp.h>

#define JMPBUF_RIP 7   /* arch/x86_64/setjmp.S: rbx, rbp, r12-r15, rsp, rip */

void bh_longjmp_check(const long *env, const char *text_start, const char *text_end, int compartment)
{
	const char *target = (const char *)env[JMPBUF_RIP];
	if (target >= text_start && target < text_end)
		return;
	bh_printf("bulkhead: longjmp from compartment %d to 0x%016lx, outside its code: a longjmp "
		  "across compartments is not supported (docs/design.md section 5f); keep setjmp, "
		  "longjmp and the jmp_buf in one compartment\n", compartment, (unsigned long)target);
	bh_exit(BH_EXIT_LONGJMP);
}
