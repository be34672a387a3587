/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SYSCALL with a forged service number (0xdead, no service) and arguments pointing at the victim's
 * secret.  Whatever the kernel's entry surface is (issue 13), an unknown service must stop the caller
 * or fail, never run.  Before the kernel has a SYSCALL entry (EFER.SCE clear), the instruction is #UD.
 */
#include "loot.h"

const char *attack_name(void) { return "syscallnr: SYSCALL with a forged service number"; }

void attack(void)
{
	char *p = victim_secret_ptr();
	long ret;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(0xdeadl), "D"(p), "S"(p), "d"(32l)
			 : "rcx", "r11", "memory");
	bh_printf("attacks: service 0xdead returned %ld\n", ret);
	attack_not_contained("SYSCALL with a forged service number returned");
}
