/* SPDX-License-Identifier: BSD-3-Clause */
int peek_byte(const char *p)
{
	return *(const volatile char *)p;
}
