/* SPDX-License-Identifier: BSD-3-Clause */
#include <stdarg.h>
#include <bulkhead/console.h>
#include "abi.h"

static long calls;   /* the library's own state: every call below runs in its compartment */

struct big lib_make(int seed)
{
	struct big b;
	calls++;
	for (int i = 0; i < 8; i++)
		b.v[i] = (long)seed * (i + 1) - i;
	return b;
}

long lib_bigsum(struct big b, int scale)
{
	long s = 0;
	calls++;
	for (int i = 0; i < 8; i++)
		s += b.v[i] * scale;
	b.v[0] = -1;   /* a byval copy: the caller's struct must not change */
	return s;
}

long lib_sum8(long a, long b, long c, long d, long e, long f, long g, long h)
{
	calls++;
	return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}

double lib_mix(int n, double a, float b, double c, double d, double e, double f, double g, double h,
	       double i, double j, long k)
{
	calls++;
	return n * a + b - c + d * e - f + g * h - i + j + (double)k;
}

int lib_log(char *out, int size, const char *fmt, ...)
{
	va_list ap;
	calls++;
	va_start(ap, fmt);
	int n = bh_vsnprintf(out, (unsigned long)size, fmt, ap);
	va_end(ap);
	return n;
}

long double lib_ld(long double x, int k)
{
	calls++;
	return x * k + 0.25L;
}

struct pair lib_pair(long a, double b)
{
	calls++;
	struct pair p = { a * 3, b / 4 };
	return p;
}

struct tiny lib_tiny(struct tiny t)
{
	calls++;
	struct tiny r = { { (char)(t.c[2] + 1), (char)(t.c[1] + 1), (char)(t.c[0] + 1) } };
	return r;
}

__int128 lib_wide(__int128 a, long b, long c, long d, long e, long f)
{
	calls++;
	return a * 3 + b + c + d + e + f + calls;
}

void lib_fill(struct big *out, int seed)
{
	*out = lib_make(seed + (int)calls);
}
