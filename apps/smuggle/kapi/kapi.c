/* SPDX-License-Identifier: BSD-3-Clause */
/* Calls the kernel's bh_paging_rekey to give the vault's secret page its own key (issue 14's "kernel
   API" attack).  The kernel exports only its entry table (kernel/component.toml): the link is refused
   under every backend and policy, naming this file and line. */
#include <stdint.h>
#include "smuggle.h"

void bh_paging_rekey(uintptr_t start, uintptr_t end, uint32_t key);

const char *smuggle(void)
{
	bh_paging_rekey((uintptr_t)smuggle & ~4095ul, ((uintptr_t)smuggle & ~4095ul) + 4096, 1);
	return "rekeyed";
}
