/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The symbols every backend's runtime provides (gates/README.md): the violation entries and the
 * scheduler's context switch.  Backend trace has one domain, so a violation reports domain 0.
 */
#include <bulkhead/thread_asm.h>
	.section .bh.gates, "ax", @progbits

/* Reached from a gate whose check failed; trace's gates check nothing, so nothing jumps here. */
	.globl __bh_gate_violation
	.type __bh_gate_violation, @function
__bh_gate_violation:
	xorl %edi, %edi                 /* no PKRU */
	movq (%rsp), %rsi               /* the gate's return address */
	andq $-16, %rsp
	call bh_gate_violation_report
	ud2
	.size __bh_gate_violation, . - __bh_gate_violation

/* Called by bulkhead-icall's check before an indirect call to no legal target; rdi = the target. */
	.globl __bh_icall_violation
	.type __bh_icall_violation, @function
__bh_icall_violation:
	movq %rdi, %rdx                 /* the target */
	xorl %edi, %edi                 /* the domain: the only one */
	movq (%rsp), %rsi               /* the call site */
	andq $-16, %rsp
	call bh_icall_violation_report
	ud2
	.size __bh_icall_violation, . - __bh_icall_violation

/* void __bh_thread_switch(save, load, tid) (libs/sched): no per-thread gate state, tid unused. */
	.globl __bh_thread_switch
	.type __bh_thread_switch, @function
__bh_thread_switch:
	BH_THREAD_SAVE
	BH_THREAD_LOAD_AND_RETURN
	.size __bh_thread_switch, . - __bh_thread_switch
