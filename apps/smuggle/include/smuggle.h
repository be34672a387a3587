/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef SMUGGLE_H
#define SMUGGLE_H
int bh_printf(const char *fmt, ...);
int vault_sum(void);            /* the vault's one entry point */
const char *smuggle(void);      /* the smuggler linked into this configuration, or none */
#endif
