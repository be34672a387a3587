/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mpk backend's domain switches outside the generated gates, and its gate violation routines.
 * Each switch checks, after its WRPKRU, that the value written is one it was allowed to write, so
 * jumping to the WRPKRU with a chosen eax gains nothing.
 *
 * Compartments run in ring 3 (bh_backend_ring3; docs/design.md 7b), so the code splits by ring:
 *  - .bh.mtext (supervisor pages: no compartment can even fetch it): the boot's domain entry and the
 *    trap domain's entry and exit, which run in ring 0 only, and their own violation path;
 *  - .bh.gates (user pages): what ring-3 code reaches, the violation routines the gates jump to
 *    (they ask the kernel to report, with SYSCALL: no WRPKRU of theirs could open a key) and the
 *    scheduler's thread switch.
 * WRPKRU may appear in both (scripts/bulkhead/verify.py).
 */
#include <bulkhead/image_asm.h>
#include <bulkhead/thread_asm.h>
#include <bulkhead/abi.h>   /* BH_TRAP_STACK_SIZE, BH_MPK_TRAP_NEST, BH_TRAPRET_ARMED, BH_SVC_* */


	.section .bh.mtext, "ax", @progbits

/*
 * The violation routines below report with every key open: their stack is the kernel's trap stack,
 * never the rsp they were reached with, which the caller chose (it could point into another
 * compartment's memory, which the report's frames would then overwrite).  The report ends the image,
 * so whatever the trap stack held is not needed again.
 */
	.macro TRAP_STACK
	leaq bh_trap_stack+BH_TRAP_STACK_SIZE(%rip), %rsp
	.endm

/* r8 = &__bh_image.compartments[edi], or a jump to __bh_monitor_violation when edi is out of range. */
	.macro COMPARTMENT_ENTRY
	movl %edi, %r8d
	cmpl __bh_image+BH_IMAGE_NCOMPARTMENTS(%rip), %r8d
	jae __bh_monitor_violation
	imulq $BH_COMPARTMENT_SIZE, %r8, %r8
	addq __bh_image+BH_IMAGE_COMPARTMENTS(%rip), %r8
	.endm

/*
 * void bh_backend_enter(uint32_t compartment)
 * Loads __bh_image.compartments[compartment].pkru, once: kmain enters the kernel's compartment with
 * it at boot, and nothing else may.  The checks after the WRPKRU re-derive the value from the
 * (read-only) table, require the kernel's compartment, and set bh_mpk_entered (kernel memory,
 * gates/mpk/mpk.c), which only the kernel's domain can reach: a later call, or a jump to the WRPKRU
 * with a chosen eax, is a gate violation, never a switch.
 */
	.globl bh_backend_enter
	.type bh_backend_enter, @function
bh_backend_enter:
	COMPARTMENT_ENTRY
	movl BH_COMPARTMENT_PKRU(%r8), %eax
	xorl %ecx, %ecx
	xorl %edx, %edx
	wrpkru
	COMPARTMENT_ENTRY               /* re-derived after the WRPKRU: a jump to it gains nothing */
	cmpl BH_COMPARTMENT_PKRU(%r8), %eax
	jne __bh_monitor_violation
	cmpl __bh_image+BH_IMAGE_KERNEL_COMPARTMENT(%rip), %edi
	jne __bh_monitor_violation
	lock btsl $0, bh_mpk_entered(%rip)
	jc __bh_monitor_violation          /* entered before: this is no boot */
	ret
	.size bh_backend_enter, . - bh_backend_enter

/*
 * uint64_t bh_backend_trap_enter(void)
 * Returns the interrupted PKRU and opens every key (PKRU 0) for the kernel's
 * trap handler.  Accepted only from the trap entry's call site: opening every
 * key is the most powerful switch in the image.  Before CR4.PKE is on (boot,
 * the PKU probe itself) RDPKRU would #UD: return 0 then.
 */
	.globl bh_backend_trap_enter
	.type bh_backend_trap_enter, @function
bh_backend_trap_enter:
	movq %cr4, %rax
	btq $22, %rax                   /* CR4.PKE */
	jnc 1f
	xorl %ecx, %ecx
	rdpkru
	movl %eax, %r8d
	xorl %eax, %eax
	xorl %edx, %edx
	wrpkru
	cmpl $0, %eax
	jne __bh_monitor_violation
	leaq bh_trap_enter_return(%rip), %rax
	cmpq %rax, (%rsp)
	jne __bh_monitor_violation
	/* What the matching exit will install: kept at this trap's depth, in kernel memory. */
	movl bh_trap_depth(%rip), %ecx  /* trap.S counts this trap right after the call */
	cmpl $BH_MPK_TRAP_NEST, %ecx
	jae __bh_monitor_violation
	leaq bh_mpk_trap_saved(%rip), %rax
	movl %r8d, (%rax,%rcx,4)
	movl %r8d, %eax
	ret
