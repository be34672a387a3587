/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The halves of every backend's __bh_thread_switch(save, load, tid) (gates/<backend>, libs/sched):
 * the callee-saved registers and rsp go into the struct bh_thread_ctx at rdi and come back from
 * the one at rsi.  What a backend does in between (mpk: make tid the current thread, then check
 * the domain) is its own.  Layout: rbx rbp r12 r13 r14 r15 rsp, 8 bytes each (libs/sched/sched.c).
 */
#ifndef BULKHEAD_THREAD_ASM_H
#define BULKHEAD_THREAD_ASM_H

	.macro BH_THREAD_SAVE
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	movq %rsp, 48(%rdi)
	.endm

	/* Loads the other context and returns into it (its stack's return address). */
	.macro BH_THREAD_LOAD_AND_RETURN
	movq 0(%rsi), %rbx
	movq 8(%rsi), %rbp
	movq 16(%rsi), %r12
	movq 24(%rsi), %r13
	movq 32(%rsi), %r14
	movq 40(%rsi), %r15
	movq 48(%rsi), %rsp
	ret
	.endm

#endif
