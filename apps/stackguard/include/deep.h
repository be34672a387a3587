/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef STACKGUARD_DEEP_H
#define STACKGUARD_DEEP_H

/* Recurses with 1 KiB frames, printing the depth every 4 KiB, until the stack runs out: never returns. */
int deep_dive(int depth);

#endif
