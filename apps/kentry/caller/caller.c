/* SPDX-License-Identifier: BSD-3-Clause */
/* SYSCALL with rax = service, rdi = arg (rcx and r11 are the CPU's). */
long kentry_syscall(long service, const char *arg)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(service), "D"(arg) : "rcx", "r11", "memory");
	return r;
}
