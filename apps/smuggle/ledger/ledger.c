/* SPDX-License-Identifier: BSD-3-Clause */
/* A library that declares no exports: its globals are anyone's to name, unless the configuration's
   policy says otherwise (shared_globals = "declared"). */
int ledger_total = 42;

int ledger_add(int x)
{
	return ledger_total += x;
}
