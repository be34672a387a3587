/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The kernel's ABI version, as a symbol: the pass (passes/Finalize.cpp) references
 * BH_ABI_SYMBOL (__bh_abi_v<N>, abi/abi.toml) from __bh_image's section, so a pass and a kernel
 * built from different versions of abi.toml fail the link ("undefined symbol: __bh_abi_v<N>")
 * instead of booting an image whose tables the kernel misreads.  An absolute symbol: it takes no
 * room in any section.
 */
#include <bulkhead/abi.h>

	.globl BH_ABI_SYMBOL
	.set BH_ABI_SYMBOL, BH_ABI_VERSION
