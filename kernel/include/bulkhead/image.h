/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bulkhead image ABI: the one header shared by the LTO pass (which emits
 * these tables at link time), the linker script (which defines the region
 * symbols the tables point at) and the kernel (which reads them at boot
 * and when it reports a fault).  Version it when the layout changes.
 *
 * Nothing here is written by hand per configuration: the pass generates
 * __bh_image from the configuration carried in the link, and the region
 * symbols come from the Jinja2 linker template.
 */
#ifndef BULKHEAD_IMAGE_H
#define BULKHEAD_IMAGE_H

#include <stdint.h>

#define BH_IMAGE_VERSION 2

/* Compartment index used for symbols placed in the shared region. */
#define BH_SHARED_COMPARTMENT 0xffffu
/* Component index of pass-generated code (gate stubs). */
#define BH_NO_COMPONENT 0xffffu

/* A half-open byte range [start, end), both page aligned by the linker script. */
struct bh_region {
	uintptr_t start;
	uintptr_t end;
};

struct bh_compartment {
	const char *name;
	uint32_t key;   /* protection key of its pages (0 when the backend has none) */
	uint32_t pkru;  /* PKRU value of its domain (mpk); 0 otherwise            */
	struct bh_region text, rodata, data, bss;
	struct bh_region heap;   /* its own heap (bh_malloc), inside bss */
};

enum bh_symbol_kind {
	BH_SYM_FUNCTION = 1,
	BH_SYM_OBJECT = 2,
	BH_SYM_GATE = 3,
};

struct bh_symbol {
	uintptr_t addr;
	uint64_t size;          /* bytes for objects; 0 for functions (use the next symbol) */
	const char *name;
	uint16_t component;     /* index into bh_image.components, or BH_NO_COMPONENT */
	uint16_t compartment;   /* index into bh_image.compartments, or BH_SHARED_COMPARTMENT */
	uint32_t kind;          /* enum bh_symbol_kind */
};

struct bh_image {
	uint32_t version;             /* BH_IMAGE_VERSION */
	uint32_t ncompartments;
	uint32_t ncomponents;
	uint32_t nsymbols;            /* symbols[] is NOT sorted */
	uint32_t kernel_compartment;  /* compartment holding the component "kernel" */
	uint32_t shared_key;          /* key of the shared region (15 for mpk, 0 for none) */
	const char *name;             /* configuration name */
	const char *backend;          /* "none", "mpk", ... */
	const struct bh_compartment *compartments;
	const char *const *components;
	const struct bh_symbol *symbols;
};

/* Emitted by the pass (finalize step, FullLinkTimeOptimizationLast). */
extern const struct bh_image __bh_image;

/*
 * Defined by the linker script (linker/image.ld.j2), page aligned.  The
 * per-compartment regions are reached through __bh_image.compartments.
 */
extern char __bh_image_start[], __bh_image_end[];
extern char __bh_boot_start[], __bh_boot_end[];     /* .bh.boot.*: PVH entry, early page tables */
extern char __bh_sys_start[], __bh_sys_end[];       /* .bh.sys: GDT, IDT (read-only after boot) */
extern char __bh_gates_start[], __bh_gates_end[];   /* .bh.gates: the only code that may WRPKRU */
extern char __bh_shared_text_start[], __bh_shared_text_end[];
extern char __bh_shared_rodata_start[], __bh_shared_rodata_end[];
extern char __bh_shared_data_start[], __bh_shared_data_end[];
extern char __bh_shared_bss_start[], __bh_shared_bss_end[];
extern char __bh_shared_heap_start[], __bh_shared_heap_end[];   /* inside the shared bss */
extern char __bh_stack_start[], __bh_stack_end[];   /* .bh.stack: the shared stack */

#endif
