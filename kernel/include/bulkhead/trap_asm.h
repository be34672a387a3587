/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Constants of the trap path shared by C and assembly (kernel/trap.c, arch/x86_64/trap.S, idt.c, and
 * the backends' violation routines, which report on the kernel's trap stack).
 */
#ifndef BULKHEAD_TRAP_ASM_H
#define BULKHEAD_TRAP_ASM_H

#define BH_TRAP_STACK_SIZE 16384   /* kernel/trap.c: bh_trap_stack, the C side of every trap */
#define BH_IST_STACK_SIZE 8192     /* arch/x86_64/idt.c: bh_ist_stack, the timer's (IST 1) */

/* The vector trap.S records for a SYSCALL (arch/x86_64/trap.S: bh_syscall_entry): above every
 * real vector (0-255), so nothing the CPU delivers can be taken for it. */
#define BH_VECTOR_SYSCALL 256

#endif
