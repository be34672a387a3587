/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef ATTACKS_H
#define ATTACKS_H
#include <stdint.h>
#include <bulkhead/image.h>

int bh_printf(const char *fmt, ...);

/* victim: another compartment's secret, a constant, and the digest the kernel's fault report repeats */
uint32_t victim_digest(void);
char *victim_secret_ptr(void);         /* the leak every attack starts from */
const char *victim_motto(void);        /* a pointer into constant (read-only) data */
uint64_t victim_scratch(void);         /* leaves secret bytes in scratch registers, returns 0 */
uint64_t victim_vectors(void);         /* leaves secret bytes in every vector register, returns 0 */
const char *victim_stale(void);        /* the bug: returns the address of one of its stack locals */
char *victim_heap_secret(void);        /* a block of the victim's own heap */
void victim_dss_thread(void *arg);     /* a thread that lends a stack local to the app, then yields */

/* app: a pointer to a buffer on the app's own stack, published before the attack runs */
extern const char *app_stack_buffer;
void app_hold(const char *p);          /* takes a pointer from another compartment (and keeps nothing) */

/* FNV-1a (32 bits) of n bytes, as the kernel's fault report digests the object a fault aimed at */
static inline uint32_t attacks_fnv1a(const volatile unsigned char *p, unsigned long n)
{
	uint32_t h = 2166136261u;
	for (unsigned long i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/*
 * The address of a symbol by its name, read from the image's own symbol table (__bh_image lives in
 * the shared rodata, readable from every compartment): how an attacker learns where another
 * compartment's code is without naming it, which the pass refuses in a component's assembly
 * (passes/README.md, "No escape from placement").  0 if there is no such symbol.
 */
static inline uintptr_t attacks_lookup(const char *name)
{
	for (uint32_t i = 0; i < __bh_image.nsymbols; i++) {
		const char *a = __bh_image.symbols[i].name, *b = name;
		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return __bh_image.symbols[i].addr;
	}
	return 0;
}

/* The compartment of a symbol, by its name, from the same table; -1 if there is no such symbol. */
static inline int attacks_compartment_of(const char *name)
{
	for (uint32_t i = 0; i < __bh_image.nsymbols; i++) {
		const char *a = __bh_image.symbols[i].name, *b = name;
		while (*a && *a == *b)
			a++, b++;
		if (*a == *b)
			return __bh_image.symbols[i].compartment;
	}
	return -1;
}

/* the attack component linked into this configuration */
const char *attack_name(void);
void attack(void);

#endif
