/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Selectors of the GDT in boot.S, for C and assembly.  The order is the one SYSCALL/SYSRET imposes
 * (STAR, cpu.c): the kernel's data right after its code (SYSCALL loads SS = CS + 8), and the user
 * segments at BH_GDT_USER_BASE + 8 (data) and + 16 (64-bit code), which SYSRET loads with RPL 3.
 */
#ifndef BH_SEGMENTS_H
#define BH_SEGMENTS_H

#define BH_GDT_CODE 0x08          /* 64-bit code, DPL 0 */
#define BH_GDT_DATA 0x10          /* data, DPL 0 */
#define BH_GDT_TSS 0x18           /* the TSS (16 bytes: 0x18 and 0x20) */
#define BH_GDT_USER_BASE 0x28     /* STAR[63:48]: a null slot (no 32-bit user code) */
#define BH_GDT_USER_DATA 0x30     /* data, DPL 3 (selector | 3 in ring 3) */
#define BH_GDT_USER_CODE 0x38     /* 64-bit code, DPL 3 (selector | 3 in ring 3) */

#endif
