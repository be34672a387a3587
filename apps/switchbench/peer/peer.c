/* SPDX-License-Identifier: BSD-3-Clause */
#include "switchbench.h"

uint64_t peer_touch(uint64_t *v)
{
	return ++*v;
}
