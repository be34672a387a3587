/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GENERATED from abi/abi.toml by `./bulkhead abi` (scripts/bulkhead/abigen.py): do not edit.
 *
 * The vm backend's shared structures: the runtime (vm.c, gate.S) and the orchestrator
 * (gates/vm/host.py, through scripts/bulkhead/abi.py) read the same layout.
 */
#ifndef BH_VM_ABI_H
#define BH_VM_ABI_H

#include <bulkhead/abi.h>

#define BH_VM_PARAMS_SIZE 40
#define BH_VM_PARAMS_OFF_MAGIC 0
#define BH_VM_PARAMS_OFF_SELF 4
#define BH_VM_PARAMS_OFF_NCOMPARTMENTS 8
#define BH_VM_PARAMS_OFF_RESERVED 12
#define BH_VM_PARAMS_OFF_WAKE 16
#define BH_VM_PARAMS_OFF_STACKS 32
#define BH_VM_REGS_SIZE 208
#define BH_VM_REGS_OFF_FN 0
#define BH_VM_REGS_OFF_TARGET 8
#define BH_VM_REGS_OFF_GPR 16
#define BH_VM_REGS_OFF_RET 64
#define BH_VM_REGS_OFF_XMM 80
#define BH_VM_BOX_SIZE 320
#define BH_VM_BOX_OFF_SEQ 0
#define BH_VM_BOX_OFF_KIND 8
#define BH_VM_BOX_OFF_FROM 12
#define BH_VM_BOX_OFF_MSG 16
#define BH_VM_BOX_OFF_TID 224
#define BH_VM_BOX_OFF_CALLS_MADE 256
#define BH_VM_BOX_OFF_CALL_TSC 264
#define BH_VM_BOX_OFF_CALLS_SERVED 272
#define BH_VM_BOX_OFF_SERVE_TSC 280
#define BH_VM_BOX_OFF_WAKEUPS 288
#define BH_VM_BOX_OFF_READY 296
#define BH_VM_BOX_OFF_IRQ_TSC 304
#define BH_VM_BOX_OFF_BUSY_TSC 312

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* written by the orchestrator (gates/vm/host.py) into each machine's copy of the ELF (40 bytes) */
struct bh_vm_params {
	uint32_t magic;   /* 0: BH_VM_MAGIC once patched; 0 in the linked image */
	uint32_t self;   /* 4: the compartment this machine runs */
	uint32_t ncompartments;   /* 8 */
	uint32_t reserved;   /* 12 */
	uint8_t wake[BH_VM_MAX];   /* 16: per compartment: BH_VM_WAKE_* */
	uint64_t stacks;   /* 32: this machine's stacks (its compartment's bss): thread t's is the t-th STACK_SIZE bytes */
};

/* the registers a gate carries across (the gate ABI: no stack arguments); gate.S uses the offsets (208 bytes) */
struct bh_vm_regs {
	uint64_t fn;   /* 0: callee address (a function of the target's compartment) */
	uint64_t target;   /* 8: target compartment */
	uint64_t gpr[6];   /* 16: rdi rsi rdx rcx r8 r9 */
	uint64_t ret[2];   /* 64: rax rdx */
	uint8_t xmm[8][16];   /* 80: xmm0-7 in; xmm0-1 out */
};

/* one inbox per machine, in the shared region (gates/vm/vm.c); statistics read by the orchestrator after the run (320 bytes) */
struct bh_vm_box {
	volatile uint64_t seq;   /* 0 */
	volatile uint32_t kind;   /* 8: BH_VM_CALL / BH_VM_RETURN */
	volatile uint32_t from;   /* 12: sender's compartment */
	struct bh_vm_regs msg;   /* 16 */
	volatile uint32_t tid;   /* 224: the thread the message belongs to (libs/sched's index) */
	__attribute__((aligned(64))) volatile uint64_t calls_made;   /* 256: statistics, written only by the owner: caller side, waits excluded */
	volatile uint64_t call_tsc;   /* 264 */
	volatile uint64_t calls_served;   /* 272: callee side, callee excluded */
	volatile uint64_t serve_tsc;   /* 280 */
	volatile uint64_t wakeups;   /* 288: doorbell interrupts taken */
	volatile uint64_t ready;   /* 296: 1 once the machine serves */
	volatile uint64_t irq_tsc;   /* 304: in the doorbell handler */
	volatile uint64_t busy_tsc;   /* 312: its work clock when it last began to wait: TSC less all waiting, doorbell handlers counted (bh_backend_work_clock sums them) */
} __attribute__((aligned(64)));


_Static_assert(sizeof(struct bh_vm_params) == BH_VM_PARAMS_SIZE, "bh_vm_params: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, magic) == BH_VM_PARAMS_OFF_MAGIC, "bh_vm_params.magic: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, self) == BH_VM_PARAMS_OFF_SELF, "bh_vm_params.self: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, ncompartments) == BH_VM_PARAMS_OFF_NCOMPARTMENTS, "bh_vm_params.ncompartments: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, reserved) == BH_VM_PARAMS_OFF_RESERVED, "bh_vm_params.reserved: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, wake) == BH_VM_PARAMS_OFF_WAKE, "bh_vm_params.wake: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_params, stacks) == BH_VM_PARAMS_OFF_STACKS, "bh_vm_params.stacks: abi/abi.toml");
_Static_assert(sizeof(struct bh_vm_regs) == BH_VM_REGS_SIZE, "bh_vm_regs: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_regs, fn) == BH_VM_REGS_OFF_FN, "bh_vm_regs.fn: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_regs, target) == BH_VM_REGS_OFF_TARGET, "bh_vm_regs.target: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_regs, gpr) == BH_VM_REGS_OFF_GPR, "bh_vm_regs.gpr: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_regs, ret) == BH_VM_REGS_OFF_RET, "bh_vm_regs.ret: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_regs, xmm) == BH_VM_REGS_OFF_XMM, "bh_vm_regs.xmm: abi/abi.toml");
_Static_assert(sizeof(struct bh_vm_box) == BH_VM_BOX_SIZE, "bh_vm_box: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, seq) == BH_VM_BOX_OFF_SEQ, "bh_vm_box.seq: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, kind) == BH_VM_BOX_OFF_KIND, "bh_vm_box.kind: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, from) == BH_VM_BOX_OFF_FROM, "bh_vm_box.from: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, msg) == BH_VM_BOX_OFF_MSG, "bh_vm_box.msg: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, tid) == BH_VM_BOX_OFF_TID, "bh_vm_box.tid: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, calls_made) == BH_VM_BOX_OFF_CALLS_MADE, "bh_vm_box.calls_made: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, call_tsc) == BH_VM_BOX_OFF_CALL_TSC, "bh_vm_box.call_tsc: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, calls_served) == BH_VM_BOX_OFF_CALLS_SERVED, "bh_vm_box.calls_served: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, serve_tsc) == BH_VM_BOX_OFF_SERVE_TSC, "bh_vm_box.serve_tsc: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, wakeups) == BH_VM_BOX_OFF_WAKEUPS, "bh_vm_box.wakeups: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, ready) == BH_VM_BOX_OFF_READY, "bh_vm_box.ready: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, irq_tsc) == BH_VM_BOX_OFF_IRQ_TSC, "bh_vm_box.irq_tsc: abi/abi.toml");
_Static_assert(offsetof(struct bh_vm_box, busy_tsc) == BH_VM_BOX_OFF_BUSY_TSC, "bh_vm_box.busy_tsc: abi/abi.toml");

#endif /* __ASSEMBLER__ */

#endif
