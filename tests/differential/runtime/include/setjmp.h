/* Differential runtime shim: setjmp/longjmp are the kernel's (kernel/arch/x86_64/setjmp.S, neutral),
 * so bulkhead-dss sees every longjmp and puts bh_longjmp_check before it (docs/design.md 5f). */
#ifndef BH_DIFF_SETJMP_H
#define BH_DIFF_SETJMP_H
#include <bulkhead/setjmp.h>
#endif
