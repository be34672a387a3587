/* SPDX-License-Identifier: BSD-3-Clause */
#include "demo.h"

static int total;   /* private state of the counter's compartment */

void counter_add(int n)
{
	total += n;
}

int counter_get(void)
{
	return total;
}
