/* SPDX-License-Identifier: BSD-3-Clause */
#include "stackshare.h"

void lib_fill(char *buf, int n, char c)
{
	for (int i = 0; i < n - 1; i++)
		buf[i] = (char)(c + i % 26);
	buf[n - 1] = 0;
}

void lib_move(struct point *p, int dx, int dy)
{
	p->x += dx;
	p->y += dy;
}

uint64_t lib_sum(const uint32_t *v, int n)
{
	uint64_t s = 0;
	for (int i = 0; i < n; i++)
		s += v[i];
	return s;
}

void lib_swap(int *a, int *b)
{
	int t = *a;
	*a = *b;
	*b = t;
}
