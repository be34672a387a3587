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
