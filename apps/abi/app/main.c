/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The whole System V x86-64 calling convention across a compartment boundary: stack-passed
 * integer and vector arguments, structs by value both ways (byval, sret, in registers), x87,
 * __int128 and a variadic callee.  What the gate cannot carry in registers goes through a
 * marshalling thunk (on the data shadow stack with private stacks).  Every configuration prints
 * the same lines as the unisolated build.
 */
#include <bulkhead/console.h>
#include "abi.h"

int main(void)
{
	struct big b = lib_make(7);
	long s = lib_bigsum(b, 3);
	bh_printf("abi: sret %ld %ld, byval %ld, caller copy %ld\n", b.v[0], b.v[7], s, b.v[0]);
	bh_printf("abi: sum8 %ld\n", lib_sum8(1, 2, 3, 4, 5, 6, 7, 8));
	double m = lib_mix(3, 1.5, 2.25f, 0.5, 2.0, 3.0, 0.125, 4.0, 0.5, 1.0, 9.75, 100);
	bh_printf("abi: mix %ld/1000\n", (long)(m * 1000));
	char line[64];
	int n = lib_log(line, (int)sizeof(line), "%s-%d-%x-%c", "v", -42, 0xbeefu, 'z');
	bh_printf("abi: log %d '%s'\n", n, line);
	long double ld = lib_ld(2.5L, 3);
	bh_printf("abi: x87 %ld/100\n", (long)(ld * 100));
	struct pair p = lib_pair(14, 10.0);
	bh_printf("abi: pair %ld %ld/100\n", p.a, (long)(p.b * 100));
	struct tiny t = lib_tiny((struct tiny){ { 'a', 'b', 'c' } });
	bh_printf("abi: tiny %c%c%c\n", t.c[0], t.c[1], t.c[2]);
	__int128 w = lib_wide((__int128)1 << 70, 1, 2, 3, 4, 5);
	bh_printf("abi: wide %lx %lx\n", (unsigned long)(w >> 64), (unsigned long)w);
	struct big f;
	lib_fill(&f, 2);
	bh_printf("abi: fill %ld %ld\n", f.v[1], f.v[6]);
	return 0;
}
