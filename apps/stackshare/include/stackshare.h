/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef STACKSHARE_H
#define STACKSHARE_H
#include <stdint.h>

int bh_printf(const char *fmt, ...);

struct point { int32_t x, y; };

/* lib: another compartment that reads and writes the caller's stack data through pointers */
void lib_fill(char *buf, int n, char c);
void lib_move(struct point *p, int dx, int dy);
uint64_t lib_sum(const uint32_t *v, int n);
void lib_swap(int *a, int *b);

#endif
