/* SPDX-License-Identifier: BSD-3-Clause */
/* CPU features the backends depend on (kernel/arch/x86_64/cpu.c). */
#ifndef BULKHEAD_CPU_H
#define BULKHEAD_CPU_H

#include <stdbool.h>
#include <stdint.h>

/*
 * True if protection keys really work: CPUID.7.0:ECX[3] is set AND, with CR4.PKE
 * turned on for the probe, RDPKRU executes without #UD (some CPUs/hypervisors claim
 * PKU in CPUID and still fault).  Leaves CR4 as it found it.  Needs the IDT
 * (bh_idt_init) because the probe recovers from #UD/#GP.
 */
bool bh_cpu_has_pku(void);

/* Sets CR4.PKE.  Only after bh_cpu_has_pku() said yes: on a CPU model without PKU,
 * QEMU TCG livelocks on this write instead of raising #GP. */
void bh_cpu_enable_pke(void);

/* Whether CR4.PKE is set (i.e. PKRU is being enforced). */
bool bh_cpu_pke_enabled(void);

/* If CPUID.7.0:EBX[0] says so, sets CR4.FSGSBASE and returns true (the GS base is 0: thread 0).
 * The GS base is 8 times the current thread's index: the private-stack gates address their per-thread
 * slots with it (%gs: operands), and only the scheduler's switch in .bh.gates writes it. */
bool bh_cpu_enable_fsgsbase(void);

/* If CPUID.1:ECX says the CPU has XSAVE and AVX, sets CR4.OSXSAVE, enables the x87, SSE and AVX
 * state in XCR0 and returns true.  The private-stack gates clear every vector register with one
 * VZEROALL, which needs it (every CPU with PKU has AVX). */
bool bh_cpu_enable_avx(void);

/* The running domain's PKRU, for code that checks its own domain (apps/ticks, nested, threads).
 * mpk only: RDPKRU raises #UD where CR4.PKE is off. */
static inline uint32_t bh_rdpkru(void)
{
	uint32_t eax, edx;
	__asm__ volatile("rdpkru" : "=a"(eax), "=d"(edx) : "c"(0));
	return eax;
}

#endif
