/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Logging wrappers: the va_list made here is read by the peer's compartment.  Its register-save
 * area and overflow area are in this function's frame and its caller's.
 */
#include "unchanged.h"

long logger_sum(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	long r = peer_vsum(n, ap);
	va_end(ap);
	return r;
}

double logger_fsum(int n, ...)
{
	va_list ap;
	va_start(ap, n);
	double r = peer_vfsum(n, ap);
	va_end(ap);
	return r;
}

/* va_copy: the copy is what crosses; the original is read here afterwards. */
long logger_copy_sum(int n, ...)
{
	va_list ap, aq;
	va_start(ap, n);
	va_copy(aq, ap);
	long r = peer_vsum(n, aq);
	va_end(aq);
	for (int i = 0; i < n; i++)
		r += va_arg(ap, long);
	va_end(ap);
	return r;
}
