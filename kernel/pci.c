/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI (include/bulkhead/pci.h): configuration space through the legacy mechanism #1 ports (0xCF8
 * address, 0xCFC data), which only the kernel uses, so a driver in another compartment (and, later,
 * in ring 3) needs no port I/O.  Every bus is scanned once, on the first call; a device keeps its
 * location, ids, interrupt line and memory BARs.  A memory BAR is mapped into the owning driver's
 * compartment with its key (arch/x86_64/paging.c bh_paging_map_device); the INTx line, as the
 * firmware (SeaBIOS) routed it to an 8259 IRQ, is unmasked on request, and its interrupt is taken
 * here (bh_pci_interrupt, from trap.c): masked again (the line stays asserted until the driver
 * acknowledges the device), acknowledged at the 8259s, counted, and the driver's thread marked
 * runnable (wake.c bh_wake_mark).
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/image.h>
#include <bulkhead/pci.h>
#include <bulkhead/service.h>
#include "ring0.h"
#include <bulkhead/pic.h>
#include <bulkhead/string.h>
#include <bulkhead/wake.h>
#include "arch/x86_64/x86.h"
#include "pci_internal.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define MAX_DEVICES 32
#define BARS 6
#define NO_OWNER 0xffffffffu
#define PAGE 4096ull

#define REG_ID 0x00
#define REG_COMMAND 0x04
#define REG_HEADER 0x0c
#define REG_BAR0 0x10
#define REG_INTERRUPT 0x3c
#define COMMAND_MEMORY (1u << 1)
#define COMMAND_MASTER (1u << 2)   /* bus master: the device may read and write memory (DMA) */
#define BAR_IO 1u
#define BAR_TYPE_64 (2u << 1)

struct device {
	uint8_t bus, slot, func;
	uint8_t irq;          /* the interrupt line the firmware set (0xff: none) */
	uint32_t id;          /* device << 16 | vendor */
	uint64_t bar[BARS];   /* memory BARs' addresses (0: none, an I/O BAR, or the upper half of a 64-bit one) */
	uint64_t size[BARS];
	uint32_t owner;       /* the compartment that mapped or routed it first */
	uint32_t tid;         /* the thread its interrupt wakes */
	int irq_armed;
	uint8_t mapped;       /* bit i: BAR i is mapped (for its owner) */
	uint32_t taken;       /* interrupts taken */
};

static struct device devices[MAX_DEVICES];
static int ndevices = -1;   /* -1: not scanned yet */

static uint32_t address(uint8_t bus, uint8_t slot, uint8_t func, uint32_t offset)
{
	return 1u << 31 | (uint32_t)bus << 16 | (uint32_t)slot << 11 | (uint32_t)func << 8 | (offset & 0xfc);
}

static uint32_t config_read(uint8_t bus, uint8_t slot, uint8_t func, uint32_t offset)
{
	outl(CONFIG_ADDRESS, address(bus, slot, func, offset));
	return inl(CONFIG_DATA);
}

static void config_write(uint8_t bus, uint8_t slot, uint8_t func, uint32_t offset, uint32_t v)
{
	outl(CONFIG_ADDRESS, address(bus, slot, func, offset));
	outl(CONFIG_DATA, v);
}

/* Memory BAR i's address and size: the size by writing all ones with memory decoding off, as the
 * PCI specification describes, then the firmware's value back. */
static void read_bars(struct device *d)
{
	uint32_t cmd = config_read(d->bus, d->slot, d->func, REG_COMMAND);
	config_write(d->bus, d->slot, d->func, REG_COMMAND, cmd & ~COMMAND_MEMORY);
	for (int i = 0; i < BARS; i++) {
		uint32_t off = REG_BAR0 + 4 * (uint32_t)i;
		uint32_t lo = config_read(d->bus, d->slot, d->func, off);
		if (lo & BAR_IO)
			continue;
		int wide = (lo & (3u << 1)) == BAR_TYPE_64 && i + 1 < BARS;
		uint32_t hi = wide ? config_read(d->bus, d->slot, d->func, off + 4) : 0;
		config_write(d->bus, d->slot, d->func, off, 0xffffffffu);
		uint64_t mask = config_read(d->bus, d->slot, d->func, off) & ~0xfu;
		config_write(d->bus, d->slot, d->func, off, lo);
		if (wide) {
			config_write(d->bus, d->slot, d->func, off + 4, 0xffffffffu);
			mask |= (uint64_t)config_read(d->bus, d->slot, d->func, off + 4) << 32;
			config_write(d->bus, d->slot, d->func, off + 4, hi);
		} else {
			mask |= 0xffffffff00000000ull;
		}
		uint64_t addr = ((uint64_t)hi << 32 | lo) & ~0xfull;
		if (mask & 0xfffffff0u && addr) {
			d->bar[i] = addr;
			d->size[i] = ~mask + 1;
		}
		if (wide)
			i++;
	}
	config_write(d->bus, d->slot, d->func, REG_COMMAND, cmd);
}

