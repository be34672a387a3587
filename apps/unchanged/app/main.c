/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ordinary C that nobody wrote for compartments (issue 11): a struct passed by value whose address
 * the callee hands to a third compartment, an sret result filled from another compartment, and
 * variadic wrappers that hand their va_list on.  The output is the same in every configuration.
 */
#include "unchanged.h"

int main(void)
{
	struct big s = { 1, 2, 3, 4, 5 };
	bh_printf("unchanged: sum %ld\n", holder_take(s));
	bh_printf("unchanged: local %ld\n", holder_local(10));
	struct big m = holder_make(7);
	bh_printf("unchanged: made %ld %ld %ld\n", m.a, m.c, m.e);
	bh_printf("unchanged: twice %ld\n", holder_twice(3));
	bh_printf("unchanged: vsum %ld\n", logger_sum(3, 1L, 2L, 3L));
	/* more than fit in registers: the rest is on the stack (the overflow area) */
	bh_printf("unchanged: vsum10 %ld\n", logger_sum(10, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
	/* doubles: the register-save area's vector part, then the overflow area */
	double f = logger_fsum(10, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5);
	bh_printf("unchanged: fsum %ld/2\n", (long)(f * 2));
	bh_printf("unchanged: copy %ld\n", logger_copy_sum(8, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L));
	long caught = 0;
	/* 2000 raises: each skips a frame with a shared-heap block under stack_data = "shared-heap",
	 * more than the default 64 KiB shared heap holds unless the longjmp frees them */
	for (long i = 1; i <= 6000; i++)
		caught += jumper_protected(i);
	bh_printf("unchanged: jumps %ld\n", caught);
	bh_printf("jumper: skipped frame %s\n", jumper_stale_clean() ? "clean" : "left");
	return 0;
}
