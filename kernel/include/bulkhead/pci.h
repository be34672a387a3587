/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI devices for drivers in any compartment (kernel/pci.c; -M pc: the app asks for it in app.toml).
 *
 * The kernel owns configuration space (ports 0xCF8/0xCFC): it enumerates the buses once, on the
 * first call, and a driver never needs port I/O.  A device is a small index (bh_pci_find).  Its
 * memory BAR is mapped into the calling driver's compartment with that compartment's protection key
 * (bh_pci_bar_map: no other compartment can touch the registers), and its INTx line is routed
 * through the 8259 to the kernel, which masks it, marks the driver's waiting thread runnable
 * (libs/sched takes the mark at its next yield point, as for a timeout) and counts it
 * (bh_pci_irq_taken).  The driver then acknowledges the device and calls bh_pci_irq_wake again.
 *
 * The first compartment to map a BAR or route an interrupt of a device owns that device; calls for
 * it from other compartments are refused (-1 / 0).  The compartment is the one whose code calls the
 * inline wrappers below (the pass binds __bh_self_index to it).  Backend vm: a device is attached to
 * its driver's machine only, and these calls run in the caller's machine (gates/vm/vm.c), so only the
 * driver's finds it (docs/design.md 5g).
 */
#ifndef BULKHEAD_PCI_H
#define BULKHEAD_PCI_H

#include <stdint.h>

#define BH_PCI_NONE (-1)

/* The nth device (0, 1, ...) with this vendor and device id, or BH_PCI_NONE. */
int bh_pci_find(uint32_t vendor, uint32_t device, uint32_t nth);

/* A 32-bit word of the device's configuration space (offset 0-252, 4-aligned); all ones if invalid. */
uint32_t bh_pci_config_read(int dev, uint32_t offset);

/* Kernel entries behind the wrappers; `self` is the caller's compartment index. */
uintptr_t bh_pci_bar_map_for(int dev, uint32_t bar, uint32_t self);
int bh_pci_irq_wake_for(int dev, uint32_t tid, uint32_t self);
uint32_t bh_pci_irq_taken_for(int dev, uint32_t self);
int bh_pci_dma_enable_for(int dev, uint32_t self);
uint64_t bh_pci_bar_size(int dev, uint32_t bar);

extern char __bh_self_index[];   /* linker script: this compartment's index */

/* Maps memory BAR `bar` (0-5) of dev into the caller's compartment (its key; uncached); returns its
 * address (identity mapped), or 0: no such device or memory BAR, owned by another compartment, backend
 * vm, or out of page tables (the console says which). */
static inline uintptr_t bh_pci_bar_map(int dev, uint32_t bar)
{
	return bh_pci_bar_map_for(dev, bar, (uint32_t)(uintptr_t)__bh_self_index);
}

/* Unmasks dev's INTx line (its 8259 IRQ, which it returns; -1 on error) and names thread `tid`
 * (libs/sched bh_thread_self) as the one its next interrupt wakes. */
static inline int bh_pci_irq_wake(int dev, uint32_t tid)
{
	return bh_pci_irq_wake_for(dev, tid, (uint32_t)(uintptr_t)__bh_self_index);
}

/* How many of dev's interrupts the kernel has taken so far. */
static inline uint32_t bh_pci_irq_taken(int dev)
{
	return bh_pci_irq_taken_for(dev, (uint32_t)(uintptr_t)__bh_self_index);
}

/* Lets dev master the bus (its command register's bus-master bit), so that it reads and writes the
 * rings and buffers its driver gives it (virtio).  0, or -1: no such device, or another compartment's.
 * No IOMMU stands between the device and memory: it reaches every compartment's, so only a driver
 * that is trusted with all of memory should call this (docs/design.md 5g, section 7). */
static inline int bh_pci_dma_enable(int dev)
{
	return bh_pci_dma_enable_for(dev, (uint32_t)(uintptr_t)__bh_self_index);
}

#endif
