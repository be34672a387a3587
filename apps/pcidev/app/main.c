/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * main (compartment 'app') uses the edu driver (compartment 'driver'): the driver opens the device,
 * one of its threads sleeps until the device interrupts, and main makes the device raise that
 * interrupt while the thread sleeps.  The kernel refuses to map the device for main's compartment
 * too (a device belongs to the compartment that mapped it first).  Last, main reads the registers itself through the address the
 * driver handed out: the kernel mapped them with the driver's key, so under mpk that read is an
 * isolation fault (status 64); without isolation (backend none) it succeeds.
 */
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/pci.h>
#include "bhthread.h"
#include "edu.h"

int main(void)
{
	if (edu_open() != 0)
		return 1;
	int t = bh_thread_create(edu_wait_interrupt, 0);
	if (t < 0)
		return 2;
	bh_thread_yield();   /* the driver's thread routes the interrupt and goes to sleep */
	bh_printf("app: raising the device's interrupt with 0x42\n");
	edu_raise(0x42);
	bh_thread_join(t);
	/* The kernel maps a device for one compartment only: the driver's, which mapped it first. */
	uintptr_t mine = bh_pci_bar_map(bh_pci_find(0x1234, 0x11e8, 0), 0);
	bh_printf("app: mapping the device's BAR 0 for compartment app: %s\n", mine ? "granted" : "refused");
	volatile uint32_t *regs = (volatile uint32_t *)edu_registers();
	bh_printf("app: reading the device's registers from compartment app\n");
	bh_printf("app: identification 0x%08x: the registers are not the driver's alone\n", regs[0]);
	return 0;
}
