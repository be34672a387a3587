/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vm backend's shared structures (gates/vm/README.md).  Offsets used by
 * gate.S are checked with _Static_assert in vm.c; scripts/bulkhead/vm.py reads
 * and patches the same layout (keep the three in step).
 */
#ifndef BH_VM_H
#define BH_VM_H

#include <stdint.h>

#define BH_VM_MAX 16                 /* compartments (= VMs) per image: backend.toml max_compartments */
#define BH_VM_MAGIC 0x314d5648u      /* "HVM1": bh_vm_params was written by the orchestrator */
#define BH_VM_WAKE_EXIT 0
#define BH_VM_WAKE_POLL 1

/* Written by the orchestrator into each VM's copy of the ELF (kernel compartment data). */
struct bh_vm_params {
	uint32_t magic;                  /* BH_VM_MAGIC once patched; 0 in the linked image */
	uint32_t self;                   /* the compartment this VM runs */
	uint32_t ncompartments;
	uint32_t reserved;
	uint8_t wake[BH_VM_MAX];         /* per compartment: BH_VM_WAKE_* */
};

/* The registers a gate carries across (the gate ABI: no stack arguments). */
struct bh_vm_regs {
	uint64_t fn;                     /*   0: callee address (a function of the target's compartment) */
	uint64_t target;                 /*   8: target compartment */
	uint64_t gpr[6];                 /*  16: rdi rsi rdx rcx r8 r9 */
	uint64_t ret[2];                 /*  64: rax rdx */
	uint8_t xmm[8][16];              /*  80: xmm0-7 in; xmm0-1 out */
};                                   /* 208 */

enum { BH_VM_CALL = 1, BH_VM_RETURN = 2 };

/*
 * One inbox per VM, in the shared region.  Threads are cooperative (libs/sched) and a caller waits
 * until it is answered, so in the whole image one thread runs at a time and at most one message is
 * ever pending, anywhere: the sender fills msg and tid, then bumps seq; the owner notices seq !=
 * the last value it consumed.  Plain stores in program order (x86 TSO, no locked instruction across
 * VMs: TCG does not make those atomic between QEMU processes).
 */
struct bh_vm_box {
	volatile uint64_t seq;
	volatile uint32_t kind;          /* BH_VM_CALL / BH_VM_RETURN */
	volatile uint32_t from;          /* sender's compartment */
	struct bh_vm_regs msg;
	volatile uint32_t tid;           /* the thread the message belongs to (libs/sched's index) */
	/* Statistics, written only by the box's owner (read by the orchestrator after the run). */
	__attribute__((aligned(64))) volatile uint64_t calls_made;   /* caller side, waits excluded */
	volatile uint64_t call_tsc;
	volatile uint64_t calls_served, serve_tsc;                              /* callee side, callee excluded */
	volatile uint64_t wakeups;                                              /* doorbell interrupts taken */
	volatile uint64_t ready;                                                /* 1 once the VM serves */
	volatile uint64_t irq_tsc;                                              /* in the doorbell handler */
	/* This VM's work clock when it last began to wait: its TSC less the time it spent waiting
	 * for messages (spinning or halted), doorbell handlers counted as work.  Under -icount: the
	 * instructions it executed; bh_backend_work_clock sums every VM's. */
	volatile uint64_t busy_tsc;
} __attribute__((aligned(64)));

#endif
