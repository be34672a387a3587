/* SPDX-License-Identifier: BSD-3-Clause */
/* The demo's component interfaces.  Nothing here says where a component runs: the configuration does. */
#ifndef DEMO_H
#define DEMO_H

#include <stdint.h>

int bh_printf(const char *fmt, ...);

/* counter: plain logic with private state */
void counter_add(int n);
int counter_get(void);

/* vault: holds a secret; vault_leak() is the deliberate bug that hands out a pointer to it */
uint32_t vault_checksum(void);
int vault_check(const char *guess);
const char *vault_leak(void);

/* thief: dereferences whatever pointer it is given */
void thief_steal(const char *p);

#endif
