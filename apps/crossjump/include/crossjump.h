/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef CROSSJUMP_H
#define CROSSJUMP_H
#include <bulkhead/setjmp.h>

int bh_printf(const char *fmt, ...);

extern jmp_buf app_env;   /* app's, used by other: shared by policy, out of the pass's sight */
void other_raise(int code);
void other_call_back(void (*fn)(int), int code);

#endif
