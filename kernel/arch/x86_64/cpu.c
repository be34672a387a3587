/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Protection-key detection.  CPUID alone is not trusted (some CPUs and
 * hypervisors report PKU while RDPKRU raises #UD), so the probe executes
 * RDPKRU, with CR4.PKE set, under a recovery point that bh_trap honours.
 * CR4.PKE is only ever written after CPUID said yes: on a QEMU TCG CPU model
 * without PKU that write livelocks instead of raising #GP.
 */
#include <stdbool.h>
#include <stdint.h>
#include <bulkhead/cpu.h>
#include "x86.h"

#define VEC_UD 6
#define VEC_GP 13
#define CPUID7_ECX_PKU (1u << 3)

/* Where a probed instruction resumes if it faults (0: no probe armed), and which
 * vector it raised.  Written in the kernel domain, read by bh_trap with the trap
 * domain open. */
static volatile uintptr_t probe_resume;
static volatile int probe_vector;

int bh_cpu_probe_fixup(struct bh_trap_frame *f)
{
	if (probe_resume == 0 || (f->vector != VEC_UD && f->vector != VEC_GP))
		return 0;
	probe_vector = (int)f->vector;
	f->rip = probe_resume;
	probe_resume = 0;
	return 1;
}

static bool cpuid_says_pku(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	if (r[0] < 7)
		return false;
	cpuid(7, 0, r);
	return (r[2] & CPUID7_ECX_PKU) != 0;
}

/* Writes CR4; returns the vector it raised (#GP), or 0. */
static int probe_write_cr4(uint64_t v)
{
	probe_vector = 0;
	__asm__ volatile("movq $1f, %[resume]\n\t"
			 "movq %[v], %%cr4\n"
			 "1:"
			 : [resume] "=m"(probe_resume)
			 : [v] "r"(v)
			 : "memory");
	probe_resume = 0;
	return probe_vector;
}

/* Executes RDPKRU; returns the vector it raised (#UD), or 0. */
static int probe_rdpkru(void)
{
	uint32_t eax, edx;
	probe_vector = 0;
	__asm__ volatile("movq $1f, %[resume]\n\t"
			 "rdpkru\n"
			 "1:"
			 : [resume] "=m"(probe_resume), "=a"(eax), "=d"(edx)
			 : "c"(0)
			 : "memory");
	(void)eax;
	(void)edx;
	probe_resume = 0;
	return probe_vector;
}

bool bh_cpu_has_pku(void)
{
	if (!cpuid_says_pku())
		return false;
	uint64_t cr4 = read_cr4();
	if (probe_write_cr4(cr4 | CR4_PKE) != 0)
		return false;
	int fault = probe_rdpkru();
	write_cr4(cr4);
	return fault == 0;
}

void bh_cpu_enable_pke(void)
{
	write_cr4(read_cr4() | CR4_PKE);
}

bool bh_cpu_pke_enabled(void)
{
	return (read_cr4() & CR4_PKE) != 0;
}

bool bh_cpu_enable_fsgsbase(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	if (r[0] < 7)
		return false;
	cpuid(7, 0, r);
	if (!(r[1] & 1u))
		return false;
	/* The GS base is 0 from boot (thread 0); only __bh_thread_switch, in .bh.gates, writes it
	 * (bulkhead verify refuses WRGSBASE anywhere else). */
	write_cr4(read_cr4() | CR4_FSGSBASE);
	return true;
}

#define CPUID1_ECX_XSAVE (1u << 26)
#define CPUID1_ECX_AVX (1u << 28)
#define XCR0_X87_SSE_AVX 7u

bool bh_cpu_enable_avx(void)
{
	uint32_t r[4];
	cpuid(1, 0, r);
	if ((r[2] & (CPUID1_ECX_XSAVE | CPUID1_ECX_AVX)) != (CPUID1_ECX_XSAVE | CPUID1_ECX_AVX))
		return false;
	write_cr4(read_cr4() | CR4_OSXSAVE);
	__asm__ volatile("xsetbv" : : "c"(0), "a"(XCR0_X87_SSE_AVX), "d"(0) : "memory");
	return true;
}

#define MSR_EFER 0xc0000080u
#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define EFER_SCE (1ull << 0)
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_IF (1ull << 9)
#define RFLAGS_DF (1ull << 10)
#define RFLAGS_AC (1ull << 18)

void bh_syscall_entry(void);   /* arch/x86_64/trap.S */

/*
 * SYSCALL enters the kernel at bh_syscall_entry with the selectors of STAR (kernel code, and SS =
 * code + 8; SYSRET's user segments at BH_GDT_USER_BASE + 8 and + 16).  FMASK clears, before the
 * first instruction of the entry: IF (no interrupt before the entry has a stack of its own), TF (no
 * #DB in the kernel that a caller's single-step arranged), AC (SMAP, once on, applies to the entry's
 * accesses too) and DF (string instructions go up, as C assumes).  The kernel has no service for
 * SYSCALL yet, so the entry reports any service number as a gate violation (docs/design.md 7b).
 */
void bh_cpu_syscall_init(void)
{
	wrmsr(MSR_STAR, ((uint64_t)BH_GDT_USER_BASE << 48) | ((uint64_t)BH_GDT_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)bh_syscall_entry);
	wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_TF | RFLAGS_DF | RFLAGS_AC);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
