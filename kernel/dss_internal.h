/* SPDX-License-Identifier: BSD-3-Clause */
/* Kernel-internal: the data shadow stack policy's fault side (kernel/dss.c). */
#ifndef BH_DSS_INTERNAL_H
#define BH_DSS_INTERNAL_H

#include <stdint.h>

void bh_dss_boot(void);
/* Whether addr is in a data shadow stack of a switched-out thread under a policy that parks them:
 * then *compartment and *thread say whose (fault.c's hint, symbols.c). */
int bh_dss_parked(uintptr_t addr, uint32_t *compartment, uint32_t *thread);
/* Whether compartment c's slots are parked when their thread is switched out (bh_dss_parkable). */
int bh_dss_parks(uint32_t c);
/* trap.c: 1 when a key fault at addr by `domain` was an allowed access to a parked page, now
 * re-keyed to that domain: retry it.  0: report it. */
int bh_dss_fault(uintptr_t addr, uint64_t domain);

#endif
