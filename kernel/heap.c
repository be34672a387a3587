/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The heap allocator (include/bulkhead/heap.h): first fit over an address-ordered free list,
 * coalescing on free.  Domain-neutral: no globals; everything it knows is in the region it is
 * handed, so it runs in the caller's domain on the caller's own heap (or the shared one).
 *
 * Region layout: a struct heap header, then blocks.  Every block starts with a struct block
 * (size including itself, a magic word that says whether it is free); a free block also links to
 * the next free block.  Payloads are 16-byte aligned.  A corrupted header, a pointer outside the
 * heap, or a double free stops the image with a report (BH_EXIT_HEAP_MISUSE) instead of corrupting more.
 */
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/heap.h>

#define HEAP_MAGIC 0x3150414548484231ull   /* "1BHHEAP1" */
#define USED 0x55534544u
#define FREE 0x46524545u
#define ALIGN 16u

struct heap {
	uint64_t magic;
	uint64_t free;            /* offset of the first free block from the region start, 0: none */
	uint64_t used, peak, blocks;
	uint64_t pad;
};

struct block {
	uint64_t size;            /* bytes, this header included, a multiple of ALIGN */
	uint32_t state;           /* USED or FREE */
	uint32_t check;           /* ~state ^ (uint32_t)size: catches overwritten headers */
	uint64_t next;            /* free blocks: offset of the next free block, 0: none */
	uint64_t pad;
};

_Static_assert(sizeof(struct heap) % ALIGN == 0 && sizeof(struct block) % ALIGN == 0, "alignment");

/* Not static: a neutral function may call only neutral functions, which the configuration names. */
__attribute__((noreturn)) void bh_heap_error(const char *what, char *start, const void *p);
__attribute__((noreturn)) void bh_heap_error(const char *what, char *start, const void *p)
{
	bh_printf("bulkhead: heap error: %s (pointer 0x%016lx, heap at 0x%016lx)\n", what, (unsigned long)p,
		  (unsigned long)start);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_HEAP_MISUSE, BH_EXIT_HEAP_MISUSE_WHAT);
	bh_exit(BH_EXIT_HEAP_MISUSE);
}

#define INLINE static inline __attribute__((always_inline))

INLINE void seal(struct block *b, uint32_t state)
{
	b->state = state;
	b->check = ~state ^ (uint32_t)b->size;
}

INLINE struct block *at(char *start, uint64_t off) { return (struct block *)(start + off); }

/* The heap's header, set up on first use (the region is bss: all zero until then). */
INLINE struct heap *heap_of(char *start, char *end)
{
	struct heap *h = (struct heap *)start;
	size_t size = (size_t)(end - start);
	if (size < sizeof(struct heap) + 2 * sizeof(struct block))
		return 0;   /* no heap configured (heap_kib = 0) */
	if (h->magic != HEAP_MAGIC) {
		if (h->magic != 0)
			bh_heap_error("the heap header was overwritten", start, start);
		struct block *b = at(start, sizeof(struct heap));
		b->size = (size - sizeof(struct heap)) & ~(uint64_t)(ALIGN - 1);
		b->next = 0;
		seal(b, FREE);
		h->free = sizeof(struct heap);
		h->magic = HEAP_MAGIC;
	}
	return h;
}

INLINE struct block *block_of(char *start, char *end, void *p)
{
	char *c = (char *)p;
	if (c < start + sizeof(struct heap) + sizeof(struct block) || c >= end ||
	    ((uintptr_t)c - (uintptr_t)start) % ALIGN)
		bh_heap_error("free or realloc of a pointer that is not in this heap", start, p);
	struct block *b = (struct block *)(c - sizeof(struct block));
	if (b->check != (~b->state ^ (uint32_t)b->size) || (b->state != USED && b->state != FREE))
		bh_heap_error("a block header was overwritten", start, p);
	if (b->state == FREE)
		bh_heap_error("double free", start, p);
	return b;
}

void *bh_heap_alloc(char *start, char *end, size_t n)
{
	struct heap *h = heap_of(start, end);
	if (!h || n > (size_t)(end - start))
		return 0;
	uint64_t need = (n + sizeof(struct block) + ALIGN - 1) & ~(uint64_t)(ALIGN - 1);
	uint64_t *link = &h->free;
	while (*link) {
		struct block *b = at(start, *link);
		if (b->state != FREE || b->check != (~b->state ^ (uint32_t)b->size))
			bh_heap_error("the free list was overwritten", start, b);
		if (b->size >= need) {
			if (b->size - need >= 2 * sizeof(struct block)) {   /* split: the rest stays free */
				struct block *rest = (struct block *)((char *)b + need);
				rest->size = b->size - need;
				rest->next = b->next;
				seal(rest, FREE);
				*link = *link + need;
				b->size = need;
			} else {
				*link = b->next;
			}
			b->next = 0;
			seal(b, USED);
			h->used += b->size;
			h->blocks++;
			if (h->used > h->peak)
				h->peak = h->used;
			return (char *)b + sizeof(struct block);
		}
		link = &b->next;
	}
	return 0;
}

