/* SPDX-License-Identifier: BSD-3-Clause */
/* The library: reports SIBLING_K as it was compiled, and fills a box that lives on the caller's stack. */
#include <bulkhead/console.h>
#include "lib.h"

int lib_k(void)
{
	bh_printf("sibling: lib K=%d size=%d\n", SIBLING_K, (int)sizeof(struct sibling_box));
	return SIBLING_K;
}

int lib_fill(struct sibling_box *b)
{
	b->k = SIBLING_K;
	for (int i = 0; i < SIBLING_K; i++)
		b->v[i] = SIBLING_K;
	return (int)sizeof(*b);
}
