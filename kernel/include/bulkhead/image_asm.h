/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offsets into the image.h tables for assembly (backend runtimes read
 * compartments[i].pkru).  kernel/image.c checks each one with _Static_assert,
 * so a layout change in image.h breaks the kernel build, not the gates.
 */
#ifndef BULKHEAD_IMAGE_ASM_H
#define BULKHEAD_IMAGE_ASM_H

#define BH_IMAGE_NCOMPARTMENTS 4     /* offsetof(struct bh_image, ncompartments) */
#define BH_IMAGE_KERNEL_COMPARTMENT 16 /* offsetof(struct bh_image, kernel_compartment) */
#define BH_IMAGE_COMPARTMENTS 40     /* offsetof(struct bh_image, compartments) */
#define BH_COMPARTMENT_PKRU 12       /* offsetof(struct bh_compartment, pkru) */
#define BH_COMPARTMENT_SIZE 96       /* sizeof(struct bh_compartment) */


/*
 * Each compartment's trap-return area (linker/image.ld.j2, kernel/trap.c): 256 bytes of its bss.  The
 * frame of a trap delivered on the IST stack leaves through its last 176 bytes; its first word is
 * the mpk trap exit's arming word (gates/mpk/domains.S): the exact PKRU the kernel is about to
 * install, written in the trap domain, checked and cleared right after the WRPKRU.
 */
#define BH_TRAPRET_SIZE 256
#define BH_TRAPRET_ARMED 0

#endif
