/* SPDX-License-Identifier: BSD-3-Clause */
#include "unchanged.h"

long reader_sum(const struct big *s)
{
	return s->a + s->b + s->c + s->d + s->e;
}

void reader_fill(struct big *s, long base)
{
	s->a = base;
	s->b = base * 2;
	s->c = base * 3;
	s->d = base * 4;
	s->e = base * 5;
}
