/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hides WRPKRU (0f 01 ef) inside the immediate of an ordinary instruction: never executed in order,
 * but a jump to the immediate's second byte would execute it.  ./bulkhead verify must find it.
 */
unsigned smuggle(unsigned x)
{
	unsigned r;
	__asm__ volatile("movl $0xef010f90, %0" : "=r"(r));
	return r ^ x;
}
