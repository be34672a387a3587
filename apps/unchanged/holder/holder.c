/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * By-value structs whose address leaves the compartment: the copy the ABI makes for a byval
 * parameter lives in the callee's frame (on its private stack), and an sret buffer lives in the
 * caller's frame.  Both reach the reader's compartment by pointer.
 */
#include "unchanged.h"

__attribute__((noinline)) long holder_take(struct big s)
{
	return reader_sum(&s);
}

/* The caller in the holder's own compartment: the byval copy is made here, not by a thunk. */
long holder_local(long base)
{
	struct big s = { base, base + 1, base + 2, base + 3, base + 4 };
	return holder_take(s);
}

/* sret: the result buffer is the caller's; reader_fill writes it from another compartment. */
__attribute__((noinline)) struct big holder_make(long base)
{
	struct big r;
	reader_fill(&r, base);
	return r;
}

long holder_twice(long base)
{
	struct big x = holder_make(base);
	return x.a + x.e + holder_take(x);
}
