/* SPDX-License-Identifier: BSD-3-Clause */
#include <bulkhead/console.h>
#include <bulkhead/heap.h>
#include "heaps.h"

struct node {
	struct node *next;
	unsigned value;
};

static struct node *kept;   /* a list on this compartment's own heap */

void lib_fill(char *buf, size_t n, char seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(seed + i % 26);
}

unsigned lib_keep(unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		struct node *n = bh_malloc(sizeof(*n) + i * 8);
		n->value = i * 7 + 1;
		n->next = kept;
		kept = n;
	}
	unsigned sum = 0;
	for (struct node *n = kept; n; n = n->next)
		sum = sum * 31 + n->value;
	/* free every other node: the free list and coalescing get exercised */
	for (struct node **p = &kept; *p;) {
		struct node *n = *p;
		if (n->value % 2) {
			*p = n->next;
			bh_free(n);
		} else {
			p = &n->next;
		}
	}
	return sum;
}

void lib_usage(void)
{
	struct bh_heap_usage u;
	bh_heap_self_usage(&u);
	bh_printf("heaps-usage: lib heap %lu KiB, %lu blocks live, %lu bytes used, peak %lu\n", (unsigned long)(u.size / 1024),
		  (unsigned long)u.blocks, (unsigned long)u.used, (unsigned long)u.peak);
}
