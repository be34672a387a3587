/* SPDX-License-Identifier: BSD-3-Clause */
/* The edu driver (component 'driver'): QEMU's educational PCI device. */
#ifndef PCIDEV_EDU_H
#define PCIDEV_EDU_H

#include <stdint.h>

/* Finds the device, maps its registers (BAR 0) into the driver's compartment, checks its
 * identification and liveness registers and computes 10! on it (polled).  0, or -1 (printed why). */
int edu_open(void);
/* A thread of the driver: routes the device's interrupt to itself, sleeps until it comes (or a
 * long timeout), then reads and acknowledges it (a libs/sched thread function). */
void edu_wait_interrupt(void *arg);
/* Raises the device's interrupt with `value` (its interrupt-raise register). */
void edu_raise(uint32_t value);
/* Where the registers are mapped: handed out, for the test that nobody else can read them. */
uintptr_t edu_registers(void);

#endif
