/*
 * This is a RANDOMLY GENERATED PROGRAM.
 *
 * Generator: csmith 2.3.0
 * Git version: 30dccd7
 * Options:   --seed 201 --no-argc --max-funcs 8 --max-block-depth 3 --max-array-dim 2 --max-array-len-per-dim 6 --max-expr-complexity 6 -o /work/main/build/differential/programs/201/program.c
 * Seed:      201
 */

#include "csmith.h"


static long __undefined;

/* --- Struct/Union Declarations --- */
#pragma pack(push)
#pragma pack(1)
struct S1 {
   const unsigned f0 : 12;
   unsigned f1 : 11;
   const unsigned f2 : 5;
   signed f3 : 30;
};
#pragma pack(pop)

#pragma pack(push)
#pragma pack(1)
struct S2 {
   int64_t  f0;
   int16_t  f1;
   int64_t  f2;
   uint64_t  f3;
   unsigned f4 : 31;
   int8_t  f5;
};
#pragma pack(pop)

/* --- GLOBAL VARIABLES --- */
static int32_t g_3 = 0xCE4A6F44L;
static struct S2 g_6 = {0x29C4DDB84C6A37D7LL,0L,1L,0x6B59229A275FF444LL,5342,0x28L};
static struct S2 * volatile g_5 = &g_6;/* VOLATILE GLOBAL g_5 */


/* --- FORWARD DECLARATIONS --- */
static int16_t  func_1(void);


/* --- FUNCTIONS --- */
/* ------------------------------------------ */
/* 
 * reads : g_3 g_5
 * writes: g_3 g_6
 */
static int16_t  func_1(void)
{ /* block id: 0 */
    uint16_t l_2[1][4];
    struct S2 l_4 = {0x431FADACD7D393E7LL,1L,0L,0xAFA017779A7B445ALL,39868,1L};
    int i, j;
    for (i = 0; i < 1; i++)
    {
        for (j = 0; j < 4; j++)
            l_2[i][j] = 65527UL;
    }
    for (g_3 = 0; (g_3 <= 0); g_3 += 1)
    { /* block id: 3 */
        if (l_2[0][1])
            break;
        if (g_3)
            continue;
        return g_3;
    }
    (*g_5) = l_4;
    return l_2[0][0];
}




/* ---------------------------------------- */
int main (void)
{
    int print_hash_value = 0;
    platform_main_begin();
    crc32_gentab();
    func_1();
    transparent_crc(g_3, "g_3", print_hash_value);
    transparent_crc(g_6.f0, "g_6.f0", print_hash_value);
    transparent_crc(g_6.f1, "g_6.f1", print_hash_value);
    transparent_crc(g_6.f2, "g_6.f2", print_hash_value);
    transparent_crc(g_6.f3, "g_6.f3", print_hash_value);
    transparent_crc(g_6.f4, "g_6.f4", print_hash_value);
    transparent_crc(g_6.f5, "g_6.f5", print_hash_value);
    platform_main_end(crc32_context ^ 0xFFFFFFFFUL, print_hash_value);
    return 0;
}

/************************ statistics *************************
XXX max struct depth: 1
breakdown:
   depth: 0, occurrence: 0
   depth: 1, occurrence: 1
XXX total union variables: 0

XXX non-zero bitfields defined in structs: 5
XXX zero bitfields defined in structs: 0
XXX const bitfields defined in structs: 2
XXX volatile bitfields defined in structs: 0
XXX structs with bitfields in the program: 1
breakdown:
   indirect level: 0, occurrence: 1
XXX full-bitfields structs in the program: 0
breakdown:
XXX times a bitfields struct's address is taken: 1
XXX times a bitfields struct on LHS: 0
XXX times a bitfields struct on RHS: 1
XXX times a single bitfield on LHS: 0
XXX times a single bitfield on RHS: 0

XXX max expression depth: 2
breakdown:
   depth: 1, occurrence: 6
   depth: 2, occurrence: 1

XXX total number of pointers: 1

XXX times a variable address is taken: 1
XXX times a pointer is dereferenced on RHS: 0
breakdown:
XXX times a pointer is dereferenced on LHS: 1
breakdown:
   depth: 1, occurrence: 1
XXX times a pointer is compared with null: 0
XXX times a pointer is compared with address of another variable: 0
XXX times a pointer is compared with another pointer: 0
XXX times a pointer is qualified to be dereferenced: 0

XXX max dereference level: 1
breakdown:
   level: 0, occurrence: 0
   level: 1, occurrence: 1
XXX number of pointers point to pointers: 0
XXX number of pointers point to scalars: 0
XXX number of pointers point to structs: 1
XXX percent of pointers has null in alias set: 0
XXX average alias set size: 1

XXX times a non-volatile is read: 6
XXX times a non-volatile is write: 2
XXX times a volatile is read: 0
XXX    times read thru a pointer: 0
XXX times a volatile is write: 1
XXX    times written thru a pointer: 0
XXX times a volatile is available for access: 0
XXX percentage of non-volatile access: 88.9

XXX forward jumps: 0
XXX backward jumps: 0

XXX stmts: 6
XXX max block depth: 1
breakdown:
   depth: 0, occurrence: 3
   depth: 1, occurrence: 3

XXX percentage a fresh-made variable is used: 20
XXX percentage an existing variable is used: 80
FYI: the random generator makes assumptions about the integer size. See platform.info for more details.
********************* end of statistics **********************/

