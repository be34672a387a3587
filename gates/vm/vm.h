/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vm backend's shared structures (gates/vm/README.md): struct bh_vm_params (written by the
 * orchestrator into each machine's ELF), struct bh_vm_regs (what a gate carries across; gate.S
 * uses its offsets) and struct bh_vm_box (one inbox per machine), with BH_VM_MAX, BH_VM_MAGIC and
 * BH_VM_WAKE_*: abi/abi.toml, generated into vm_abi.h (C and assembly) and
 * scripts/bulkhead/abi.py (the orchestrator, gates/vm/host.py).
 *
 * The inboxes: threads are cooperative (libs/sched) and a caller waits until it is answered, so in
 * the whole image one thread runs at a time and at most one message is ever pending, anywhere: the
 * sender fills msg and tid, then bumps seq; the owner notices seq != the last value it consumed.
 * Plain stores in program order (x86 TSO, no locked instruction across VMs: TCG does not make
 * those atomic between QEMU processes).  The statistics after calls_made are written only by the
 * box's owner and read by the orchestrator after the run.
 */
#ifndef BH_VM_H
#define BH_VM_H

#include "vm_abi.h"

enum { BH_VM_CALL = 1, BH_VM_RETURN = 2 };

#endif
