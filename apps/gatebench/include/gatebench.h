/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef GATEBENCH_H
#define GATEBENCH_H
#include <stdint.h>

int bh_printf(const char *fmt, ...);

/* peer: the far side of the crossing (another compartment in the isolated configurations) */
uint64_t peer_step(uint64_t x);

#endif
