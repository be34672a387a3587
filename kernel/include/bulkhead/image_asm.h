/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Offsets into the image.h tables for assembly (backend runtimes read
 * compartments[i].pkru), by the names the gates use.  The numbers come from
 * abi/abi.toml through abi.h, which also checks them against the C layout.
 */
#ifndef BULKHEAD_IMAGE_ASM_H
#define BULKHEAD_IMAGE_ASM_H

#include <bulkhead/abi.h>

#define BH_IMAGE_NCOMPARTMENTS BH_IMAGE_OFF_NCOMPARTMENTS
#define BH_IMAGE_KERNEL_COMPARTMENT BH_IMAGE_OFF_KERNEL_COMPARTMENT
#define BH_IMAGE_COMPARTMENTS BH_IMAGE_OFF_COMPARTMENTS
#define BH_COMPARTMENT_PKRU BH_COMPARTMENT_OFF_PKRU
/* BH_COMPARTMENT_SIZE: abi.h */

#endif
