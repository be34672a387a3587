/* Csmith runtime shim: safe_math.h's float wrappers use fabs/fabsf (compiled in, unused without --float). */
#ifndef BH_DIFF_MATH_H
#define BH_DIFF_MATH_H
#define fabs(x) __builtin_fabs(x)
#define fabsf(x) __builtin_fabsf(x)
#endif
