/* Csmith runtime shim: <string.h> is the kernel's neutral string functions. */
#ifndef BH_DIFF_STRING_H
#define BH_DIFF_STRING_H
#include <bulkhead/string.h>
#endif
