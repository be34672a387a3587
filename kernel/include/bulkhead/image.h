/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bulkhead image: the tables the LTO pass emits
 * at link time, the region symbols the linker script defines, read by the
 * kernel at boot and in its fault reports.
 *
 * Nothing here is written by hand per configuration: the pass generates
 * __bh_image from the configuration carried in the link, and the region
 * symbols come from the Jinja2 linker template.
 */
#ifndef BULKHEAD_IMAGE_H
#define BULKHEAD_IMAGE_H

#include <stdint.h>
/* The layouts (struct bh_image, bh_compartment, bh_symbol, bh_region), BH_ABI_VERSION, the symbol
 * kinds and BH_SHARED_COMPARTMENT / BH_NO_COMPONENT: abi/abi.toml, generated into abi.h, from which
 * the pass (passes/Finalize.cpp) builds the same tables. */
#include <bulkhead/abi.h>

/* Emitted by the pass (finalize step, FullLinkTimeOptimizationLast). */
extern const struct bh_image __bh_image;

/*
 * Defined by the linker script (linker/image.ld.j2), page aligned.  The
 * per-compartment regions are reached through __bh_image.compartments.
 */
extern char __bh_image_start[], __bh_image_end[];
extern char __bh_boot_start[], __bh_boot_end[];     /* .bh.boot.*: PVH entry, early page tables */
extern char __bh_sys_start[], __bh_sys_end[];       /* .bh.sys: GDT, IDT (read-only after boot) */
extern char __bh_mtext_start[], __bh_mtext_end[];   /* .bh.mtext: the kernel's entry and exit code (trap.S, the backend's trap domain switches): supervisor pages in ring-3 images */
extern char __bh_monitor_start[], __bh_monitor_end[];   /* .bh.monitor: the state only ring 0 may touch (trap and IST stacks, trap depth, the backend's saved domains) */
extern char __bh_gates_start[], __bh_gates_end[];   /* .bh.gates: the only code that may WRPKRU */
extern char __bh_shared_text_start[], __bh_shared_text_end[];
extern char __bh_shared_rodata_start[], __bh_shared_rodata_end[];
extern char __bh_shared_data_start[], __bh_shared_data_end[];
extern char __bh_shared_bss_start[], __bh_shared_bss_end[];
extern char __bh_shared_heap_start[], __bh_shared_heap_end[];   /* inside the shared bss */
extern char __bh_stack_start[], __bh_stack_end[];   /* .bh.stack: the shared stack */

#endif
