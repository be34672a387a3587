/* SPDX-License-Identifier: BSD-3-Clause */
#include "unchanged.h"

long peer_vsum(int n, va_list ap)
{
	long s = 0;
	for (int i = 0; i < n; i++)
		s += va_arg(ap, long);
	return s;
}

double peer_vfsum(int n, va_list ap)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += va_arg(ap, double);
	return s;
}
