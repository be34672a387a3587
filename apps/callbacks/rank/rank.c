/* SPDX-License-Identifier: BSD-3-Clause */
/* Comparators and folds, handed out by address: as arguments, from a table, as a return value. */
#include <bulkhead/string.h>
#include "callbacks.h"

static unsigned calls;   /* this compartment's own state: a callback runs here, not in its caller */

int by_score(const struct rec *a, const struct rec *b)
{
	calls++;
	return (a->score > b->score) - (a->score < b->score);
}

static int by_age_desc(const struct rec *a, const struct rec *b)
{
	calls++;
	return (a->age < b->age) - (a->age > b->age);
}

static long sum(long acc, int x)
{
	calls++;
	return acc + x;
}

static long weighted(long acc, int x)
{
	calls++;
	return acc * 3 + x;
}

const fold_fn rank_folds[2] = { sum, weighted };

rec_cmp rank_pick(const char *how)
{
	return strcmp(how, "age") == 0 ? by_age_desc : by_score;
}

unsigned rank_calls(void) { return calls; }
