/* SPDX-License-Identifier: BSD-3-Clause */
#include "gatebench.h"

uint64_t peer_step(uint64_t x)
{
	return x + 1;
}
