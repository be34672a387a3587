/* SPDX-License-Identifier: BSD-3-Clause */
/* Reads a string main got from the kernel (argv[0], in the shared data). */
int peer_length(const char *s)
{
	int n = 0;
	while (s[n])
		n++;
	return n;
}
