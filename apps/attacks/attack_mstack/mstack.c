/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Backend vm: from the attacker's machine, read the kernel machine's stack, then rewrite a return
 * address there.  The kernel's machine (compartment 0, 'core') waits in the gate for this call to
 * return, with main's frame, the gate's saved registers (the app's values, 0x5ec2e700000000xx: see
 * app/main.c) and main's return address on its stack.  While every machine's stacks were in the
 * shared memory, this read them all and made main call attack() a second time on return.  Now each
 * machine's stacks are in its own compartment's memory, which no other machine holds: the first read
 * is a not-present page fault in the attacker's own machine.
 */
#include "attacks.h"

static int runs;   /* this machine's memory */

const char *attack_name(void) { return "mstack: read and rewrite the kernel machine's stack"; }

/* Where the kernel machine's thread-0 stack is: compartment 0's own stack (linker/image.ld.j2), or,
   in an image linked before machines had stacks of their own, the first stack of the shared part. */
static volatile uint64_t *kernel_stack(void)
{
	uintptr_t own, shared;
	__asm__(".weak __bh_c0_stack_bottom\n\tmovabsq $__bh_c0_stack_bottom, %0" : "=r"(own));
	__asm__(".weak __bh_stack_start\n\tmovabsq $__bh_stack_start, %0" : "=r"(shared));
	return (volatile uint64_t *)(own ? own : shared);
}

void attack(void)
{
	if (++runs > 1) {
		bh_printf("attacks: mstack: main called the attacker again: its return address was rewritten\n");
		return;
	}
	/* The core's code, by the linker script's bounds (assembly may not name main itself). */
	uintptr_t text_start, text_end;
	__asm__("movabsq $__bh_c0_text_start, %0" : "=r"(text_start));
	__asm__("movabsq $__bh_c0_text_end, %0" : "=r"(text_end));
	/* Thread 0's slot: an unmapped guard page, then the stack proper ([threads] stack_kib: the slot's
	   size is the link-time __bh_stack_slot, kernel/stackguard.c). */
	uintptr_t slot;
	__asm__(".weak __bh_stack_slot\n\tmovabsq $__bh_stack_slot, %0" : "=r"(slot));
	if (!slot)
		slot = 0x10000 + 4096;
	volatile uint64_t *s = (volatile uint64_t *)((uintptr_t)kernel_stack() + 4096);
	unsigned code_words = 0;
	const unsigned words = (unsigned)((slot - 4096) / 8);
	unsigned secrets = 0, text = 0;
	volatile uint64_t *ret = 0;
	for (unsigned i = words; i-- > 0;) {   /* from the top: main's frame is the oldest */
		uint64_t w = s[i];
		if (w >> 16 == 0x5ec2e7000000ull)
			secrets++;
		const volatile char *c = (const volatile char *)&s[i];
		if (c[0] == 'a' && c[1] == 'p' && c[2] == 'p' && c[3] == '-' && c[4] == 's' && c[5] == 't')
			text++;
		/* From the top: kmain's return address (its call of main), then main's (its call of this
		   attack's gate). */
		if (!ret && w >= text_start && w < text_end && ++code_words == 2)
			ret = &s[i];
	}
	bh_printf("attacks: mstack: the kernel machine's stack holds %u of the app's register values, "
		  "%u app-stack-secret strings\n", secrets, text);
	if (ret) {
		*ret -= 5;   /* back onto main's `call` (rel32: 5 bytes): main calls attack() again */
		bh_printf("attacks: mstack: main's return address at %p rewritten\n", (void *)ret);
	}
}
