/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Function pointers across compartments, with no annotation: the sort routine (compartment
 * "sorter") calls a comparator of compartment "rank" passed as an argument, one returned by
 * rank_pick, and one of this compartment (a callback back into the caller); the fold takes
 * its function from a table in rank.  Every configuration prints the same lines.
 */
#include <bulkhead/console.h>
#include <bulkhead/string.h>
#include "callbacks.h"

static unsigned app_calls;

static int by_name(const struct rec *a, const struct rec *b)
{
	app_calls++;
	return strcmp(a->name, b->name);
}

static void show(const char *how, const struct rec *r, int n)
{
	bh_printf("callbacks: by %-6s", how);
	for (int i = 0; i < n; i++)
		bh_printf(" %s:%d:%d", r[i].name, r[i].score, r[i].age);
	bh_printf("\n");
}

int main(void)
{
	struct rec r[] = {
		{ "mallory", 41, 33 }, { "alice", 97, 25 }, { "trent", 63, 51 }, { "bob", 12, 47 },
		{ "carol", 63, 19 }, { "dave", 5, 62 }, { "eve", 88, 28 },
	};
	const int n = (int)(sizeof(r) / sizeof(r[0]));

	sort_records(r, n, by_score);          /* rank's comparator, passed as an argument */
	show("score", r, n);
	sort_records(r, n, by_name);           /* this compartment's own, called back from sorter */
	show("name", r, n);
	sort_records(r, n, rank_pick("age"));  /* a static comparator of rank, returned by address */
	show("age", r, n);

	long total = fold_scores(r, n, 0, rank_folds[0]);
	long mixed = fold_scores(r, n, 1, rank_folds[1]);
	rec_cmp direct = rank_pick("score");   /* called from here, through the pointer */
	int order = direct(&r[0], &r[1]);
	bh_printf("callbacks: folds %ld %ld, direct %d\n", total, mixed, order);
	bh_printf("callbacks: calls sorter %u rank %u app %u\n", sorter_calls(), rank_calls(), app_calls);
	return 0;
}
