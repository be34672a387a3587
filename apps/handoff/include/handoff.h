/* SPDX-License-Identifier: BSD-3-Clause */
/* apps/handoff: the keeper component, which keeps a pointer it was given and reads it later. */
#ifndef HANDOFF_H
#define HANDOFF_H

void keeper_remember(const char *word);   /* keeps the pointer (main's stack) */
unsigned keeper_recall(void);             /* reads what it points to now: a checksum */

#endif
