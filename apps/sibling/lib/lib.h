/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The library's own header, which main includes from its sibling folder ("../lib/lib.h"): a common
 * layout that no include path names.  SIBLING_K sizes a struct both components use, so a build that
 * recompiles only one of them after SIBLING_K changes shows two different values (and sizes).
 * tests/test_cache.py changes SIBLING_K in a scratch copy.
 */
#ifndef SIBLING_LIB_H
#define SIBLING_LIB_H

#define SIBLING_K 1

struct sibling_box {
	int k;
	int v[SIBLING_K];
};

int lib_k(void);
int lib_fill(struct sibling_box *b);

#endif
