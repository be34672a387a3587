/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A driver for QEMU's edu device, in a compartment of its own, through the kernel's PCI API
 * (bulkhead/pci.h): no port I/O here.  Registers (BAR 0, 32-bit): 0x00 identification 0xRRrr00ed,
 * 0x04 liveness (reads back the inverse), 0x08 factorial, 0x20 status (bit 0: computing), 0x24
 * interrupt status, 0x60 raise interrupt, 0x64 acknowledge interrupt.
 */
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/pci.h>
#include "bhthread.h"
#include "edu.h"

#define EDU_VENDOR 0x1234
#define EDU_DEVICE 0x11e8
#define REG_ID 0x00
#define REG_LIVENESS 0x04
#define REG_FACTORIAL 0x08
#define REG_STATUS 0x20
#define REG_IRQ_STATUS 0x24
#define REG_IRQ_RAISE 0x60
#define REG_IRQ_ACK 0x64
#define STATUS_COMPUTING 0x01
#define WAIT_TICKS (1ull << 34)   /* a long timeout: only a lost interrupt ever reaches it */

static int dev = BH_PCI_NONE;
static volatile uint32_t *regs;

static uint32_t rd(uint32_t off)
{
	return regs[off / 4];
}

static void wr(uint32_t off, uint32_t v)
{
	regs[off / 4] = v;
}

int edu_open(void)
{
	dev = bh_pci_find(EDU_VENDOR, EDU_DEVICE, 0);
	if (dev == BH_PCI_NONE) {
		bh_printf("edu: no device %04x:%04x (run with -device edu)\n", EDU_VENDOR, EDU_DEVICE);
		return -1;
	}
	uint32_t id = bh_pci_config_read(dev, 0);
	bh_printf("edu: found %04x:%04x, BAR 0 of %lu KiB, interrupt pin %u\n", id & 0xffff, id >> 16,
		  (unsigned long)(bh_pci_bar_size(dev, 0) >> 10), (bh_pci_config_read(dev, 0x3c) >> 8) & 0xff);
	regs = (volatile uint32_t *)bh_pci_bar_map(dev, 0);
	if (!regs) {
		bh_printf("edu: BAR 0 could not be mapped\n");
		return -1;
	}
	uint32_t ident = rd(REG_ID);
	wr(REG_LIVENESS, 0x12345678);
	uint32_t live = rd(REG_LIVENESS);
	wr(REG_FACTORIAL, 10);
	while (rd(REG_STATUS) & STATUS_COMPUTING)
		;
	bh_printf("edu: identification 0x%08x, liveness 0x%08x, 10! = %u\n", ident, live, rd(REG_FACTORIAL));
	return (ident & 0xff) == 0xed && live == ~0x12345678u ? 0 : -1;
}

void edu_wait_interrupt(void *arg)
{
	(void)arg;
	int self = bh_thread_self();
	uint32_t before = bh_pci_irq_taken(dev);
	int irq = bh_pci_irq_wake(dev, (uint32_t)self);
	if (irq < 0) {
		bh_printf("edu: the interrupt could not be routed\n");
		return;
	}
	bh_printf("edu: thread %d sleeps until IRQ %d\n", self, irq);
	uint64_t t0 = __builtin_ia32_rdtsc();   /* this CPU's clock: the sleep's start and end are both here */
	bh_thread_sleep(WAIT_TICKS);   /* the interrupt ends it early: the kernel marks this thread runnable */
	uint64_t slept = __builtin_ia32_rdtsc() - t0;
	uint32_t taken = bh_pci_irq_taken(dev) - before;
	uint32_t status = rd(REG_IRQ_STATUS);
	wr(REG_IRQ_ACK, status);
	bh_printf("edu: thread %d woken by %u interrupt(s) %s, interrupt status 0x%x, after the ack 0x%x\n", self,
		  taken, slept < WAIT_TICKS ? "before its timeout" : "AFTER ITS TIMEOUT (the interrupt did not wake it)",
		  status, rd(REG_IRQ_STATUS));
}

void edu_raise(uint32_t value)
{
	wr(REG_IRQ_RAISE, value);
}

uintptr_t edu_registers(void)
{
	return (uintptr_t)regs;
}
