/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: validation of the pass's image table (image.c). */
#ifndef BH_KERNEL_IMAGE_H
#define BH_KERNEL_IMAGE_H

#include <bulkhead/image.h>

/* Returns 0, or prints what is wrong and returns BH_EXIT_BOOT_ERROR.  Before paging. */
int bh_image_check(const struct bh_image *img);

#endif
