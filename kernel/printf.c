/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf family.  Domain-neutral: the only state is on the stack (the sink) and
 * output goes straight to the UART, so compartments call these without a gate,
 * in their own domain.  Helpers are always_inline because a neutral function may
 * call only other neutral functions, and the pass sees the code before inlining
 * at link time.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/string.h>

#define INLINE static inline __attribute__((always_inline))

/* Where formatted characters go: the console, or a buffer of `size` bytes. */
struct sink {
	char *buf;
	size_t size;
	size_t len;             /* characters produced so far (also past the buffer's end) */
};

struct spec {
	int left, zero, plus, space, alt;
	int width, precision;   /* precision -1: none */
	int length;             /* 0 int, 1 long, 2 long long, -1 short, -2 char */
};

INLINE void put(struct sink *s, char c)
{
	if (!s->buf)
		bh_serial_putc(c);
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

INLINE void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

INLINE void put_str(struct sink *s, const char *str, const struct spec *sp)
{
	if (!str)
		str = "(null)";
	int n = 0;
	while (str[n] && (sp->precision < 0 || n < sp->precision))
		n++;
	if (!sp->left)
		pad(s, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		put(s, str[i]);
	if (sp->left)
		pad(s, ' ', sp->width - n);
}

INLINE void put_num(struct sink *s, uint64_t v, int negative, unsigned base, int upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;                                  /* printf("%.0d", 0) prints nothing */
	int zeros = sp->precision > n ? sp->precision - n : 0;
	const char *prefix = negative ? "-" : sp->plus ? "+" : sp->space ? " " : "";
	if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && zeros == 0)
		prefix = "0";
	int plen = (int)strlen(prefix);
	int fill = sp->width - plen - zeros - n;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!sp->left)
		pad(s, ' ', fill);
	for (int i = 0; i < plen; i++)
		put(s, prefix[i]);
	pad(s, '0', zeros);
	while (n)
		put(s, tmp[--n]);
	if (sp->left)
		pad(s, ' ', fill);
}

/* Reads flags, width, precision and length; returns the conversion character's position. */
INLINE const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	for (;; f++) {
		if (*f == '-') sp->left = 1;
		else if (*f == '0') sp->zero = 1;
		else if (*f == '+') sp->plus = 1;
		else if (*f == ' ') sp->space = 1;
		else if (*f == '#') sp->alt = 1;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->precision = 0;
		if (*f == '*') {
			sp->precision = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->precision = sp->precision * 10 + (*f++ - '0');
	}
	for (;; f++) {
		if (*f == 'l') sp->length = sp->length >= 1 ? 2 : 1;
		else if (*f == 'h') sp->length = sp->length <= -1 ? -2 : -1;
		else if (*f == 'z' || *f == 'j' || *f == 't') sp->length = 2;
		else break;
	}
	return f;
}

INLINE uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 2: return va_arg(*ap, unsigned long long);
	case 1: return va_arg(*ap, unsigned long);
	case -1: return (unsigned short)va_arg(*ap, unsigned int);
	case -2: return (unsigned char)va_arg(*ap, unsigned int);
	default: return va_arg(*ap, unsigned int);
	}
}

INLINE int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 2: return va_arg(*ap, long long);
	case 1: return va_arg(*ap, long);
	case -1: return (short)va_arg(*ap, int);
	case -2: return (signed char)va_arg(*ap, int);
	default: return va_arg(*ap, int);
	}
}

/* The formatter behind every entry point below.  External (and listed as neutral in
 * kernel/component.toml) rather than static: a static name may be renamed by the LTO
 * merge, and the neutral list is by name. */
int bh_format(struct sink *s, const char *f, va_list ap_in);
int bh_format(struct sink *s, const char *f, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	for (; *f; f++) {
		if (*f != '%') {
			put(s, *f);
			continue;
		}
		struct spec sp;
		f = parse_spec(f + 1, &sp, &ap);
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = arg_signed(&sp, &ap);
			put_num(s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 10, 0, &sp);
			break;
		}
		case 'u': put_num(s, arg_unsigned(&sp, &ap), 0, 10, 0, &sp); break;
		case 'x': put_num(s, arg_unsigned(&sp, &ap), 0, 16, 0, &sp); break;
		case 'X': put_num(s, arg_unsigned(&sp, &ap), 0, 16, 1, &sp); break;
		case 'o': put_num(s, arg_unsigned(&sp, &ap), 0, 8, 0, &sp); break;
		case 'p':
			sp.alt = 1;
			put_num(s, (uintptr_t)va_arg(ap, void *), 0, 16, 0, &sp);
			break;
		case 's': put_str(s, va_arg(ap, const char *), &sp); break;
		case 'c': {
			char c[2] = { (char)va_arg(ap, int), 0 };
			sp.precision = 1;
			put_str(s, c, &sp);
			break;
		}
		case '%': put(s, '%'); break;
		case '\0': f--; break;        /* a lone '%' at the end */
		default:                      /* unknown conversion: show it as written */
			put(s, '%');
			put(s, *f);
			break;
		}
	}
	va_end(ap);
	if (s->buf && s->size)
		s->buf[s->len < s->size ? s->len : s->size - 1] = '\0';
	return (int)s->len;
}

int bh_vprintf(const char *fmt, va_list ap)
{
	struct sink s = { 0, 0, 0 };
	return bh_format(&s, fmt, ap);
}

int bh_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = bh_vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int bh_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	char dummy;
	/* A null buffer would mean "console" to put(): give size 0 a harmless target. */
	struct sink s = { buf ? buf : &dummy, buf ? size : 0, 0 };
	return bh_format(&s, fmt, ap);
}

int bh_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = bh_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int bh_puts(const char *str)
{
	int n = 0;
	for (; str[n]; n++)
		bh_serial_putc(str[n]);
	bh_serial_putc('\n');
	return n + 1;
}
