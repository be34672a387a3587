/* SPDX-License-Identifier: BSD-3-Clause */
#include <bulkhead/heap.h>
#include "attacks.h"

char victim_secret[32] = "victim-secret-0123456789abcdef";
static const char motto[] = "constants are read-only for everyone";

uint32_t victim_digest(void)
{
	uint32_t h = 2166136261u;   /* FNV-1a, as the kernel's fault report computes it */
	for (unsigned i = 0; i < sizeof(victim_secret); i++)
		h = (h ^ (unsigned char)victim_secret[i]) * 16777619u;
	return h;
}

char *victim_secret_ptr(void)
{
	return victim_secret;
}

const char *victim_motto(void)
{
	return motto;
}

/* The secret changes at run time (as secrets do): without a store, LTO would fold it into constants
   compiled into the victim's code, which any domain can execute. */
__attribute__((used, noinline)) void victim_rekey(char c)
{
	victim_secret[(unsigned char)c % sizeof(victim_secret)] = c;
}

/* Not an entry point of the victim: only victim code calls it.  Reads the secret. */
__attribute__((noinline, used)) uint32_t victim_reveal(void)
{
	return (uint32_t)(unsigned char)victim_secret[0];
}

uint64_t victim_scratch(void)
{
	/* Scratch registers that carry no return value end up holding pieces of the secret. */
	const uint64_t *s = (const uint64_t *)victim_secret;
	__asm__ volatile("movq 0(%0), %%rsi\n\tmovq 8(%0), %%rdi\n\tmovq 16(%0), %%r8\n\t"
			 "movq 0(%0), %%r9\n\tmovq 8(%0), %%r10\n\tmovq 16(%0), %%r11\n\t"
			 "movq 0(%0), %%rcx\n\tmovq 8(%0), %%rdx"
			 : : "r"(s) : "rsi", "rdi", "r8", "r9", "r10", "r11", "rcx", "rdx");
	return 0;
}

uint64_t victim_vectors(void)
{
	/* Every vector register ends up holding 8 bytes of the secret (none carries the result). */
	const uint64_t *s = (const uint64_t *)victim_secret;
	__asm__ volatile("movq 0(%0), %%xmm0\n\tmovq 8(%0), %%xmm1\n\tmovq 16(%0), %%xmm2\n\tmovq 24(%0), %%xmm3\n\t"
			 "movq 0(%0), %%xmm4\n\tmovq 8(%0), %%xmm5\n\tmovq 16(%0), %%xmm6\n\tmovq 24(%0), %%xmm7\n\t"
			 "movq 0(%0), %%xmm8\n\tmovq 8(%0), %%xmm9\n\tmovq 16(%0), %%xmm10\n\tmovq 24(%0), %%xmm11\n\t"
			 "movq 0(%0), %%xmm12\n\tmovq 8(%0), %%xmm13\n\tmovq 16(%0), %%xmm14\n\tmovq 24(%0), %%xmm15"
			 : : "r"(s)
			 : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
			   "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	return 0;
}

const char *victim_stale(void)
{
	volatile char local[32];
	for (unsigned i = 0; i < sizeof(local); i++)
		local[i] = victim_secret[i];
	return (const char *)local;   /* dangling: the frame is gone once this returns */
}

/* A secret on the victim's own heap (bh_malloc: a region of its bss, its key). */
char *victim_heap_secret(void)
{
	static char *secret;
	if (!secret) {
		secret = bh_malloc(32);
		for (unsigned i = 0; i < 32; i++)
			secret[i] = victim_secret[i] ^ 0x20;
	}
	return secret;
}

/*
 * Thread code (attack 'dss'): a copy of the secret in a local whose address is lent to the app's
 * compartment for one call (app_hold keeps nothing of it), so bulkhead-dss puts it on this thread's
 * data shadow stack; then the thread yields with the copy there.  The address is stored nowhere: the
 * attacker finds the slot on its own (apps/attacks/attack_dss).  When the thread runs again it checks
 * the copy.
 */
int bh_thread_yield(void);

void victim_dss_thread(void *arg)
{
	(void)arg;
	char mine[32];
	for (unsigned i = 0; i < sizeof(mine); i++)
		mine[i] = victim_secret[i];
	app_hold(mine);
	bh_thread_yield();
	uint32_t h = 2166136261u;
	for (unsigned i = 0; i < sizeof(mine); i++)
		h = (h ^ (unsigned char)mine[i]) * 16777619u;
	bh_printf("attacks: the victim thread's shared stack data %s\n", h == victim_digest() ? "intact" : "CHANGED");
}
