/* SPDX-License-Identifier: BSD-3-Clause */
/* Stopping the machine with a status (docs/design.md, section 6). */
#ifndef BULKHEAD_EXIT_H
#define BULKHEAD_EXIT_H

/* The statuses, BH_EXIT_* (each with one meaning, and BH_EXIT_*_WHAT, the words reports print):
 * abi/abi.toml, generated into abi.h. */
#include <bulkhead/abi.h>

/*
 * Ends QEMU through isa-debug-exit (port 0xf4, QEMU exits with ((status + 1) << 1) | 1),
 * then halts forever in case no such device exists.  Domain-neutral: callable from
 * any compartment.  Only the low 8 bits of status reach the host.
 */
__attribute__((noreturn)) void bh_exit(int status);

#endif
