/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exception entry for vectors 0-47, the SYSCALL entry and the way into ring 3.  It
 * lives in .bh.mtext: supervisor pages where compartments run in ring 3 (paging.c),
 * so no compartment can fetch it, and one of the two places WRPKRU may appear
 * (through the backend's trap domain switches).  The CPU pushes the frame and the stub the
 * registers on the interrupted code's stack (the only one its domain may write);
 * the C side then runs on the kernel's trap stack.
 *
 * A trap that resumes (the PKU probe, an interrupt, an audited key violation) goes back
 * through bh_backend_trap_exit, which installs the domain bh_trap returned: the trap domain
 * (all keys open) never leaks into the interrupted code.
 */
	.section .bh.mtext, "ax", @progbits

#include <bulkhead/abi.h>               /* BH_TRAP_STACK_SIZE, BH_IST_STACK_SIZE, BH_VECTOR_SYSCALL, BH_GDT_* */

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
	movq %rax, %r12                 /* interrupted domain (PKRU); rbx and r12 survive the C call */
	incl bh_trap_depth(%rip)        /* kernel memory: only the trap domain may count */
	/*
	 * Delivered on the IST stack (the timer)?  Then the frame moves to the kernel's trap stack
	 * before anything else, for two reasons.  The IST stack is shared memory: the interrupted
	 * code's registers must not be readable there while the handler runs (it is zeroed here).
	 * And a handler that runs with interrupts on (the audit's report, trap.c) may take a tick,
	 * which the CPU delivers at the top of the IST stack again: over this frame, were it still
	 * there.  The copy goes below the
	 * interrupted rsp when that is on the trap stack (a tick nested in a trap handler), else at
	 * the trap stack's top.  Interrupts are off until the C side, so nothing nests in between.
	 */
	xorl %r13d, %r13d               /* r13: 1 when the frame came off the IST stack */
	leaq bh_ist_stack(%rip), %rax
	cmpq %rax, %rsp
	jb 3f
	addq $BH_IST_STACK_SIZE, %rax
	cmpq %rax, %rsp
	jae 3f
	movq 20*8(%rsp), %rdi           /* the interrupted rsp (struct bh_trap_frame) */
	leaq bh_trap_stack(%rip), %rax
	cmpq %rax, %rdi
	jb 4f
	addq $BH_TRAP_STACK_SIZE, %rax
	cmpq %rax, %rdi
	ja 4f
	subq $128, %rdi                 /* stay clear of anything just below it */
	andq $-16, %rdi
	jmp 5f
4:	leaq bh_trap_stack+BH_TRAP_STACK_SIZE(%rip), %rdi
5:	subq $22*8, %rdi                /* 15 registers, vector, error, the CPU's 5 words */
	movq %rdi, %rdx
	movq %rsp, %rsi
	movl $22, %ecx
	rep movsq
	leaq -8(%rsp), %rdi             /* the frame and the return address the enter call left */
	xorl %eax, %eax
	movl $23, %ecx
	rep stosq
	movq %rdx, %rsp
	movl $1, %r13d
3:	movq %rsp, %rbx                 /* the frame */
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
	decl bh_trap_depth(%rip)
	movq %rbx, %rsp
	testl %r13d, %r13d
	jz 6f
	/*
	 * The last steps need memory the interrupted domain may read: once the trap exit has installed
	 * it, the trap stack (the kernel's) is out of reach.  With keys, that is the interrupted
	 * compartment's own trap-return area, so the CPU's five words left behind by iretq are readable
	 * by that domain only; else the IST stack (trap.c: bh_trap_return_frame).  Interrupts stay off
	 * from here to iretq, so nothing nests over it.
	 */
	movq %rax, %r12
	movq %rax, %rdi
	movq %rbx, %rsi
	call bh_trap_return_frame       /* on the trap stack, below the frame (rsp is 16-aligned) */
	movq %rax, %rdi
	movq %rax, %rdx
	movq %rbx, %rsi
	movl $22, %ecx
	rep movsq
	movq %rdx, %rsp
	movq %r12, %rax
6:	movq %rax, %rdi
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
	/* The interrupted code's registers stay behind nowhere (an exception's frame is on the
	   interrupted code's own stack): zero the 15 saved words, the vector and the error code. */
	.irp off, -120, -112, -104, -96, -88, -80, -72, -64, -56, -48, -40, -32, -24, -16, -8, 0, 8
	movq $0, \off(%rsp)
	.endr
	addq $16, %rsp                  /* vector and error code */
	iretq
	.size bh_trap_common, . - bh_trap_common

/*
 * SYSCALL (cpu.c: LSTAR).  rcx holds the caller's rip after the instruction and r11 its rflags; FMASK
 * has cleared IF, TF, AC and DF.  The entry builds the frame an interrupt would have pushed, with the
 * pseudo-vector BH_VECTOR_SYSCALL, and takes the trap path: the trap domain's entry saves the
 * caller's PKRU, bh_trap hands the call to kernel/service.c, and the trap exit installs that PKRU
 * again before the iretq.  (The trap path, not SYSRET: one checked way out of ring 0, at a few
 * hundred instructions per service; compartments call services to print, stop, idle and read boot
 * files, never on a gate's path.)
 *
 * From ring 3 (bh_ring3_on) the caller's rsp is never written: the frame goes on the kernel's trap
 * stack, empty whenever ring 3 runs (idt.c: RSP0), and the caller's rsp is kept in .bh.monitor
 * until it is in the frame.  Interrupts are off, and there is one CPU: nothing comes in between.
 * A SYSCALL in ring 0 (an image whose compartments run in ring 0) keeps the old way: the frame goes
 * on the caller's stack, which only its own domain may write; service.c refuses it (exit 67).
 */
	.p2align 4
	.globl bh_syscall_entry
	.type bh_syscall_entry, @function
bh_syscall_entry:
	cmpb $0, bh_ring3_on(%rip)
	je 1f
	movq %rsp, bh_syscall_rsp(%rip)
	leaq bh_trap_stack+BH_TRAP_STACK_SIZE(%rip), %rsp
	pushq $(BH_GDT_USER_DATA | 3)   /* ss */
	pushq bh_syscall_rsp(%rip)      /* rsp */
	andq $~BH_RING3_IOPL_MASK, %r11 /* (SYSCALL from ring 3 cannot carry IOPL: said once more) */
	pushq %r11                      /* rflags */
	pushq $(BH_GDT_USER_CODE | 3)   /* cs */
	pushq %rcx                      /* rip: after the SYSCALL */
	pushq $0                        /* error code */
	pushq $BH_VECTOR_SYSCALL
	jmp bh_trap_common
1:	pushq $BH_GDT_DATA              /* ss */
	pushq %rsp                      /* rsp as it was before the first push, after the next line */
	addq $8, (%rsp)
	pushq %r11                      /* rflags */
	pushq $BH_GDT_CODE              /* cs */
	pushq %rcx                      /* rip: after the SYSCALL */
	pushq $0                        /* error code */
	pushq $BH_VECTOR_SYSCALL
	jmp bh_trap_common
	.size bh_syscall_entry, . - bh_syscall_entry

/*
 * void bh_ring3_enter(void) (kmain, once, after the kernel's domain is in force): returns to its
 * caller in ring 3, on the same stack, with interrupts on and IOPL 0 (port I/O, CLI, STI and HLT
 * then fault in ring 3).  From here on every SYSCALL comes from ring 3.  In .bh.mtext: ring 3
 * cannot call it again.
 */
	.globl bh_ring3_enter
	.type bh_ring3_enter, @function
bh_ring3_enter:
	movb $1, bh_ring3_on(%rip)
	popq %rcx                       /* the return address */
	movq %rsp, %rdx
	pushq $(BH_GDT_USER_DATA | 3)   /* ss */
	pushq %rdx                      /* rsp */
	pushfq
	orq $0x200, (%rsp)              /* IF */
	andq $~BH_RING3_IOPL_MASK, (%rsp)
	pushq $(BH_GDT_USER_CODE | 3)   /* cs */
	pushq %rcx                      /* rip */
	iretq
	.size bh_ring3_enter, . - bh_ring3_enter

	/* Ring-0 state (supervisor pages in ring-3 images): whether ring 3 runs, the caller's rsp. */
	.section .bh.monitor, "aw", @nobits
	.p2align 3
	.globl bh_ring3_on
bh_ring3_on:
	.zero 8
bh_syscall_rsp:
	.zero 8
	.section .bh.mtext, "ax", @progbits

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
