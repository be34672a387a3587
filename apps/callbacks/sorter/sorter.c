/* SPDX-License-Identifier: BSD-3-Clause */
/* A sort routine that knows nothing of where its comparator lives: it calls through the pointer. */
#include <bulkhead/console.h>
#include "callbacks.h"

static unsigned calls;

void sort_records(struct rec *r, int n, rec_cmp cmp)
{
	for (int i = 1; i < n; i++) {
		struct rec key = r[i];
		int j = i - 1;
		while (j >= 0 && (calls++, cmp(&r[j], &key) > 0)) {
			r[j + 1] = r[j];
			j--;
		}
		r[j + 1] = key;
	}
}

long fold_scores(const struct rec *r, int n, long acc, fold_fn fn)
{
	for (int i = 0; i < n; i++, calls++)
		acc = fn(acc, r[i].score);
	return acc;
}

unsigned sorter_calls(void) { return calls; }
