/* SPDX-License-Identifier: BSD-3-Clause */
/* The two 8259s (include/bulkhead/pic.h). */
#include <stdint.h>
#include <bulkhead/pic.h>
#include "x86.h"

#define PIC1 0x20
#define PIC2 0xa0
#define MSR_APIC_BASE 0x1b

static int ready;   /* bh_pic_init has run (vm's doorbell, the timer) */

void bh_pic_init(uint16_t unmasked)
{
	ready = 1;
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_APIC_BASE));
	lo &= ~(1u << 11);   /* the APIC's global enable */
	__asm__ volatile("wrmsr" : : "a"(lo), "d"(hi), "c"(MSR_APIC_BASE));
	outb(PIC1, 0x11);    /* ICW1: edge, cascade, ICW4 */
	outb(PIC2, 0x11);
	outb(PIC1 + 1, BH_PIC_VECTOR_BASE);
	outb(PIC2 + 1, BH_PIC_VECTOR_BASE + 8);
	outb(PIC1 + 1, 4);   /* the slave on IRQ 2 */
	outb(PIC2 + 1, 2);
	outb(PIC1 + 1, 1);   /* 8086 mode */
	outb(PIC2 + 1, 1);
	outb(PIC1 + 1, (uint8_t)~unmasked);
	outb(PIC2 + 1, (uint8_t)~(unmasked >> 8));
}

void bh_pic_eoi(void)
{
	outb(PIC1, 0x20);
}

void bh_pic_eoi_irq(unsigned irq)
{
	if (irq >= 8)
		outb(PIC2, 0x20);   /* the slave first, then the master's cascade line */
	outb(PIC1, 0x20);
}

void bh_pic_unmask(unsigned irq)
{
	if (!ready) {
		bh_pic_init((uint16_t)(1u << irq));
		return;
	}
	uint16_t port = irq < 8 ? PIC1 + 1 : PIC2 + 1;
	outb(port, (uint8_t)(inb(port) & ~(1u << (irq & 7))));
}

void bh_pic_mask(unsigned irq)
{
	if (!ready)
		return;
	uint16_t port = irq < 8 ? PIC1 + 1 : PIC2 + 1;
	outb(port, (uint8_t)(inb(port) | (1u << (irq & 7))));
}

/* An 8259 whose interrupt request goes away between raising INT and the CPU's acknowledge (a PCI
 * device's level line lowered by its driver, virtio-net's ISR read under load) answers with its
 * lowest-priority line, IRQ 7, without setting it in its in-service register.  Such an interrupt needs
 * no EOI from that chip (it has nothing in service); one from the slave (IRQ 15) did put the master's
 * cascade line in service, which does need one.  Read through OCW3 (0x0b: the next read of the command
 * port gives the in-service register). */
int bh_pic_spurious(unsigned irq)
{
	if (irq != 7 && irq != 15)
		return 0;
	uint16_t port = irq == 7 ? PIC1 : PIC2;
	outb(port, 0x0b);
	if (inb(port) & 0x80)
		return 0;   /* a real IRQ 7 or 15 */
	if (irq == 15)
		outb(PIC1, 0x20);
	return 1;
}
