/* SPDX-License-Identifier: BSD-3-Clause */
#include "vmcalls.h"

/* Writes through a pointer into the caller's stack, then has mc read it. */
long b_fill(long *out, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++) {
		out[i] = (i + 1) * 11;
		s += out[i];
	}
	return s * 1000 + c_read(out, n);
}

long b_pong(long n)
{
	return n <= 0 ? 0 : 1 + a_ping(n - 1);
}

/* mb -> mc (with a pointer to mb's stack) -> ma (callback) -> mb (nested, while mb waits). */
long b_via_c(long x)
{
	volatile long local = x * 2;
	long r = c_mid((long *)&local);
	return r * 10 + local;
}

long b_leaf(long x)
{
	return x + 1;
}
