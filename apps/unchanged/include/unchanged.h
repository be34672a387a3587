/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef UNCHANGED_H
#define UNCHANGED_H
#include <stdarg.h>

int bh_printf(const char *fmt, ...);

struct big { long a, b, c, d, e; };

/* holder: takes structs by value and hands their address on (issue 11, item 1) */
long holder_take(struct big s);
long holder_local(long base);
struct big holder_make(long base);
long holder_twice(long base);

/* reader: a third compartment that reads and writes through the pointers it is given */
long reader_sum(const struct big *s);
void reader_fill(struct big *s, long base);

/* logger: variadic wrappers that hand their va_list to another compartment (item 2) */
long logger_sum(int n, ...);
double logger_fsum(int n, ...);
long logger_copy_sum(int n, ...);

/* peer: consumes a va_list made by another compartment */
long peer_vsum(int n, va_list ap);
double peer_vfsum(int n, va_list ap);

/* jumper: errors raised with longjmp within its compartment */
long jumper_protected(long n);
int jumper_stale_clean(void);

#endif
