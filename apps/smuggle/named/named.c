/* SPDX-License-Identifier: BSD-3-Clause */
/* Reads another compartment's global by name (issue 14's "named global").  Under the default policy
   the pass shares it (the read works, as documented); under shared_globals = "declared" the link is
   refused, naming this global, where it is used and the shares line to add. */
#include "smuggle.h"

extern int ledger_total;
int ledger_add(int x);

const char *smuggle(void)
{
	ledger_add(0);
	return ledger_total == 42 ? "ledger 42" : "ledger ?";
}
