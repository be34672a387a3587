/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Another thread's data shadow stack: start a victim thread that shares a copy of the secret with the
 * app (so it lives on that thread's data shadow stack, in the shared memory), let it yield, then,
 * from this thread, overwrite and read that slot.  With [threads] dss = "running" the switched-out
 * thread's data shadow stacks carry a key no domain opens: the write faults and the copy is intact.
 */
#include "attacks.h"

int bh_thread_create(void (*fn)(void *), void *arg);
int bh_thread_yield(void);
int bh_thread_join(int id);

const char *attack_name(void) { return "dss: write and read another thread's data shadow stack"; }

void attack(void)
{
	int t = bh_thread_create(victim_dss_thread, 0);
	bh_thread_yield();                          /* the victim thread runs, shares its local, yields */
	volatile char *p = (volatile char *)victim_dss_slot();
	bh_printf("attacks: thread %d's shared local at %p\n", t, (void *)p);
	p[0] = 'X';
	bh_printf("attacks: dss byte %c\n", p[1]);
	bh_thread_join(t);
}
