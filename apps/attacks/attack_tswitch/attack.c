/* SPDX-License-Identifier: BSD-3-Clause */
/* Switch threads from outside the scheduler: call the backend's __bh_thread_switch (it is code every
   domain can execute) to make another thread index current, so that the private-stack gates would use
   another thread's slots.  Only the scheduler's domain may: the switch checks PKRU after its WRGSBASE. */
#include "attacks.h"

struct ctx {
	uint64_t regs[7];
};
void __bh_thread_switch(struct ctx *save, const struct ctx *load, uint64_t tid);

const char *attack_name(void) { return "tswitch: make another thread current from outside the scheduler"; }

void attack(void)
{
	static struct ctx save;
	__bh_thread_switch(&save, &save, 3);
	bh_printf("attacks: NOT CONTAINED: the thread index was switched\n");
}