1:	xorl %eax, %eax
	ret
	.size bh_backend_trap_enter, . - bh_backend_trap_enter

/*
 * The ring-0 violation path of the code above (a check failed in the boot's domain entry or the trap
 * domain's entry or exit).  (%rsp) is taken as the call site.  Opens the trap domain so the reporter
 * can read its tables, and reports on the trap stack: exit 67.
 */
	.type __bh_monitor_violation, @function
__bh_monitor_violation:
	xorl %ecx, %ecx
	rdpkru
	movl %eax, %edi                 /* the PKRU the check rejected */
	movq (%rsp), %rsi
	xorl %eax, %eax
	xorl %edx, %edx
	wrpkru
	TRAP_STACK
	call bh_gate_violation_report
	ud2
	.size __bh_monitor_violation, . - __bh_monitor_violation

/*
 * rsi = the trap-return area of the compartment whose domain eax is (its exact PKRU, or in an audit
 * image that PKRU with exactly one more key opened); the first such compartment in table order.
 * A jump to __bh_monitor_violation when there is none.  Clobbers ecx, r8-r11.
 */
	.macro DOMAIN_TRAPRET
	xorl %r11d, %r11d
	movq __bh_image+BH_IMAGE_COMPARTMENTS(%rip), %rsi
1:	cmpl __bh_image+BH_IMAGE_NCOMPARTMENTS(%rip), %r11d
	jae __bh_monitor_violation
	movl BH_COMPARTMENT_PKRU(%rsi), %r8d
	cmpl %r8d, %eax
	je 3f
	movabsq $__bh_audit, %r9        /* linker script: 1 in audit images */
	testq %r9, %r9
	jz 2f
	movl %r8d, %r9d
	xorl %eax, %r9d                 /* the bits that differ from this domain */
	movl %eax, %r10d
	andl %r9d, %r10d                /* a bit set that the domain has clear: not an opening */
	jnz 2f
	bsfl %r9d, %ecx
	testl $1, %ecx                  /* a key's two bits start at an even position */
	jnz 2f
	movl $3, %r10d
	shll %cl, %r10d
	cmpl %r10d, %r9d                /* exactly that key's two bits */
	je 3f
2:	addq $BH_COMPARTMENT_SIZE, %rsi
	incl %r11d
	jmp 1b
3:	leaq __bh_trapret_table(%rip), %rsi
	movq (%rsi,%r11,8), %rsi
	.endm

/*
 * void bh_backend_trap_exit(uint64_t pkru)
 * Installs the domain a resuming trap returns to (what bh_trap returned), last thing before trap.S
 * pops the frame.  That value must be exactly the PKRU the matching trap entry saved
 * (bh_mpk_trap_saved at this trap's depth, kernel memory; kernel/trap.c: bh_trap_depth, decremented
 * before this call) -- in an audit image it may differ from it by one key (a violation being
 * single-stepped with its key open, or that key closed again after the step).  The check happens
 * twice: in the trap domain before the WRPKRU, where the exit arms the resumed compartment's
 * trap-return area with the value (BH_TRAPRET_ARMED: memory of that compartment only), and after
 * it, where the value in force must be a compartment's domain whose area is armed with exactly it;
 * the area is disarmed at once.  A jump to the WRPKRU with a chosen eax therefore finds no armed
 * area (only the trap domain arms, and the armed word lasts from the exit's check to its end, with
 * interrupts off).  The trap domain itself (0) is installed only back into a handler a tick nested
 * in: the tick's entry must have saved 0 and a trap must still be running.  Anything else is a
 * gate violation.  Before CR4.PKE is on (the PKU probe) there is nothing to install.
 */
	.globl bh_backend_trap_exit
	.type bh_backend_trap_exit, @function
bh_backend_trap_exit:
	movq %cr4, %rax
	btq $22, %rax
	jnc 9f
	xorl %ecx, %ecx
	rdpkru
	testl %eax, %eax
	jnz 5f                          /* not called in the trap domain: nothing gets armed */
	movl bh_trap_depth(%rip), %ecx  /* the depth of the trap that ends */
	cmpl $BH_MPK_TRAP_NEST, %ecx
	jae __bh_monitor_violation
	leaq bh_mpk_trap_saved(%rip), %rax
	cmpl (%rax,%rcx,4), %edi        /* what its entry saved */
	je 4f
	movabsq $__bh_audit, %r9
	testq %r9, %r9
	jz __bh_monitor_violation          /* (an audit image's one-key difference is checked below) */
