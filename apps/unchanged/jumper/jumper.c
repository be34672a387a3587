/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Errors raised with longjmp within one compartment, as Lua raises them (docs/design.md 5f): a
 * protected call sets a jmp_buf, calls down through frames of its own compartment (one of them hands
 * a local to another compartment, so it lives on the data shadow stack or in a shared-heap block under
 * private stacks, and a crossing has returned before the raise) and the deepest raises.
 */
#include <bulkhead/setjmp.h>
#include "unchanged.h"

static jmp_buf *handler;
static const long *stale;   /* where the last raising frame's struct was */

__attribute__((noinline)) static void raise_error(int code)
{
	longjmp(*handler, code);
}

__attribute__((noinline)) static long deep(long n)
{
	struct big b = { n, n, n, n, n };
	long s = reader_sum(&b);          /* a crossing, returned before the raise */
	stale = &b.a;
	if (n % 3 == 0)
		raise_error((int)n);
	return s;
}

long jumper_protected(long n)
{
	jmp_buf env;
	jmp_buf *outer = handler;
	handler = &env;
	volatile long result;
	int code = setjmp(env);
	if (code == 0)
		result = deep(n);
	else
		result = -code;
	handler = outer;
	return result;
}

/* Whether the struct of the frame the last longjmp skipped was cleaned: with data shadow stacks the
 * kernel zeroes the shadows of skipped frames (its DSS copy is where b lived); elsewhere the stack
 * is simply left as it was (the answer differs by configuration: not part of the common output). */
int jumper_stale_clean(void)
{
	long any = 0;
	for (int i = 0; i < 5; i++)
		any |= ((const volatile long *)stale)[i];
	return any == 0;
}
