/* SPDX-License-Identifier: BSD-3-Clause */
/* Places its own code in .bh.gates (where WRPKRU is allowed) and its data in the shared region by
   attribute.  Only system components may: the pass refuses the link, naming this file and line. */
#include "smuggle.h"

__attribute__((section(".bh.shared.data"))) char gatesec_drop[16] = "dropped";

__attribute__((section(".bh.gates"), noinline)) const char *smuggle(void)
{
	return gatesec_drop;
}
