/* SPDX-License-Identifier: BSD-3-Clause */
/* The callbacks app: function pointers across compartments (apps/callbacks/README.md). */
#ifndef CALLBACKS_H
#define CALLBACKS_H

struct rec {
	char name[8];
	int score;
	int age;
};

typedef int (*rec_cmp)(const struct rec *a, const struct rec *b);
typedef long (*fold_fn)(long acc, int x);

/* sorter: an insertion sort and a fold, both calling back through the pointer they are given. */
void sort_records(struct rec *r, int n, rec_cmp cmp);
long fold_scores(const struct rec *r, int n, long acc, fold_fn fn);
unsigned sorter_calls(void);

/* rank: comparators and folds; rank_pick returns one of its comparators by name. */
int by_score(const struct rec *a, const struct rec *b);
rec_cmp rank_pick(const char *how);
extern const fold_fn rank_folds[2];
unsigned rank_calls(void);

#endif
