/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The keeper: keeps a pointer to a word on main's stack, and reads the word when a worker thread asks,
 * while main's thread is switched out.  Correct C, and the one hand-off [threads] dss = "owner" does not
 * allow when the keeper is a compartment of its own: that is stack data of one compartment's thread
 * read by another compartment from another thread (docs/design.md 5d).
 */
#include "handoff.h"

static const char *kept;

void keeper_remember(const char *word)
{
	kept = word;
}

unsigned keeper_recall(void)
{
	unsigned h = 0;
	for (const char *p = kept; *p; p++)
		h = h * 31 + (unsigned char)*p;
	return h;
}
