/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vmcalls: crossings in every shape the vm backend must carry (tests/test_vm.py): nested calls,
 * callbacks in both directions, mutual recursion, pointers to stack data, rax:rdx and SSE
 * arguments and results.  Three components, meant for three compartments; with backend none it
 * prints the reference output.
 */
#ifndef VMCALLS_H
#define VMCALLS_H

int bh_printf(const char *fmt, ...);

struct pair {
	long sum, product;   /* returned in rax:rdx */
};

/* ma (with main) */
long a_ping(long n);
long a_visit(long x);

/* mb */
long b_fill(long *out, int n);
long b_pong(long n);
long b_via_c(long x);
long b_leaf(long x);

/* mc */
long c_read(const long *p, int n);
struct pair c_pair(long a, long b);
double c_scale(double x, float y);
long c_mid(long *p);

#endif
