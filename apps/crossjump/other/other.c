/* SPDX-License-Identifier: BSD-3-Clause */
#include "crossjump.h"

void other_raise(int code)
{
	longjmp(app_env, code);
}

void other_call_back(void (*fn)(int), int code)
{
	fn(code);
	bh_printf("crossjump: callback returned\n");
}
