/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * setjmp/longjmp for components without libc (kernel/arch/x86_64/setjmp.S; with libc, newlib's
 * <setjmp.h> declares the same two functions).  A longjmp must stay within one compartment: the
 * pass refuses a jmp_buf that may reach another compartment, and the kernel stops a longjmp to
 * another compartment's code (docs/design.md section 5f).
 */
#ifndef BULKHEAD_SETJMP_H
#define BULKHEAD_SETJMP_H

typedef long jmp_buf[8];   /* rbx, rbp, r12-r15, rsp, rip */

__attribute__((returns_twice)) int setjmp(jmp_buf env);
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);

/* Put before every longjmp of a gated image by bulkhead-dss: stops the image unless env's target
 * lies in [text_start, text_end), the code of the compartment calling longjmp, and, with private
 * stacks, below `resume` (the compartment's %gs:__bh_c<i>_sp: a target at or above it would skip a
 * crossing the compartment waits in; 0: no such check).  With private stacks it cleans up after the
 * frames the longjmp skips, as their returns would have: zeroes their shadows on the data shadow
 * stack (dss_delta: __bh_c<i>_dss_delta, 0 without private stacks) and, under stack_data =
 * "shared-heap" (shared_heap != 0), zeroes and frees their shared-heap blocks.  Neutral. */
void bh_longjmp_check(const long *env, const char *text_start, const char *text_end, int compartment,
		      long dss_delta, int shared_heap, unsigned long resume);

#endif
