/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offsets into the image.h tables for assembly (backend runtimes read
 * compartments[i].pkru).  kernel/image.c checks each one with _Static_assert,
 * so a layout change in image.h breaks the kernel build, not the gates.
 */
#ifndef BULKHEAD_IMAGE_ASM_H
#define BULKHEAD_IMAGE_ASM_H

#define BH_IMAGE_NCOMPARTMENTS 4     /* offsetof(struct bh_image, ncompartments) */
#define BH_IMAGE_COMPARTMENTS 40     /* offsetof(struct bh_image, compartments) */
#define BH_COMPARTMENT_PKRU 12       /* offsetof(struct bh_compartment, pkru) */
#define BH_COMPARTMENT_SIZE 96       /* sizeof(struct bh_compartment) */

#endif
