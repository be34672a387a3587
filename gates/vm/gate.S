/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vm backend's gate runtime.  Every generated stub loads the callee into
 * r11 and the target compartment into r10d and jumps to bh_vm_gate, with the
 * arguments still in their System V registers (gates/README.md).
 */
#include <bulkhead/thread_asm.h>
#include "vm_abi.h"                     /* struct bh_vm_regs, bh_vm_params: BH_VM_*_OFF_*, _SIZE */
	.section .bh.gates, "ax", @progbits

#define FRAME (BH_VM_REGS_SIZE + 8)     /* struct bh_vm_regs + 8: rsp 16-aligned below it */

/*
 * bh_vm_gate: r11 = callee, r10d = target compartment.  A target in this very
 * VM (kernel-compartment code running in another compartment's VM calls that
 * compartment) is a plain tail call.  Otherwise the registers go into a
 * struct bh_vm_regs on this VM's stack (shared memory) and bh_vm_call (vm.c)
 * sends them, serves whatever arrives meanwhile, and fills in the results.
 */
	.globl bh_vm_gate
	.type bh_vm_gate, @function
bh_vm_gate:
	cmpl bh_vm_params+BH_VM_PARAMS_OFF_SELF(%rip), %r10d        /* params.self */
	je 1f
	subq $FRAME, %rsp
	movq %r11, BH_VM_REGS_OFF_FN(%rsp)
	movq %r10, BH_VM_REGS_OFF_TARGET(%rsp)
	movq %rdi, BH_VM_REGS_OFF_GPR(%rsp)
	movq %rsi, BH_VM_REGS_OFF_GPR+8(%rsp)
	movq %rdx, BH_VM_REGS_OFF_GPR+16(%rsp)
	movq %rcx, BH_VM_REGS_OFF_GPR+24(%rsp)
	movq %r8, BH_VM_REGS_OFF_GPR+32(%rsp)
	movq %r9, BH_VM_REGS_OFF_GPR+40(%rsp)
	movdqu %xmm0, BH_VM_REGS_OFF_XMM(%rsp)
	movdqu %xmm1, BH_VM_REGS_OFF_XMM+16(%rsp)
	movdqu %xmm2, BH_VM_REGS_OFF_XMM+32(%rsp)
	movdqu %xmm3, BH_VM_REGS_OFF_XMM+48(%rsp)
	movdqu %xmm4, BH_VM_REGS_OFF_XMM+64(%rsp)
	movdqu %xmm5, BH_VM_REGS_OFF_XMM+80(%rsp)
	movdqu %xmm6, BH_VM_REGS_OFF_XMM+96(%rsp)
	movdqu %xmm7, BH_VM_REGS_OFF_XMM+112(%rsp)
	movq %rsp, %rdi
	call bh_vm_call
	movq BH_VM_REGS_OFF_RET(%rsp), %rax
	movq BH_VM_REGS_OFF_RET+8(%rsp), %rdx
	movdqu BH_VM_REGS_OFF_XMM(%rsp), %xmm0
	movdqu BH_VM_REGS_OFF_XMM+16(%rsp), %xmm1
	addq $FRAME, %rsp
	ret
1:	jmp *%r11
	.size bh_vm_gate, . - bh_vm_gate

/*
 * void bh_vm_invoke(struct bh_vm_regs *r): the callee side.  Loads the argument
 * registers, calls r->fn, stores rax, rdx, xmm0, xmm1 back into *r.
 */
	.globl bh_vm_invoke
	.type bh_vm_invoke, @function
bh_vm_invoke:
	pushq %rbx                              /* rsp 16-aligned from here */
	movq %rdi, %rbx
	movdqu BH_VM_REGS_OFF_XMM(%rbx), %xmm0
	movdqu BH_VM_REGS_OFF_XMM+16(%rbx), %xmm1
	movdqu BH_VM_REGS_OFF_XMM+32(%rbx), %xmm2
	movdqu BH_VM_REGS_OFF_XMM+48(%rbx), %xmm3
	movdqu BH_VM_REGS_OFF_XMM+64(%rbx), %xmm4
	movdqu BH_VM_REGS_OFF_XMM+80(%rbx), %xmm5
	movdqu BH_VM_REGS_OFF_XMM+96(%rbx), %xmm6
	movdqu BH_VM_REGS_OFF_XMM+112(%rbx), %xmm7
	movq BH_VM_REGS_OFF_GPR(%rbx), %rdi
	movq BH_VM_REGS_OFF_GPR+8(%rbx), %rsi
	movq BH_VM_REGS_OFF_GPR+16(%rbx), %rdx
	movq BH_VM_REGS_OFF_GPR+24(%rbx), %rcx
	movq BH_VM_REGS_OFF_GPR+32(%rbx), %r8
	movq BH_VM_REGS_OFF_GPR+40(%rbx), %r9
	call *BH_VM_REGS_OFF_FN(%rbx)
	movq %rax, BH_VM_REGS_OFF_RET(%rbx)
	movq %rdx, BH_VM_REGS_OFF_RET+8(%rbx)
	movdqu %xmm0, BH_VM_REGS_OFF_XMM(%rbx)
	movdqu %xmm1, BH_VM_REGS_OFF_XMM+16(%rbx)
	popq %rbx
	ret
	.size bh_vm_invoke, . - bh_vm_invoke

/* No WRPKRU, no checks to fail: nothing jumps here.  The symbol is part of every backend's runtime. */
	.globl __bh_gate_violation
	.type __bh_gate_violation, @function
__bh_gate_violation:
	xorl %edi, %edi
	movq (%rsp), %rsi
	andq $-16, %rsp
	call bh_gate_violation_report
	ud2
	.size __bh_gate_violation, . - __bh_gate_violation

/* Called by bulkhead-icall's check before an indirect call to a target that is no legal entry; rdi = the target. */
	.globl __bh_icall_violation
	.type __bh_icall_violation, @function
__bh_icall_violation:
	movq %rdi, %rdx
	movl bh_vm_params+BH_VM_PARAMS_OFF_SELF(%rip), %edi         /* the domain: this machine (BH_DOMAIN_MACHINE | self) */
	btsq $BH_DOMAIN_MACHINE_BIT, %rdi
	movq (%rsp), %rsi
	andq $-16, %rsp
	call bh_icall_violation_report
	ud2
	.size __bh_icall_violation, . - __bh_icall_violation

/*
 * void __bh_thread_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load, uint64_t tid)
 * (libs/sched): saves the callee-saved registers and rsp, makes `tid` this machine's current thread
 * (bh_vm_cur: the messages it sends carry it, vm.c), loads the other context and returns into it.
 * One domain per machine: no check to make.
 */
	.globl __bh_thread_switch
	.type __bh_thread_switch, @function
__bh_thread_switch:
	BH_THREAD_SAVE
	movl %edx, bh_vm_cur(%rip)
	BH_THREAD_LOAD_AND_RETURN
	.size __bh_thread_switch, . - __bh_thread_switch

/*
 * void bh_vm_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load): the same switch
 * for vm.c, which hands this machine to the thread a message is for (the caller sets bh_vm_cur).
 */
	.globl bh_vm_switch
	.type bh_vm_switch, @function
bh_vm_switch:
	BH_THREAD_SAVE
	BH_THREAD_LOAD_AND_RETURN
	.size bh_vm_switch, . - bh_vm_switch
