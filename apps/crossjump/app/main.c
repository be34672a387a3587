/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A longjmp from another compartment into main's frame, through a jmp_buf in a global that both use
 * (the pass shares it; a jmp_buf on the stack passed across would be refused at link time).  Without
 * isolation it jumps; with gates the kernel stops it with exit status 69 (docs/design.md 5f).
 */
#include "crossjump.h"

jmp_buf app_env;

int main(void)
{
	int code = setjmp(app_env);
	if (code) {
		bh_printf("crossjump: caught %d\n", code);
		return 0;
	}
	other_raise(7);
	bh_printf("crossjump: not reached\n");
	return 1;
}
