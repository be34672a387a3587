/* SPDX-License-Identifier: BSD-3-Clause */
/* Stopping the machine with a status (docs/design.md, section 6). */
#ifndef BULKHEAD_EXIT_H
#define BULKHEAD_EXIT_H

enum bh_exit_status {
	BH_EXIT_PAGE_FAULT = 64,      /* isolation fault or stray access, report printed */
	BH_EXIT_EXCEPTION = 65,       /* any other CPU exception, report printed */
	BH_EXIT_NO_PKU = 66,          /* the backend needs protection keys, the CPU has none */
	BH_EXIT_GATE_VIOLATION = 67,  /* PKRU after a WRPKRU was not the gate's constant */
	BH_EXIT_BOOT_ERROR = 68,      /* bad image table, page-table pool exhausted, ... */
	BH_EXIT_LONGJMP = 69,         /* a longjmp to another compartment's code (kernel/setjmp.c) */
};

/*
 * Ends QEMU through isa-debug-exit (port 0xf4, QEMU exits with ((status + 1) << 1) | 1),
 * then halts forever in case no such device exists.  Domain-neutral: callable from
 * any compartment.  Only the low 8 bits of status reach the host.
 */
__attribute__((noreturn)) void bh_exit(int status);

#endif
