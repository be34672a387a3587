/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel-internal x86-64 definitions: control-register bits, port I/O, the trap
 * frame trap.S builds.  Not part of the public API (kernel/include/bulkhead/).
 *
 * The accessors are always_inline on purpose: domain-neutral functions (the
 * console) use them and may only call other neutral functions, so they must
 * vanish into their callers at compile time.
 */
#ifndef BH_X86_H
#define BH_X86_H

#include <stdint.h>
#include <bulkhead/image.h>

#define BH_INLINE static inline __attribute__((always_inline))

#define CR0_WP (1ull << 16)
#define CR4_PKE (1ull << 22)
#define CR4_FSGSBASE (1ull << 16)
#define CR4_OSXSAVE (1ull << 18)

/* Page-fault error code bits (SDM vol. 3, 4.7): fault.c reports them, trap.c, audit.c and dss.c act on them. */
#define PF_PRESENT (1u << 0)
#define PF_WRITE (1u << 1)
#define PF_USER (1u << 2)
#define PF_RESERVED (1u << 3)
#define PF_FETCH (1u << 4)
#define PF_PKEY (1u << 5)
#define PF_SHADOW_STACK (1u << 6)
#define PF_SGX (1u << 15)

#define BH_TIMER_VECTOR 32   /* IRQ 0 of the 8259 (kernel/timer.c) */

BH_INLINE void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

BH_INLINE void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* Under QEMU -icount shift=0 the TSC counts instructions executed since reset. */
BH_INLINE uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

BH_INLINE uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

BH_INLINE uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

BH_INLINE uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("movq %%cr2, %0" : "=r"(v));
	return v;
}

BH_INLINE uint64_t read_cr4(void)
{
	uint64_t v;
	__asm__ volatile("movq %%cr4, %0" : "=r"(v));
	return v;
}

BH_INLINE void write_cr4(uint64_t v)
{
	__asm__ volatile("movq %0, %%cr4" : : "r"(v) : "memory");
}

BH_INLINE void write_cr3(uint64_t v)
{
	__asm__ volatile("movq %0, %%cr3" : : "r"(v) : "memory");
}

BH_INLINE uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

BH_INLINE void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

BH_INLINE void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

/* What trap.S pushes, lowest address first (the reverse of its push order). */
struct bh_trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;               /* error is 0 for vectors without one */
	uint64_t rip, cs, rflags, rsp, ss;    /* pushed by the CPU */
};

/* kernel/arch/x86_64/idt.c: fills the IDT (in .bh.sys) and loads it.  Before paging. */
void bh_idt_init(void);

/* kernel/arch/x86_64/cpu.c: SYSCALL on (EFER.SCE), its entry (arch/x86_64/trap.S: bh_syscall_entry),
 * the selectors it and SYSRET load (STAR), and the flags it clears (FMASK). */
void bh_cpu_syscall_init(void);

/* kernel/arch/x86_64/paging.c: builds and loads the 4 KiB page tables from the image
 * table.  Returns 0, or prints why and returns BH_EXIT_BOOT_ERROR.  After bh_idt_init
 * (maps .bh.sys read-only) and bh_image_check. */
int bh_paging_init(const struct bh_image *img);

/* kernel/arch/x86_64/paging.c: gives the mapped pages of [start, end) protection key `key` (and
 * flushes them from the TLB).  Unmapped pages are left alone.  Kernel domain only (page tables). */
void bh_paging_rekey(uintptr_t start, uintptr_t end, uint32_t key);

/* kernel/arch/x86_64/paging.c: unmaps the mapped pages of [start, end) (and flushes them from the
 * TLB), so any access there faults: the stack guard pages (kernel/stackguard.c).  Kernel domain only. */
void bh_paging_unmap(uintptr_t start, uintptr_t end);

/* kernel/arch/x86_64/paging.c: maps the physical range [start, end) (a device's registers, outside
 * the image) identity, read-write, no-execute and uncached, with protection key `key` (kernel/pci.c).
 * Pages already mapped the same way are kept; a page of the image, or one mapped otherwise, is
 * refused.  Returns 0, or prints why and returns -1 (out of page tables: [memory] page_tables). */
int bh_paging_map_device(uintptr_t start, uintptr_t end, uint32_t key);

/* kernel/arch/x86_64/cpu.c: if a probe is armed and the trap is the #UD/#GP it
 * expects, resumes after the probed instruction and returns 1. */
int bh_cpu_probe_fixup(struct bh_trap_frame *f);

/* kernel/trap.c, called by trap.S with the trap domain open; returns the domain (PKRU) the
 * interrupted code resumes in, which trap.S passes to bh_backend_trap_exit. */
uint64_t bh_trap(struct bh_trap_frame *f, uint64_t domain);

#endif
