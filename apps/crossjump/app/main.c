/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Two longjmps that cross compartments (docs/design.md 5f), neither seen by the pass at link time:
 *  1. main -> other -> main's callback, which longjmps to main's frame: within main's compartment,
 *     but past the crossing into other that has not returned.  Without gate state (none, the light
 *     gate) it simply jumps; with private stacks the kernel stops it (exit 69): it would skip the
 *     gate, leaving both compartments' saved stack pointers behind.
 *  2. other longjmps through a jmp_buf in a global that both use (the pass shares it): a target in
 *     another compartment's code, stopped under every gated backend (exit 69).
 */
#include "crossjump.h"

jmp_buf app_env;
static jmp_buf home;

static void app_raise(int code)
{
	longjmp(home, code);
}

int main(void)
{
	int code = setjmp(home);
	if (code == 0)
		other_call_back(app_raise, 3);
	bh_printf("crossjump: caught %d through the callback\n", code);
	code = setjmp(app_env);
	if (code) {
		bh_printf("crossjump: caught %d from the other compartment\n", code);
		return 0;
	}
	other_raise(7);
	bh_printf("crossjump: not reached\n");
	return 1;
}
