/* SPDX-License-Identifier: BSD-3-Clause */
/* Callback targets by compartment, not by type alone (issue 14): call the kernel's bh_paging_init through
   an ordinary function pointer of its type.  The kernel takes that function's address itself (a marker of
   "the running code" in paging.c), so when indirect-call targets were matched by type alone it was a
   legal cross-compartment target of any int (*)(const void *) pointer, and this call went through a gate
   into the kernel's domain.  Its address never leaves the kernel's compartment, so it is confined
   (manifest confined_functions): bulkhead-icall's check finds a target that is neither the attacker's
   code, shared code, nor a legal entry, and stops the image (71) before the kernel's code runs. */
#include "attacks.h"

const char *attack_name(void) { return "kcallback: the kernel's address-taken bh_paging_init through a pointer of its type"; }

void attack(void)
{
	int (*fn)(const void *);
	uintptr_t at = attacks_lookup("bh_paging_init");  /* forged: C could not name it (not exported) */
	__asm__ volatile("" : "=r"(fn) : "0"(at));         /* a value the pass cannot trace */
	int rc = fn(0);
	bh_printf("attacks: NOT CONTAINED: bh_paging_init ran in the kernel's domain and returned %d\n", rc);
}
