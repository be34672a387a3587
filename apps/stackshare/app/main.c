/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stack data handed to another compartment by pointer: a buffer, a struct, an array, two ints, and a
 * pointer passed on through a helper of the app's own compartment.  With private stacks the pass moves
 * exactly these locals to the data shadow stack; the output is the same in every configuration.
 */
#include "stackshare.h"

/* Same compartment as main: its parameter carries main's local on to lib (an exported parameter). */
__attribute__((noinline)) static void relay_move(struct point *p)
{
	lib_move(p, 100, -100);
}

__attribute__((noinline)) static int private_work(int n)
{
	volatile int scratch[8];          /* never leaves the compartment: stays on the private stack */
	for (int i = 0; i < 8; i++)
		scratch[i] = n * i;
	return scratch[7];
}

int main(void)
{
	char buf[40];
	struct point p = { 3, 4 };
	uint32_t v[16];
	int a = 1, b = 2;

	lib_fill(buf, (int)sizeof(buf), 'a');
	bh_printf("stackshare: buf %s\n", buf);
	lib_move(&p, 10, 20);
	relay_move(&p);
	bh_printf("stackshare: point %d %d\n", p.x, p.y);
	for (int i = 0; i < 16; i++)
		v[i] = (uint32_t)(i * i);
	bh_printf("stackshare: sum %lu\n", (unsigned long)lib_sum(v, 16));
	lib_swap(&a, &b);
	bh_printf("stackshare: swapped %d %d, private %d\n", a, b, private_work(3));
	return 0;
}
