/* SPDX-License-Identifier: BSD-3-Clause */
/* The legacy interrupt controller, for the kernel's timer and backend vm's doorbell (arch/x86_64/pic.c). */
#ifndef BULKHEAD_PIC_H
#define BULKHEAD_PIC_H

#include <stdint.h>

#define BH_PIC_VECTOR_BASE 32   /* IRQ i arrives as vector 32 + i */

/* Turns the local APIC off (the 8259 then delivers straight to the CPU, with no LINT0 set-up: QEMU -M pc)
 * and programs both 8259s for vectors 32-47 with only the IRQs set in `unmasked` (bit i: IRQ i) open. */
void bh_pic_init(uint16_t unmasked);

/* Opens IRQ `irq` (0-15) and leaves the others as they are; programs the 8259s first (all else
 * masked) if nothing has.  bh_pic_mask closes it again.  (The wake timer next to vm's doorbell.) */
void bh_pic_unmask(unsigned irq);
void bh_pic_mask(unsigned irq);

/* End of interrupt (IRQs 0-7). */
void bh_pic_eoi(void);

/* End of interrupt for IRQ irq: the slave 8259 too for IRQs 8-15 (kernel/pci.c). */
void bh_pic_eoi_irq(unsigned irq);

/* 1 if IRQ irq (7 or 15) is a spurious interrupt of its 8259 (nothing in service: ignore it; the
 * master's cascade is acknowledged here for 15), else 0. */
int bh_pic_spurious(unsigned irq);

#endif
