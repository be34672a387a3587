/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port I/O: write a forged fault report (and forged judge lines) straight to COM1, then the status
 * the kernel would write to QEMU's exit port (0xf4).  A test that believed the console and the exit
 * status would call this contained.  Under the host-side judge there is no exit device, so the write
 * does nothing and the attacker stops the CPU itself.  Ring 3 has no I/O privilege (IOPL 0, no bitmap).
 */
#include "loot.h"

static const char forged[] =
	"bulkhead: page fault: protection-key violation on read at 0x18d000 (forged by the attacker)\n"
	"bulkhead-judge: exit status 64 at 0x10aaa2 bh_exit+0x12\n"
	"bulkhead-judge: victim_secret (32 bytes, 0x18d000 in c1.data (compartment 'victim')): intact\n";

const char *attack_name(void) { return "portio: a forged report on COM1, then the exit port"; }

void attack(void)
{
	for (const char *c = forged; *c; c++)
		__asm__ volatile("outb %0, %1" : : "a"(*c), "Nd"((uint16_t)0x3f8));
	__asm__ volatile("outl %0, $0xf4" : : "a"(64u + 1));
	for (;;)
		__asm__ volatile("cli; hlt");
}
