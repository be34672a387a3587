/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the PCI interrupt hook (pci.c, called by trap.c). */
#ifndef BH_PCI_INTERNAL_H
#define BH_PCI_INTERNAL_H

#include <stdint.h>

/* An 8259 vector: 1 if it is the INTx line of a device a driver waits on (masked, acknowledged,
 * counted, the driver's thread marked runnable), else 0 (not a device interrupt of ours). */
int bh_pci_interrupt(uint32_t vector);

/* For fault reports: if addr is in a mapped BAR, prints the rest of the "address" line ("in BAR 0 of
 * PCI device 00:04.0 (1234:11e8), the registers of compartment 'driver' (key 2)") and returns 1. */
int bh_pci_report_place(uintptr_t addr);

/* 1 if addr is in a BAR another machine's kernel mapped for its driver (bh_backend_device_at: backend
 * vm, where a device is attached to its driver's machine only): the fault report's isolation case. */
int bh_pci_foreign(uintptr_t addr);

#endif
