/* SPDX-License-Identifier: BSD-3-Clause */
#include "attacks.h"

char victim_secret[32] = "victim-secret-0123456789abcdef";
static const char motto[] = "constants are read-only for everyone";

uint32_t victim_digest(void)
{
	uint32_t h = 2166136261u;   /* FNV-1a, as the kernel's fault report computes it */
	for (unsigned i = 0; i < sizeof(victim_secret); i++)
		h = (h ^ (unsigned char)victim_secret[i]) * 16777619u;
	return h;
}

char *victim_secret_ptr(void)
{
	return victim_secret;
}

const char *victim_motto(void)
{
	return motto;
}
