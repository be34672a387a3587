/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * __bh_gate_violation for the "none" backend.  It has no gates, so nothing jumps
 * here; it exists because the symbol is part of every backend's runtime.
 */
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
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	movq %rsp, 48(%rdi)
	movq 0(%rsi), %rbx
	movq 8(%rsi), %rbp
	movq 16(%rsi), %r12
	movq 24(%rsi), %r13
	movq 32(%rsi), %r14
	movq 40(%rsi), %r15
	movq 48(%rsi), %rsp
	ret
	.size __bh_thread_switch, . - __bh_thread_switch
