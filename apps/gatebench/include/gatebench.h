/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef GATEBENCH_H
#define GATEBENCH_H
#include <stdint.h>

int bh_printf(const char *fmt, ...);

/* peer: the far side of the crossing (another compartment in the isolated configurations) */
uint64_t peer_step(uint64_t x);
/* the sharing cost: the caller passes pointers to 1, 2 or 3 of its locals (stack data that crosses) */
uint64_t peer_read1(const uint64_t *a);
uint64_t peer_read2(const uint64_t *a, const uint64_t *b);
uint64_t peer_read3(const uint64_t *a, const uint64_t *b, const uint64_t *c);

#endif
