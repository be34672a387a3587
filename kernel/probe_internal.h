/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef BH_PROBE_INTERNAL_H
#define BH_PROBE_INTERNAL_H

#include "arch/x86_64/x86.h"

/* kernel/probe.c: a page fault at the probe's read resumes past it with eax = -1; returns 1. */
int bh_probe_fixup(struct bh_trap_frame *f);

#endif
