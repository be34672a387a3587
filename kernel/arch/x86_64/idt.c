/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IDT: vectors 0-47 (exceptions, then the 8259's interrupts), each an interrupt gate (interrupts stay off in the
 * handler) to its stub in trap.S.  It lives in .bh.sys, which carries the shared
 * key: the CPU's implicit reads of the IDT on a trap are subject to PKRU (the
 * page is a user page), so every domain must be able to read it.  paging.c maps
 * .bh.sys read-only, so this must run before bh_paging_init.
 */
#include <stdint.h>
#include <bulkhead/abi.h>
#include <bulkhead/backend.h>
#include <bulkhead/image.h>
#include "x86.h"

#define IDT_VECTORS 48   /* 0-31 exceptions, 32-47 the 8259's interrupts (backend vm) */
#define VEC_DOUBLE_FAULT 8
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

/*
 * The timer's interrupt (vector 32, kernel/timer.c) arrives at any instruction, in a gate too:
 * between a private-stack gate's WRPKRU and its stack switch, rsp points into a stack the new
 * domain may not write, and delivering there would fault (then #DF).  So the CPU delivers it on
 * its own stack (IST 1): in the shared memory, which every domain may write.  trap.S copies the
 * frame to the kernel's trap stack as soon as the trap domain is open and zeroes it here, so a
 * tick nested in a handler finds the IST stack free; the return goes through the interrupted
 * compartment's own trap-return area (trap.c), so nothing of the interrupted code stays here.  The
 * TSS is in .bh.sys: the CPU reads its IST entry in every domain.
 */
struct __attribute__((packed)) tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
};
_Static_assert(sizeof(struct tss) == 104, "the 64-bit TSS is 104 bytes");

static struct tss bh_tss __attribute__((section(".bh.sys"), aligned(16)));
/* Supervisor memory where compartments run in ring 3 (.bh.monitor, paging.c): ring 0 alone writes it,
 * whatever the domain in force.  (In ring-0 images it is a user page with the shared key.) */
char bh_ist_stack[BH_IST_STACK_SIZE] __attribute__((section(".bh.monitor"), aligned(16)));   /* trap.S */
extern char bh_trap_stack[BH_TRAP_STACK_SIZE];   /* kernel/trap.c */
extern uint64_t bh_gdt_tss[2];   /* boot.S: the GDT's TSS descriptor */

static void tss_init(void)
{
	bh_tss.ist[0] = (uint64_t)(uintptr_t)(bh_ist_stack + sizeof(bh_ist_stack));
	/* A trap from ring 3 starts on the kernel's trap stack (RSP0).  One stack suffices: ring 3 runs
	 * only when no trap is being handled (one CPU; no handler switches threads or returns to ring 3
	 * before its iretq), so the trap stack is empty whenever the CPU loads RSP0. */
	bh_tss.rsp[0] = (uint64_t)(uintptr_t)(bh_trap_stack + BH_TRAP_STACK_SIZE);
	bh_tss.iomap_base = sizeof(struct tss);   /* no I/O permission map */
	uint64_t base = (uint64_t)(uintptr_t)&bh_tss, limit = sizeof(struct tss) - 1;
	bh_gdt_tss[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |   /* present, 64-bit TSS */
			((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	bh_gdt_tss[1] = base >> 32;
	__asm__ volatile("ltr %w0" : : "r"(BH_GDT_TSS) : "memory");   /* sets the busy bit: before paging */
}

extern const uintptr_t bh_trap_stubs[IDT_VECTORS];   /* trap.S */

/*
 * Which vectors arrive on IST 1: the timer; #DF (a fault whose frame could not be pushed: a stack run
 * into its guard page, kernel/stackguard.c); and the 8259's other lines, which carry device interrupts
 * (kernel/pci.c) that may land in a gate like the timer's, unless the backend takes them on the
 * interrupted stack (bh_backend_irq_on_interrupted_stack: vm, whose doorbell is one of them).
 * The rest on the current stack.
 */
static int on_ist(int v)
{
	if (v == BH_TIMER_VECTOR || v == VEC_DOUBLE_FAULT)
		return 1;
	return v > BH_TIMER_VECTOR && !bh_backend_irq_on_interrupted_stack();
}

void bh_idt_init(void)
{
	for (int v = 0; v < IDT_VECTORS; v++) {
		uintptr_t stub = bh_trap_stubs[v];
		bh_idt[v] = (struct idt_gate){
			.offset_low = (uint16_t)stub,
			.selector = BH_GDT_CODE,
			.ist = on_ist(v) ? 1 : 0,
			.type = GATE_INTERRUPT_PRESENT,
			.offset_mid = (uint16_t)(stub >> 16),
			.offset_high = (uint32_t)(stub >> 32),
		};
	}
	tss_init();
	struct idt_pointer p = { sizeof(bh_idt) - 1, (uintptr_t)bh_idt };
	__asm__ volatile("lidt %0" : : "m"(p) : "memory");
}