static void scan(void)
{
	if (ndevices >= 0)
		return;
	ndevices = 0;
	for (uint32_t bus = 0; bus < 256; bus++)
		for (uint8_t slot = 0; slot < 32; slot++)
			for (uint8_t func = 0; func < 8; func++) {
				uint32_t id = config_read((uint8_t)bus, slot, func, REG_ID);
				if ((id & 0xffff) == 0xffff) {
					if (func == 0)
						break;   /* no device in this slot */
					continue;
				}
				if (ndevices == MAX_DEVICES) {
					bh_printf("bulkhead: pci: more than %d devices; the rest are ignored\n", MAX_DEVICES);
					return;
				}
				struct device *d = &devices[ndevices++];
				*d = (struct device){ .bus = (uint8_t)bus, .slot = slot, .func = func, .id = id,
						      .owner = NO_OWNER };
				d->irq = (uint8_t)config_read((uint8_t)bus, slot, func, REG_INTERRUPT);
				uint32_t header = config_read((uint8_t)bus, slot, func, REG_HEADER) >> 16 & 0xff;
				if ((header & 0x7f) == 0)   /* a plain device (bridges' BARs are not for drivers) */
					read_bars(d);
				if (func == 0 && !(header & 0x80))
					break;   /* not a multi-function device */
			}
}

static struct device *device(int dev)
{
	scan();
	return dev >= 0 && dev < ndevices ? &devices[dev] : 0;
}

/* dev's owner is `self` from now on, or it already was; 0 if another compartment owns it. */
static struct device *owned(int dev, uint32_t self, const char *what)
{
	const struct bh_image *img = &__bh_image;
	struct device *d = device(dev);
	if (self >= img->ncompartments)
		return 0;
	if (!d) {
		/* (Under a backend with a machine per compartment, a device is only in its driver's.) */
		bh_printf("bulkhead: pci: %s of device %d refused to compartment '%s': no such device here\n", what,
			  dev, img->compartments[self].name);
		return 0;
	}
	const char *refusal = bh_backend_device_refusal();
	if (refusal) {
		bh_printf("bulkhead: pci: %s: not under backend %s (%s)\n", what, img->backend, refusal);
		return 0;
	}
	if (d->owner == NO_OWNER)
		d->owner = self;
	if (d->owner != self) {
		bh_printf("bulkhead: pci: %s of device %02x:%02x.%u refused to compartment '%s': it belongs to "
			  "compartment '%s'\n", what, d->bus, d->slot, d->func, img->compartments[self].name,
			  img->compartments[d->owner].name);
		return 0;
	}
	return d;
}

static int pci_find_r0(uint32_t vendor, uint32_t devid, uint32_t nth)
{
	scan();
	for (int i = 0; i < ndevices; i++)
		if (devices[i].id == (devid << 16 | (vendor & 0xffff)) && nth-- == 0)
			return i;
	return BH_PCI_NONE;
}

static uint32_t pci_config_read_r0(int dev, uint32_t offset)
{
	struct device *d = device(dev);
	if (!d || offset > 252 || (offset & 3))
		return 0xffffffffu;
	return config_read(d->bus, d->slot, d->func, offset);
}

static uint64_t pci_bar_size_r0(int dev, uint32_t bar)
{
	struct device *d = device(dev);
	return d && bar < BARS ? d->size[bar] : 0;
}

