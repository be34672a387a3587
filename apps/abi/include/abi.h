/* SPDX-License-Identifier: BSD-3-Clause */
/* The abi app: every kind of System V x86-64 signature C code uses, called across compartments. */
#ifndef ABI_H
#define ABI_H

struct big { long v[8]; };                   /* 64 bytes: byval on the stack, sret when returned */
struct pair { long a; double b; };            /* rax + xmm0 */
struct tiny { char c[3]; };                   /* one register */

struct big lib_make(int seed);
long lib_bigsum(struct big b, int scale);
long lib_sum8(long a, long b, long c, long d, long e, long f, long g, long h);
double lib_mix(int n, double a, float b, double c, double d, double e, double f, double g, double h,
	       double i, double j, long k);
int lib_log(char *out, int size, const char *fmt, ...);
long double lib_ld(long double x, int k);
struct pair lib_pair(long a, double b);
struct tiny lib_tiny(struct tiny t);
__int128 lib_wide(__int128 a, long b, long c, long d, long e, long f);
void lib_fill(struct big *out, int seed);

#endif
