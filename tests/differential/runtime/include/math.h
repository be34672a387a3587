/* Csmith runtime shim: csmith.h includes <math.h>; the programs use no math functions (--no-float). */
#ifndef BH_DIFF_MATH_H
#define BH_DIFF_MATH_H
#endif
