/* Csmith runtime shim: assertions are off (csmith's --paranoid is not used). */
#ifndef BH_DIFF_ASSERT_H
#define BH_DIFF_ASSERT_H
#define assert(x) ((void)0)
#endif
