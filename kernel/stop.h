/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bh_stop: how the kernel's own code (kmain, the fault reports) stops the machine.  It gives the
 * backend its last word (bh_backend_exit, include/bulkhead/backend.h) and then calls bh_exit.
 * bh_exit itself is domain-neutral (any compartment may call it, in its own domain), so it cannot
 * call into the backend; the kernel's paths run in the kernel's compartment or the trap domain and can.
 *
 * Always inlined: the host-side judge names the frames below bh_exit (scripts/bulkhead/judge.py,
 * "exit requested by bh_fault_page+..."), and those stay the reporters' own.
 */
#ifndef BULKHEAD_KERNEL_STOP_H
#define BULKHEAD_KERNEL_STOP_H

#include <bulkhead/backend.h>
#include <bulkhead/exit.h>

__attribute__((always_inline, noreturn)) static inline void bh_stop(int status)
{
	bh_backend_exit(status);
	bh_exit(status);
}

#endif
