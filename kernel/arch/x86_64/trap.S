/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exception entry for vectors 0-47.  It lives in .bh.gates because it changes
 * the domain (through the backend's bh_backend_trap_enter) and every domain
 * switch must be in the gates region.  The CPU pushes the frame and the stub the
 * registers on the interrupted code's stack (the only one its domain may write);
 * the C side then runs on the kernel's trap stack.
 *
 * A trap that resumes (the PKU probe, an interrupt, an audited key violation) goes back
 * through bh_backend_trap_exit, which installs the domain bh_trap returned: the trap domain
 * (all keys open) never leaks into the interrupted code.
 */
	.section .bh.gates, "ax", @progbits

#define BH_TRAP_STACK_SIZE 16384        /* kernel/trap.c: bh_trap_stack */

	.macro TRAP_NOERR vec
	.p2align 4
bh_trap_stub_\vec:
	pushq $0                        /* no error code: keep the frame layout uniform */
	pushq $\vec
	jmp bh_trap_common
	.endm

	.macro TRAP_ERR vec
	.p2align 4
bh_trap_stub_\vec:
	pushq $\vec
	jmp bh_trap_common
	.endm

	/* Vectors 8, 10-14, 17, 21, 29, 30 push an error code; the others do not.  32-47 are the
	   8259's interrupts (only a backend that unmasks one, vm, ever sees them). */
	.irp v, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
	TRAP_NOERR \v
	.endr
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	TRAP_NOERR \v
	.endr
	.irp v, 8,10,11,12,13,14,17,21,29,30
	TRAP_ERR \v
	.endr

	.p2align 4
	.type bh_trap_common, @function
bh_trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	/* 5 CPU words + 2 + 15 pushes = 176 bytes on a 16-aligned base: rsp is aligned. */
	call bh_backend_trap_enter
	.globl bh_trap_enter_return
bh_trap_enter_return:
	movq %rsp, %rbx                 /* the frame; rbx and r12 survive the C call */
	movq %rax, %r12                 /* interrupted domain (PKRU) */
	/*
	 * The C side runs on the kernel's trap stack (kernel memory, trap.c), not on the interrupted
	 * code's: with private stacks that is a compartment's own memory, and the kernel's frames and
	 * the SSE state must not be left there.  A trap taken while already on it (a fault while
	 * reporting, the audit's single step) goes on below.
	 */
	leaq bh_trap_stack(%rip), %rax
	cmpq %rax, %rsp
	jb 1f
	addq $BH_TRAP_STACK_SIZE, %rax
	cmpq %rax, %rsp
	jbe 2f
1:	leaq bh_trap_stack+BH_TRAP_STACK_SIZE(%rip), %rsp
2:	subq $512, %rsp                 /* the interrupted code's SSE state */
	andq $-16, %rsp
	fxsave64 (%rsp)
	movq %rbx, %rdi
	movq %r12, %rsi
	call bh_trap                    /* rax: the domain to resume in */
	fxrstor64 (%rsp)
	movq %rbx, %rsp
	movq %rax, %rdi
	call bh_backend_trap_exit       /* installs and checks it (mpk); nothing for other backends */
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	/* The interrupted code's registers stay behind neither on the timer's IST stack (shared
	   memory) nor anywhere else: zero the 15 saved words, the vector and the error code. */
	.irp off, -120, -112, -104, -96, -88, -80, -72, -64, -56, -48, -40, -32, -24, -16, -8, 0, 8
	movq $0, \off(%rsp)
	.endr
	addq $16, %rsp                  /* vector and error code */
	iretq
	.size bh_trap_common, . - bh_trap_common

/* Backends without domains need no exit work: this default does nothing.  (mpk defines its own.) */
	.weak bh_backend_trap_exit
	.type bh_backend_trap_exit, @function
bh_backend_trap_exit:
	ret
	.size bh_backend_trap_exit, . - bh_backend_trap_exit

	/* Stub addresses for idt.c, by vector. */
	.section .rodata, "a", @progbits
	.p2align 3
	.globl bh_trap_stubs
bh_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
	.quad bh_trap_stub_\v
	.endr
	.size bh_trap_stubs, . - bh_trap_stubs
