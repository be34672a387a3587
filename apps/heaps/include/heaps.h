/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef HEAPS_H
#define HEAPS_H
#include <stddef.h>

/* lib: fills a buffer it is given (the shared heap), keeps a list on its own heap. */
void lib_fill(char *buf, size_t n, char seed);
unsigned lib_keep(unsigned count);   /* allocates count blocks on lib's own heap; returns a checksum */
void lib_usage(void);
#endif