4:	testl %edi, %edi
	jz 5f                           /* back into a handler's trap domain: checked after the WRPKRU */
	movl %edi, %eax
	DOMAIN_TRAPRET
	movl %edi, BH_TRAPRET_ARMED(%rsi)
5:	movl %edi, %eax
	xorl %ecx, %ecx
	xorl %edx, %edx
	wrpkru
	testl %eax, %eax
	jnz 0f
	movl bh_trap_depth(%rip), %ecx  /* the trap domain: only back into a handler a tick nested in */
	testl %ecx, %ecx
	jz __bh_monitor_violation
	cmpl $BH_MPK_TRAP_NEST, %ecx
	jae __bh_monitor_violation
	leaq bh_mpk_trap_saved(%rip), %r8
	cmpl $0, (%r8,%rcx,4)
	jne __bh_monitor_violation
	ret
0:	DOMAIN_TRAPRET                  /* re-derived after the WRPKRU, in the domain now in force */
	cmpl %eax, BH_TRAPRET_ARMED(%rsi)
	jne __bh_monitor_violation
	movl $0, BH_TRAPRET_ARMED(%rsi)
9:	ret
	.size bh_backend_trap_exit, . - bh_backend_trap_exit

	.section .bh.gates, "ax", @progbits

/*
 * The violation routines the gates jump to (ring 3).  Each asks the kernel to report (SYSCALL
 * BH_SVC_VIOLATION, kernel/service.c), which takes the caller's domain from the trap entry, never
 * from a register: a routine of its own could only end the image, as any compartment may.
 *
 * __bh_gate_violation: reached by a jump from a gate whose check failed; (%rsp) is the gate's return
 * address (gates keep rsp at their entry value around both checks).  Exit 67.
 */
	.globl __bh_gate_violation
	.type __bh_gate_violation, @function
__bh_gate_violation:
	movq (%rsp), %rsi
	movl $BH_VIOLATION_GATE, %edi
	movl $BH_SVC_VIOLATION, %eax
	syscall
	ud2
	.size __bh_gate_violation, . - __bh_gate_violation

/*
 * Called by the check bulkhead-icall puts before an indirect call whose target is neither code of
 * the caller's compartment, the shared text, nor a legal entry of another compartment (a forged
 * function pointer); rdi = the target.  BH_EXIT_ICALL_VIOLATION.
 */
	.globl __bh_icall_violation
	.type __bh_icall_violation, @function
__bh_icall_violation:
	movq %rdi, %rdx                 /* the target */
	movq (%rsp), %rsi               /* the call site */
	movl $BH_VIOLATION_ICALL, %edi
	movl $BH_SVC_VIOLATION, %eax
	syscall
	ud2
	.size __bh_icall_violation, . - __bh_icall_violation

/*
 * Reached by a jump from a private-stack gate's return half when the caller's compartment was not
 * waiting on that gate's callee: someone jumped into the middle of a gate sequence.
 * BH_EXIT_GATE_ORDER_VIOLATION.
 */
	.globl __bh_gate_order_violation
	.type __bh_gate_order_violation, @function
__bh_gate_order_violation:
	movl $BH_VIOLATION_ORDER, %edi
	movl $BH_SVC_VIOLATION, %eax
	syscall
	ud2
	.size __bh_gate_order_violation, . - __bh_gate_order_violation

/*
 * void __bh_thread_switch(struct bh_thread_ctx *save, const struct bh_thread_ctx *load, uint64_t tid)
 * (libs/sched): saves the callee-saved registers and rsp, makes `tid` the current thread (the GS
 * base, which the private-stack gates use to index their per-thread slots), loads the other
 * context and returns into it.  The GS base is 8 * tid: the gates address their slots
 * %gs:__bh_c<i>_sp, an array of one word per thread.  No key is opened: the switch runs in the scheduler's domain, and
 * every compartment's per-thread state stays in that compartment's memory.  The one write that
 * matters, WRGSBASE, is allowed to the scheduler's domain only (__bh_sched_pkru, from the linker
 * script): a jump to it from anywhere else is a gate violation.
 */
	.globl __bh_thread_switch
	.type __bh_thread_switch, @function
__bh_thread_switch:
	BH_THREAD_SAVE
	shlq $3, %rdx                   /* the GS base is the thread's offset into every slot array */
	wrgsbase %rdx
	xorl %ecx, %ecx
	rdpkru
	cmpl $__bh_sched_pkru, %eax
	jne __bh_gate_violation
	BH_THREAD_LOAD_AND_RETURN
	.size __bh_thread_switch, . - __bh_thread_switch
