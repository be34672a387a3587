/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Jump into the kernel's text at a privileged instruction: the `cli; hlt` (fa f4) the boot code keeps
 * after kmain, found by scanning the kernel's boot text.  Code is executable from every domain in
 * ring 0; from ring 3, kernel text is supervisor-only and the fetch faults.
 */
#include "loot.h"

/* __bh_boot_start and __bh_boot_end come from <bulkhead/image.h>, through attacks.h. */

const char *attack_name(void) { return "kjump: jump to a privileged instruction (cli; hlt) in kernel text"; }

void attack(void)
{
	const volatile unsigned char *p;
	__asm__ volatile("leaq __bh_boot_start(%%rip), %0" : "=r"(p));
	for (; p + 2 <= (const volatile unsigned char *)__bh_boot_end; p++)
		if (p[0] == 0xfa && p[1] == 0xf4) {
			bh_printf("attacks: jumping to cli; hlt in kernel text at %p\n", (const void *)p);
			__asm__ volatile("jmp *%0" : : "r"(p));
		}
	bh_printf("attacks: no cli; hlt in kernel text\n");
	bh_exit(10);
}