static uintptr_t pci_bar_map_for_r0(int dev, uint32_t bar, uint32_t self)
{
	struct device *d = owned(dev, self, "mapping a BAR");
	if (!d || bar >= BARS || !d->bar[bar])
		return 0;
	uint64_t start = d->bar[bar] & ~(PAGE - 1), end = (d->bar[bar] + d->size[bar] + PAGE - 1) & ~(PAGE - 1);
	if (bh_paging_map_device((uintptr_t)start, (uintptr_t)end, __bh_image.compartments[self].key) != 0)
		return 0;
	d->mapped |= (uint8_t)(1u << bar);
	bh_backend_device_mapped(&(struct bh_device_bar){ .start = d->bar[bar], .size = d->size[bar], .owner = self,
							  .id = d->id, .bus = d->bus, .slot = d->slot,
							  .func = d->func, .bar = (uint8_t)bar });
	return (uintptr_t)d->bar[bar];
}

static int pci_irq_wake_for_r0(int dev, uint32_t tid, uint32_t self)
{
	struct device *d = owned(dev, self, "routing the interrupt");
	if (!d || d->irq >= 16 || d->irq == 2 || tid >= BH_WAKE_THREADS)
		return -1;
	uint64_t flags;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	d->tid = tid;
	d->irq_armed = 1;
	if (d->irq >= 8)
		bh_pic_unmask(2);   /* the cascade */
	bh_pic_unmask(d->irq);
	/* In ring 0, on whatever they were: the interrupt must reach this CPU from now on (as
	 * bh_wake_after's timer; a CPU that only waits for calls, a backend vm machine polling its
	 * inbox, never turns them on otherwise).  From ring 3's service, as they were: its iretq
	 * gives ring 3 its own flags (interrupts on) back. */
	if (!bh_ring3() || (flags & (1u << 9)))
		__asm__ volatile("sti" ::: "memory");
	return d->irq;
}

/* Lets the device master the bus (DMA), for the compartment that owns it.  There is no IOMMU: the
 * device can then reach all of the machine's memory, every compartment's, so only a trusted driver
 * asks (docs/design.md 5g). */
static int pci_dma_enable_for_r0(int dev, uint32_t self)
{
	struct device *d = owned(dev, self, "enabling DMA");
	if (!d)
		return -1;
	uint32_t cmd = config_read(d->bus, d->slot, d->func, REG_COMMAND) & 0xffffu;
	config_write(d->bus, d->slot, d->func, REG_COMMAND, cmd | COMMAND_MASTER | COMMAND_MEMORY);
	return 0;
}

static uint32_t pci_irq_taken_for_r0(int dev, uint32_t self)
{
	struct device *d = device(dev);
	return d && d->owner == self ? __atomic_load_n(&d->taken, __ATOMIC_SEQ_CST) : 0;
}

int bh_pci_interrupt(uint32_t vector)
{
	if (vector < BH_PIC_VECTOR_BASE || vector >= BH_PIC_VECTOR_BASE + 16 || ndevices <= 0)
		return 0;
	unsigned irq = vector - BH_PIC_VECTOR_BASE;
	int ours = 0;
	for (int i = 0; i < ndevices; i++) {
		struct device *d = &devices[i];
		if (!d->irq_armed || d->irq != irq)
			continue;
		ours = 1;
		d->irq_armed = 0;
		d->taken++;
		bh_wake_mark(d->tid);
	}
	if (!ours)
		return 0;
	bh_pic_mask(irq);   /* until the driver has acknowledged the device and asks again */
	bh_pic_eoi_irq(irq);
	return 1;
}

/* The BAR addr is in: mapped here, or (bh_backend_device_at) in another machine's kernel. */
static int bar_at(uintptr_t addr, struct bh_device_bar *out)
{
	for (int i = 0; i < ndevices; i++) {
		const struct device *d = &devices[i];
		for (int b = 0; b < BARS; b++) {
			if (!(d->mapped & (1u << b)) || addr < d->bar[b] || addr - d->bar[b] >= d->size[b])
				continue;
			*out = (struct bh_device_bar){ .start = d->bar[b], .size = d->size[b], .owner = d->owner,
						       .id = d->id, .bus = d->bus, .slot = d->slot, .func = d->func,
						       .bar = (uint8_t)b };
			return 1;
		}
	}
	return bh_backend_device_at(addr, out);
}

