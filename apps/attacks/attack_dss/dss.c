/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Another thread's data shadow stack: start a victim thread that lends a copy of the secret to the app
 * for one call (so it lives on that thread's data shadow stack), let it yield, then, from this thread,
 * find that thread's slot of the victim's compartment, read it from the top down and overwrite every
 * byte that is not zero.  The victim stores the address nowhere: the slot is where the image's layout
 * says (linker/image.ld.j2: the data shadow stacks one block, compartment by compartment, a stack slot
 * per thread), the compartment is the victim's symbol's (__bh_image, shared rodata).  Under
 * [threads] dss = "owner" (the default with private stacks) the slot carries the victim's key while
 * its thread is switched out, and under "running" a key no domain opens: the first read faults.
 */
#include "attacks.h"

int bh_thread_create(void (*fn)(void *), void *arg);
int bh_thread_yield(void);
int bh_thread_join(int id);

extern char __bh_dss_start[], __bh_threads_max[], __bh_stack_slot[];

const char *attack_name(void) { return "dss: write and read another thread's data shadow stack"; }

#define SCAN 4096u   /* the top page: the victim thread's first frames in its compartment */
#define MOST 64u     /* bytes overwritten at most */

void attack(void)
{
	int t = bh_thread_create(victim_dss_thread, 0);
	bh_thread_yield();                          /* the victim thread runs, lends its local, yields */
	int c = attacks_compartment_of("victim_dss_thread");
	if (c < 0 || t < 0) {
		bh_printf("attacks: no victim thread or compartment (%d, %d)\n", t, c);
		return;
	}
	uintptr_t size = (uintptr_t)__bh_stack_slot;
	uintptr_t slot = (uintptr_t)__bh_dss_start + ((uintptr_t)c * (uintptr_t)__bh_threads_max + (uintptr_t)t) * size;
	bh_printf("attacks: thread %d's data shadow stack of compartment %d at %p\n", t, c, (void *)slot);
	volatile char *p = (volatile char *)(slot + size);
	unsigned changed = 0;
	for (unsigned i = 0; i < SCAN && changed < MOST; i++) {
		p--;
		if (*p) {
			*p = 'X';
			changed++;
		}
	}
	bh_printf("attacks: dss bytes overwritten: %u\n", changed);
	bh_thread_join(t);
}
