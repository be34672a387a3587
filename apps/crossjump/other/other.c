/* SPDX-License-Identifier: BSD-3-Clause */
#include "crossjump.h"

void other_raise(int code)
{
	longjmp(app_env, code);
}
