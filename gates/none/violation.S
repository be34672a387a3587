/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * __bh_gate_violation for the "none" backend.  It has no gates, so nothing jumps
 * here; it exists because the symbol is part of every backend's runtime.
 */
#include <bulkhead/thread_asm.h>
	.section .bh.gates, "ax", @progbits
	.globl __bh_gate_violation
	.type __bh_gate_violation, @function
__bh_gate_violation:
	xorl %edi, %edi                 /* no PKRU */
	movq (%rsp), %rsi               /* the gate's return address */
	andq $-16, %rsp
	call bh_gate_violation_report
	ud2
	.size __bh_gate_violation, . - __bh_gate_violation

/*
 * void __bh_thread_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load, uint64_t tid)
 * (libs/sched): saves the callee-saved registers and rsp, loads the other context and returns into
 * it.  Backend none: one domain per machine and no per-thread gate slots, so the thread index is
 * not needed here.
 */
	.globl __bh_thread_switch
	.type __bh_thread_switch, @function
__bh_thread_switch:
	BH_THREAD_SAVE
	BH_THREAD_LOAD_AND_RETURN
	.size __bh_thread_switch, . - __bh_thread_switch
