/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Includes its sibling component's header by a relative path, as many source trees do.  Both
 * components print SIBLING_K and the size of the struct they share; main hands lib a struct on its
 * own stack (moved to the data shadow stack or the shared heap with private stacks).
 */
#include <bulkhead/console.h>
#include "../lib/lib.h"

int main(void)
{
	struct sibling_box box;

	bh_printf("sibling: main K=%d size=%d\n", SIBLING_K, (int)sizeof(box));
	int lk = lib_k();
	int size = lib_fill(&box);
	int sum = 0;
	for (int i = 0; i < SIBLING_K; i++)
		sum += box.v[i];
	bh_printf("sibling: box k=%d sum=%d size main=%d lib=%d\n", box.k, sum, (int)sizeof(box), size);
	bh_printf("sibling: %s\n", lk == SIBLING_K && size == (int)sizeof(box) ? "agree" : "DISAGREE");
	return 0;
}
