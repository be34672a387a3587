/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IDT: vectors 0-47 (exceptions, then the 8259's interrupts), each an interrupt gate (interrupts stay off in the
 * handler) to its stub in trap.S.  It lives in .bh.sys, which carries the shared
 * key: the CPU's implicit reads of the IDT on a trap are subject to PKRU (the
 * page is a user page), so every domain must be able to read it.  paging.c maps
 * .bh.sys read-only, so this must run before bh_paging_init.
 */
#include <stdint.h>
#include "x86.h"

#define IDT_VECTORS 48   /* 0-31 exceptions, 32-47 the 8259's interrupts (backend vm) */
#define GATE_INTERRUPT_PRESENT 0x8e     /* P=1, DPL=0, type 0xe: 64-bit interrupt gate */

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
};

struct __attribute__((packed)) idt_pointer {
	uint16_t limit;
	uint64_t base;
};

_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

static struct idt_gate bh_idt[IDT_VECTORS] __attribute__((section(".bh.sys"), aligned(4096)));

extern const uintptr_t bh_trap_stubs[IDT_VECTORS];   /* trap.S */

void bh_idt_init(void)
{
	for (int v = 0; v < IDT_VECTORS; v++) {
		uintptr_t stub = bh_trap_stubs[v];
		bh_idt[v] = (struct idt_gate){
			.offset_low = (uint16_t)stub,
			.selector = BH_GDT_CODE,
			.ist = 0,                       /* no TSS: traps run on the current stack */
			.type = GATE_INTERRUPT_PRESENT,
			.offset_mid = (uint16_t)(stub >> 16),
			.offset_high = (uint32_t)(stub >> 32),
		};
	}
	struct idt_pointer p = { sizeof(bh_idt) - 1, (uintptr_t)bh_idt };
	__asm__ volatile("lidt %0" : : "m"(p) : "memory");
}
