/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PVH entry.  QEMU (-kernel) finds bh_pvh_start through the Xen ELF note and
 * jumps to it in 32-bit protected mode, paging off, flat segments.  We identity
 * map the first 2 GiB with 2 MiB pages (the whole image, whatever its heaps), enter long
 * mode, enable SSE (the compiler uses it for copies and varargs) and call kmain
 * on the shared stack.  kmain then replaces this map with the real 4 KiB one.
 */
#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
/* The early identity map: 1024 entries of 2 MiB = 2 GiB (two page directories, one per GiB). */
#define EARLY_PD_ENTRIES 1024

#define EFER_NXE (1 << 11)
#include <bulkhead/abi.h>   /* BH_GDT_*: the GDT below, in the order STAR needs (cpu.c) */
#define XEN_ELFNOTE_PHYS32_ENTRY 18

	/* The end of the early map, for the linker script's check that the whole image lies below it. */
	.globl __bh_boot_map_end
	.set __bh_boot_map_end, EARLY_PD_ENTRIES * 0x200000

	.section .note.Xen, "a", @note
	.p2align 2
	.long 4                         /* name size: "Xen\0" */
	.long 4                         /* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long bh_pvh_start

	.section .bh.boot.text, "ax", @progbits
	.code32
	.globl bh_pvh_start
	.type bh_pvh_start, @function
bh_pvh_start:
	cli
	cld
	/* early_pd[i] = i * 2 MiB | PS | RW | P: identity map of the first 2 GiB, all that the small
	   code model can address, so the boot stack and kmain's data are mapped wherever the
	   configuration's heaps put them (scripts/bulkhead/memory.py CODE_LIMIT; the linker
	   script checks the image against __bh_boot_map_end). */
	movl $early_pd, %edi
	movl $0x83, %eax
	xorl %ecx, %ecx
1:	movl %eax, (%edi,%ecx,8)
	movl $0, 4(%edi,%ecx,8)
	addl $0x200000, %eax
	incl %ecx
	cmpl $EARLY_PD_ENTRIES, %ecx
	jne 1b

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $early_pml4, %eax
	movl %eax, %cr3

	/* Long mode, and NX so the real page tables may use bit 63. */
	movl $MSR_EFER, %ecx
	rdmsr
	orl $(EFER_LME | EFER_NXE), %eax
	wrmsr

	/* WP from the start: supervisor writes must honour read-only pages. */
	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP | CR0_PE), %eax
	movl %eax, %cr0

	lgdt early_gdtr
	ljmp $BH_GDT_CODE, $long_entry

	.code64
long_entry:
	movl $BH_GDT_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	/* The stack top is a word of the boot data (default: __bh_kernel_stack_top from the linker script), so a loader that
	   starts several machines from one image can give each its own stack (backend vm). */
	movq bh_boot_stack_top(%rip), %rsp

	/* SSE: no FPU emulation, monitor coprocessor, FXSAVE and SIMD exceptions on. */
	movq %cr0, %rax
	andq $~CR0_EM, %rax
	orq $CR0_MP, %rax
	movq %rax, %cr0
	movq %cr4, %rax
	orq $(CR4_OSFXSR | CR4_OSXMMEXCPT), %rax
	movq %rax, %cr4

	xorl %ebp, %ebp                 /* ends frame-pointer walks */
	call kmain
2:	cli
	hlt
	jmp 2b
	.size bh_pvh_start, . - bh_pvh_start

	/* Used only until kmain loads the real page tables. */
	.section .bh.boot.data, "aw", @progbits
	.p2align 12
early_pml4:
	.quad early_pdpt + 0x3
	.fill 511, 8, 0
early_pdpt:
	.quad early_pd + 0x3            /* GiB 0 */
	.quad early_pd + 0x1000 + 0x3   /* GiB 1 */
	.fill 510, 8, 0
early_pd:
	.fill EARLY_PD_ENTRIES, 8, 0
early_gdtr:
	.word bh_gdt_end - bh_gdt - 1
	.long bh_gdt
	.p2align 3
	.globl bh_boot_stack_top
bh_boot_stack_top:
	.quad __bh_kernel_stack_top   /* linker/image.ld.j2: the kernel compartment's private stack, or the shared one */

	/*
	 * The GDT lives in .bh.sys (shared key, read-only after boot).  The accessed
	 * bits are preset: otherwise the CPU would write them on the next segment
	 * load, and that write would fault on the read-only page.
	 */
	.section .bh.sys, "aw", @progbits
	.p2align 4
	.globl bh_gdt
bh_gdt:
	.quad 0
	.quad 0x00af9b000000ffff        /* 0x08: 64-bit code, DPL 0, accessed */
	.quad 0x00cf93000000ffff        /* 0x10: data, DPL 0, accessed */
	.globl bh_gdt_tss
bh_gdt_tss:
	.quad 0, 0                      /* 0x18: the TSS (its IST stack), filled by idt.c before paging */
	/* The user segments SYSRET and IRET to ring 3 load (abi/abi.toml BH_GDT_*: STAR's order). */
	.quad 0                         /* 0x28: no 32-bit user code */
	.quad 0x00cff3000000ffff        /* 0x30: data, DPL 3, accessed */
	.quad 0x00affb000000ffff        /* 0x38: 64-bit code, DPL 3, accessed */
bh_gdt_end:
