/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Heaps (docs/design.md section 7).  Every compartment has its own heap, a region of its own bss
 * (its key), sized by the configuration (`heap_kib`); one shared heap in the shared memory serves
 * data that must cross (`[heap] shared_kib`).
 *
 * The allocator is domain-neutral code (shared text, runs in the caller's domain) that keeps all
 * of its state inside the region it is given, so the same code serves every heap without a gate.
 * bh_malloc and friends name the caller's own heap through __bh_self_heap_*: in code of
 * compartment i the pass (bulkhead-partition) binds those to __bh_c<i>_heap_*, so memory from
 * bh_malloc is the caller's and no other compartment can touch it; memory from bh_shared_malloc
 * is everyone's.
 */
#ifndef BULKHEAD_HEAP_H
#define BULKHEAD_HEAP_H

#include <stddef.h>
#include <stdint.h>

struct bh_heap_usage {
	size_t size;     /* bytes in the region */
	size_t used;     /* bytes in live blocks, headers included */
	size_t peak;     /* the most `used` has been */
	size_t blocks;   /* live blocks */
};

/* Neutral: the heap is [start, end), its state at `start` (set up on first use: bss is zero). */
void *bh_heap_alloc(char *start, char *end, size_t n);
void bh_heap_free(char *start, char *end, void *p);
void *bh_heap_realloc(char *start, char *end, void *p, size_t n);
void bh_heap_usage(char *start, char *end, struct bh_heap_usage *out);

/* Neutral, called by code bulkhead-dss inserts under policy stack_data = "shared-heap": a block of
 * the shared heap for a local whose address leaves its compartment, and its release (zeroed). */
void *bh_stack_share(size_t n);
void bh_stack_unshare(void *p, size_t n);
/* The shared-heap blocks of the frames a longjmp skips (stack pointers in [low, high)): zeroed, freed. */
void bh_stack_unshare_skipped(uintptr_t low, uintptr_t high);

/* The calling compartment's heap (resolved per compartment by the pass) and the shared heap. */
extern char __bh_self_heap_start[], __bh_self_heap_end[];
extern char __bh_shared_heap_start[], __bh_shared_heap_end[];

static inline void *bh_malloc(size_t n) { return bh_heap_alloc(__bh_self_heap_start, __bh_self_heap_end, n); }
static inline void bh_free(void *p) { bh_heap_free(__bh_self_heap_start, __bh_self_heap_end, p); }
static inline void *bh_realloc(void *p, size_t n)
{
	return bh_heap_realloc(__bh_self_heap_start, __bh_self_heap_end, p, n);
}
static inline void *bh_calloc(size_t k, size_t n)
{
	if (n && k > SIZE_MAX / n)
		return 0;
	char *p = (char *)bh_malloc(k * n);
	for (size_t i = 0; p && i < k * n; i++)
		p[i] = 0;
	return p;
}
static inline void bh_heap_self_usage(struct bh_heap_usage *out)
{
	bh_heap_usage(__bh_self_heap_start, __bh_self_heap_end, out);
}

static inline void *bh_shared_malloc(size_t n)
{
	return bh_heap_alloc(__bh_shared_heap_start, __bh_shared_heap_end, n);
}
static inline void bh_shared_free(void *p) { bh_heap_free(__bh_shared_heap_start, __bh_shared_heap_end, p); }

#endif