int bh_pci_report_place(uintptr_t addr)
{
	const struct bh_image *img = &__bh_image;
	struct bh_device_bar b;
	if (!bar_at(addr, &b) || b.owner >= img->ncompartments)
		return 0;
	bh_printf("in BAR %u of PCI device %02x:%02x.%u (%04x:%04x), the registers of compartment '%s' (key %u)\n",
		  b.bar, b.bus, b.slot, b.func, b.id & 0xffff, b.id >> 16, img->compartments[b.owner].name,
		  img->compartments[b.owner].key);
	return 1;
}

int bh_pci_foreign(uintptr_t addr)
{
	struct bh_device_bar b;
	return bh_backend_device_at(addr, &b) && b.owner < __bh_image.ncompartments;
}

/*
 * Configuration space is port I/O, and BAR mapping and INTx routing write page tables and the 8259:
 * ring 0's.  Where compartments run in ring 3 (mpk) the driver's calls, which reach the kernel's
 * compartment through its exports, ask the kernel's service (kernel/service.c: BH_SVC_PCI, the
 * kernel's domain only), which runs the same code here in ring 0.
 */
uint64_t bh_pci_service_r0(uint64_t op, uint64_t a, uint64_t b, uint64_t c)
{
	switch (op) {
	case BH_PCI_OP_FIND:
		return (uint64_t)(int64_t)pci_find_r0((uint32_t)a, (uint32_t)b, (uint32_t)c);
	case BH_PCI_OP_CONFIG_READ:
		return pci_config_read_r0((int)a, (uint32_t)b);
	case BH_PCI_OP_BAR_SIZE:
		return pci_bar_size_r0((int)a, (uint32_t)b);
	case BH_PCI_OP_BAR_MAP:
		return pci_bar_map_for_r0((int)a, (uint32_t)b, (uint32_t)c);
	case BH_PCI_OP_IRQ_WAKE:
		return (uint64_t)(int64_t)pci_irq_wake_for_r0((int)a, (uint32_t)b, (uint32_t)c);
	case BH_PCI_OP_IRQ_TAKEN:
		return pci_irq_taken_for_r0((int)a, (uint32_t)b);
	case BH_PCI_OP_DMA_ENABLE:
		return (uint64_t)(int64_t)pci_dma_enable_for_r0((int)a, (uint32_t)b);
	}
	return (uint64_t)-1;
}

static uint64_t pci(uint64_t op, uint64_t a, uint64_t b, uint64_t c)
{
	return bh_ring3() ? bh_service(BH_SVC_PCI, op, a, b, c) : bh_pci_service_r0(op, a, b, c);
}

int bh_pci_find(uint32_t vendor, uint32_t devid, uint32_t nth)
{
	return (int)(int64_t)pci(BH_PCI_OP_FIND, vendor, devid, nth);
}

uint32_t bh_pci_config_read(int dev, uint32_t offset)
{
	return (uint32_t)pci(BH_PCI_OP_CONFIG_READ, (uint64_t)(int64_t)dev, offset, 0);
}

uint64_t bh_pci_bar_size(int dev, uint32_t bar)
{
	return pci(BH_PCI_OP_BAR_SIZE, (uint64_t)(int64_t)dev, bar, 0);
}

uintptr_t bh_pci_bar_map_for(int dev, uint32_t bar, uint32_t self)
{
	return (uintptr_t)pci(BH_PCI_OP_BAR_MAP, (uint64_t)(int64_t)dev, bar, self);
}

int bh_pci_irq_wake_for(int dev, uint32_t tid, uint32_t self)
{
	return (int)(int64_t)pci(BH_PCI_OP_IRQ_WAKE, (uint64_t)(int64_t)dev, tid, self);
}

uint32_t bh_pci_irq_taken_for(int dev, uint32_t self)
{
	return (uint32_t)pci(BH_PCI_OP_IRQ_TAKEN, (uint64_t)(int64_t)dev, self, 0);
}

int bh_pci_dma_enable_for(int dev, uint32_t self)
{
	return (int)(int64_t)pci(BH_PCI_OP_DMA_ENABLE, (uint64_t)(int64_t)dev, self, 0);
}
