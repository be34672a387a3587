/* Csmith runtime shim for the bulkhead guest: printf is the kernel's neutral bh_printf. */
#ifndef BH_DIFF_STDIO_H
#define BH_DIFF_STDIO_H
int bh_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define printf bh_printf
#endif
