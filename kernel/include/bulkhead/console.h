/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console: COM1 through port I/O.  Every function here is domain-neutral
 * (kernel/component.toml): it keeps no state outside its stack, so any
 * compartment may call it directly, in its own domain, without a gate.
 */
#ifndef BULKHEAD_CONSOLE_H
#define BULKHEAD_CONSOLE_H

#include <stdarg.h>
#include <stddef.h>

/* Formats: %d %i %u %x %X %o %p %s %c %%, flags - 0 + space #, width and precision
 * (numbers or *), length modifiers hh h l ll z j t.  Return the number of characters
 * produced (for snprintf: that would have been produced, as in C99). */
int bh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int bh_vprintf(const char *fmt, va_list ap);
int bh_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
/* Writes s and a newline, like puts. */
int bh_puts(const char *s);

/* Must be called once before the first output on real hardware; QEMU works without it. */
void bh_serial_init(void);
/* Writes one byte to COM1, waiting (bounded) for the transmitter. */
void bh_serial_putc(char c);

#endif
