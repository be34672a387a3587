/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test app for the kernel's SYSCALL entry (tests/test_kernel_entry.py): a component in a compartment
 * of its own executes SYSCALL with a service number the kernel does not have.  The entry must stop
 * the image with a gate violation naming the caller; the line after the call must never print.
 */
int bh_printf(const char *fmt, ...);
long kentry_syscall(long service, const char *arg);

static const char message[] = "kentry: a pointer handed to SYSCALL";

int main(void)
{
	bh_printf("kentry: SYSCALL with service 0xdead\n");
	long r = kentry_syscall(0xdead, message);
	bh_printf("kentry: SYSCALL returned %ld\n", r);
	return 0;
}
