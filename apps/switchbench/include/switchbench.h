/* SPDX-License-Identifier: BSD-3-Clause */
/* apps/switchbench: the peer, a compartment whose stacks the switch parks too. */
#ifndef SWITCHBENCH_H
#define SWITCHBENCH_H

#include <stdint.h>

uint64_t peer_touch(uint64_t *v);   /* reads and writes *v (a local of the caller: its data shadow stack) */

#endif