void bh_heap_free(char *start, char *end, void *p)
{
	if (!p)
		return;
	struct heap *h = heap_of(start, end);
	if (!h)
		bh_heap_error("free on a compartment without a heap", start, p);
	struct block *b = block_of(start, end, p);
	h->used -= b->size;
	h->blocks--;
	uint64_t off = (uint64_t)((char *)b - start);
	/* Insert in address order, then merge with the neighbours. */
	uint64_t *link = &h->free;
	struct block *prev = 0;
	while (*link && *link < off) {
		prev = at(start, *link);
		link = &prev->next;
	}
	b->next = *link;
	*link = off;
	seal(b, FREE);
	if (b->next && off + b->size == b->next) {
		struct block *nb = at(start, b->next);
		b->size += nb->size;
		b->next = nb->next;
		seal(b, FREE);
	}
	if (prev && (uint64_t)((char *)prev - start) + prev->size == off) {
		prev->size += b->size;
		prev->next = b->next;
		seal(prev, FREE);
	}
}

void *bh_heap_realloc(char *start, char *end, void *p, size_t n)
{
	if (!p)
		return bh_heap_alloc(start, end, n);
	struct block *b = block_of(start, end, p);
	size_t have = b->size - sizeof(struct block);
	if (n <= have)
		return p;
	char *q = (char *)bh_heap_alloc(start, end, n);
	if (!q)
		return 0;
	for (size_t i = 0; i < have; i++)
		q[i] = ((char *)p)[i];
	bh_heap_free(start, end, p);
	return q;
}

void bh_heap_usage(char *start, char *end, struct bh_heap_usage *out)
{
	struct heap *h = heap_of(start, end);
	out->size = (size_t)(end - start);
	out->used = h ? h->used : 0;
	out->peak = h ? h->peak : 0;
	out->blocks = h ? h->blocks : 0;
}

/*
 * Policy stack_data = "shared-heap" (bulkhead-dss): a local whose address leaves a private-stack
 * compartment lives in a block of the shared heap, allocated where the local was and zeroed and
 * freed before every return of its function.  Each such block is tagged with its frame (the
 * caller's stack pointer at this call: `next`, unused in a used block, says it is one, `pad` holds
 * the frame), so that a longjmp which skips the frame frees it (bh_stack_unshare_skipped).
 * noinline: the frame is this function's caller.
 */
#define STACK_SHARE_TAG 0x4b434154535342ull   /* "BSSTACK" */

__attribute__((noinline)) void *bh_stack_share(size_t n)
{
	void *p = bh_heap_alloc(__bh_shared_heap_start, __bh_shared_heap_end, n);
	if (!p)
		bh_heap_error("the shared heap is exhausted: a local moved there by policy stack_data = "
			      "\"shared-heap\" does not fit (raise [heap] shared_kib)",
			      __bh_shared_heap_start, 0);
	struct block *b = (struct block *)((char *)p - sizeof(struct block));
	b->next = STACK_SHARE_TAG;
	b->pad = (uint64_t)(uintptr_t)__builtin_frame_address(0) + 16;   /* past saved rbp and return */
	return p;
}

/*
 * A longjmp (kernel/setjmp.c) leaves the frames whose stack pointer is in [low, high) without
 * running their returns: zero and free their shared-heap blocks.  Blocks are walked in address
 * order; after a free (which may merge blocks) the walk starts again.
 */
void bh_stack_unshare_skipped(uintptr_t low, uintptr_t high)
{
	char *start = __bh_shared_heap_start, *end = __bh_shared_heap_end;
	if (!heap_of(start, end))
		return;
again:
	for (uint64_t off = sizeof(struct heap); off + sizeof(struct block) <= (uint64_t)(end - start);) {
		struct block *b = at(start, off);
		if (b->size < sizeof(struct block) || b->check != (~b->state ^ (uint32_t)b->size))
			bh_heap_error("a block header was overwritten", start, b);
		if (b->state == USED && b->next == STACK_SHARE_TAG && b->pad >= low && b->pad < high) {
			bh_stack_unshare((char *)b + sizeof(struct block), b->size - sizeof(struct block));
			goto again;
		}
		off += b->size;
	}
}

void bh_stack_unshare(void *p, size_t n)
{
	volatile char *c = (volatile char *)p;
	for (size_t i = 0; i < n; i++)
		c[i] = 0;
	bh_heap_free(__bh_shared_heap_start, __bh_shared_heap_end, p);
}
