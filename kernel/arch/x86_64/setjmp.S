/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * setjmp/longjmp (include/bulkhead/setjmp.h; docs/design.md section 5f).  Domain-neutral: in the
 * shared text, run in the caller's domain, keep no state but the caller's jmp_buf, so every
 * compartment calls them without a gate.  jmp_buf: rbx, rbp, r12, r13, r14, r15, rsp, rip (8 words,
 * newlib's x86_64 _JBLEN, so newlib's <setjmp.h> declares the same functions).  A longjmp within one
 * compartment is plain; bulkhead-dss puts bh_longjmp_check (kernel/setjmp.c) before every longjmp
 * of a gated image, which stops one whose target is another compartment's code.
 */
	.section .bh.shared.text, "ax", @progbits

	.globl setjmp, _setjmp		/* _setjmp: what newlib's <setjmp.h> calls */
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rax		/* the caller's rsp after this call returns */
	movq %rax, 48(%rdi)
	movq (%rsp), %rax		/* where setjmp returns to */
	movq %rax, 56(%rdi)
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp, _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	movl %esi, %eax
	testl %eax, %eax		/* longjmp(env, 0) makes setjmp return 1 (C11 7.13.2.1) */
	jnz 1f
	incl %eax
1:	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmpq *56(%rdi)
	.size longjmp, . - longjmp
