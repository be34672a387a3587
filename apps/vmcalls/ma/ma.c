/* SPDX-License-Identifier: BSD-3-Clause */
#include "vmcalls.h"

/* Mutual recursion with b_pong: every level is a crossing (a nested call inside a call). */
long a_ping(long n)
{
	return n <= 0 ? 0 : 1 + b_pong(n - 1);
}

/* Called back by mc while ma waits for mb, which waits for mc; calls mb again. */
long a_visit(long x)
{
	return b_leaf(x) + 1000;
}

int main(void)
{
	long buf[4] = { 0, 0, 0, 0 };   /* stack data, filled by mb and read by mc */
	bh_printf("vmcalls: start\n");
	long s = b_fill(buf, 4);
	bh_printf("vmcalls: fill %ld %ld %ld %ld -> %ld\n", buf[0], buf[1], buf[2], buf[3], s);
	bh_printf("vmcalls: ping-pong depth %ld\n", a_ping(24));
	struct pair p = c_pair(6, 7);
	bh_printf("vmcalls: pair %ld %ld\n", p.sum, p.product);
	double d = c_scale(1.25, 3.0f);
	bh_printf("vmcalls: scale %d.%02d\n", (int)d, (int)(d * 100) % 100);
	bh_printf("vmcalls: callback chain %ld\n", b_via_c(5));
	long total = 0;
	for (int i = 0; i < 200; i++)
		total += b_leaf(i);
	bh_printf("vmcalls: 200 calls %ld\n", total);
	bh_printf("vmcalls: done\n");
	return 7;
}
