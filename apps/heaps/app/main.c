/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Heaps: each compartment allocates from its own heap (bh_malloc: a region of its bss, sized by
 * heap_kib in the configuration); data that must cross comes from the shared heap
 * (bh_shared_malloc).  The same output in every configuration.
 */
#include <bulkhead/console.h>
#include <bulkhead/heap.h>
#include "heaps.h"

int main(void)
{
	/* Own heap: allocate, grow, free; the allocator's state lives in this compartment's region. */
	char *blocks[16];
	for (int i = 0; i < 16; i++) {
		blocks[i] = bh_malloc(100 + 37 * i);
		for (int j = 0; j < 100 + 37 * i; j++)
			blocks[i][j] = (char)i;
	}
	for (int i = 0; i < 16; i += 2)
		bh_free(blocks[i]);
	blocks[1] = bh_realloc(blocks[1], 4000);
	int ok = blocks[1][136] == 1 && blocks[15][654] == 15;
	int *zeros = bh_calloc(256, sizeof(int));
	for (int i = 0; i < 256; i++)
		ok &= zeros[i] == 0;
	bh_printf("heaps: own heap blocks %s\n", ok ? "intact" : "CORRUPT");

	/* Shared heap: the other compartment fills it, we read it. */
	char *shared = bh_shared_malloc(64);
	lib_fill(shared, 63, 'a');
	shared[63] = 0;
	bh_printf("heaps: shared buffer '%.26s' (%c%c)\n", shared, shared[26], shared[62]);
	bh_shared_free(shared);

	bh_printf("heaps: lib list checksum %u\n", lib_keep(40));
	lib_usage();
	struct bh_heap_usage u;
	bh_heap_self_usage(&u);
	bh_printf("heaps-usage: app heap %lu KiB, %lu blocks live\n", (unsigned long)(u.size / 1024), (unsigned long)u.blocks);

	/* Exhaustion is an answer, not a crash. */
	void *huge = bh_malloc(u.size);
	bh_printf("heaps: allocating the whole heap again: %s\n", huge ? "GOT MEMORY" : "null, as it must");
	return 0;
}
