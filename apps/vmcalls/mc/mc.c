/* SPDX-License-Identifier: BSD-3-Clause */
#include "vmcalls.h"

long c_read(const long *p, int n)
{
	long s = 0;
	for (int i = 0; i < n; i++)
		s += p[i];
	return s;
}

struct pair c_pair(long a, long b)
{
	return (struct pair){ a + b, a * b };
}

double c_scale(double x, float y)
{
	return x * y;
}

long c_mid(long *p)
{
	*p += 1;
	return a_visit(*p) + *p;
}
