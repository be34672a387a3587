/* SPDX-License-Identifier: BSD-3-Clause */
#include "demo.h"

/* Writable, so it lives in the vault compartment's data pages (not in shared read-only data). */
static char vault_secret[32] = "BULKHEAD-SECRET-7f3a";

uint32_t vault_checksum(void)
{
	uint32_t sum = 0;
	for (const char *p = vault_secret; *p; p++)
		sum = sum * 31u + (unsigned char)*p;
	return sum;
}

int vault_check(const char *guess)
{
	const char *s = vault_secret;
	while (*s && *s == *guess) {
		s++;
		guess++;
	}
	return *s == *guess;
}

/* The bug: a pointer to the secret escapes to whoever calls this. */
const char *vault_leak(void)
{
	return vault_secret;
}
