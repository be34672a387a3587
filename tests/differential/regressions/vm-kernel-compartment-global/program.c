/*
 * This is a RANDOMLY GENERATED PROGRAM.
 *
 * Generator: csmith 2.3.0
 * Git version: 30dccd7
 * Options:   --seed 305 --no-argc --max-funcs 8 --max-block-depth 3 --max-array-dim 2 --max-array-len-per-dim 6 --max-expr-complexity 6 -o /work/main/build/differential/programs/305/program.c
 * Seed:      305
 */

#include "csmith.h"


static long __undefined;

/* --- Struct/Union Declarations --- */
struct S0 {
   uint8_t  f0;
   uint64_t  f1;
   int8_t  f2;
   volatile int8_t  f3;
};

struct S1 {
   uint8_t  f0;
   int32_t  f1;
   const volatile uint64_t  f2;
   uint64_t  f3;
   const volatile uint64_t  f4;
   const uint8_t  f5;
   uint8_t  f6;
   uint16_t  f7;
   const volatile uint32_t  f8;
};

#pragma pack(push)
#pragma pack(1)
struct S2 {
   unsigned f0 : 10;
   signed f1 : 25;
   unsigned f2 : 5;
};
#pragma pack(pop)

#pragma pack(push)
#pragma pack(1)
struct S3 {
   int16_t  f0;
   volatile int16_t  f1;
   volatile struct S1  f2;
};
#pragma pack(pop)

/* --- GLOBAL VARIABLES --- */
static int32_t g_2[2][3] = {{(-1L),(-1L),(-1L)},{(-1L),(-1L),(-1L)}};
static int32_t g_5 = 0x1BA028EAL;
static int16_t g_23[5][4] = {{0x6CEFL,0x6CEFL,0x6CEFL,0x6CEFL},{0x6CEFL,0x6CEFL,0x6CEFL,0x6CEFL},{0x6CEFL,0x6CEFL,0x6CEFL,0x6CEFL},{0x6CEFL,0x6CEFL,0x6CEFL,0x6CEFL},{0x6CEFL,0x6CEFL,0x6CEFL,0x6CEFL}};
static int8_t g_26 = 0x1EL;
static uint32_t g_56 = 0UL;
static volatile struct S0 g_64 = {255UL,0xA8A1D584D75F053DLL,0xC9L,0x4BL};/* VOLATILE GLOBAL g_64 */
static uint32_t * const g_70 = (void*)0;
static const uint32_t g_72 = 0x6ABE926FL;
static uint32_t g_75 = 5UL;
static struct S2 g_76 = {15,5724,3};
static int32_t g_89 = (-3L);
static uint16_t g_91 = 1UL;
static uint16_t g_104[3][1] = {{7UL},{7UL},{7UL}};
static volatile struct S1 g_105 = {0xD4L,0L,0x4354AF31781FA89BLL,18446744073709551614UL,18446744073709551615UL,0x6EL,255UL,1UL,0x7DC1DF72L};/* VOLATILE GLOBAL g_105 */
static const uint16_t g_108 = 1UL;
static int32_t *g_111 = &g_5;
static int32_t ** const  volatile g_110 = &g_111;/* VOLATILE GLOBAL g_110 */
static struct S0 g_117 = {1UL,6UL,0x3CL,0xEAL};/* VOLATILE GLOBAL g_117 */
static int16_t g_127 = 0x0260L;
static volatile int32_t g_129 = 0x52762AA9L;/* VOLATILE GLOBAL g_129 */
static volatile uint32_t g_130 = 0x2826EC48L;/* VOLATILE GLOBAL g_130 */
static struct S3 g_134 = {0x521CL,0x93A1L,{255UL,6L,0x850C21D3621AE722LL,0x935DC34743BD4264LL,0x7E379CB2EE1CE7A6LL,1UL,255UL,0x1CAAL,0xA389647EL}};/* VOLATILE GLOBAL g_134 */
static struct S3 g_136[3][3] = {{{0xA05CL,0xE5ABL,{0UL,0xAC40E40DL,0xD5C70F91DEE43BDDLL,0x6D73AEC32A7D5B95LL,4UL,9UL,1UL,0xBC84L,0xBC54FA01L}},{-1L,0L,{250UL,-2L,0x0A3929C85ED08B28LL,1UL,18446744073709551615UL,0UL,0x33L,0UL,1UL}},{0xA05CL,0xE5ABL,{0UL,0xAC40E40DL,0xD5C70F91DEE43BDDLL,0x6D73AEC32A7D5B95LL,4UL,9UL,1UL,0xBC84L,0xBC54FA01L}}},{{0x457DL,0xAD65L,{0xC0L,0L,0x2D308AEA66F312D9LL,9UL,0UL,0xCCL,0x73L,1UL,0x2B304CA5L}},{0x457DL,0xAD65L,{0xC0L,0L,0x2D308AEA66F312D9LL,9UL,0UL,0xCCL,0x73L,1UL,0x2B304CA5L}},{0x457DL,0xAD65L,{0xC0L,0L,0x2D308AEA66F312D9LL,9UL,0UL,0xCCL,0x73L,1UL,0x2B304CA5L}}},{{0xA05CL,0xE5ABL,{0UL,0xAC40E40DL,0xD5C70F91DEE43BDDLL,0x6D73AEC32A7D5B95LL,4UL,9UL,1UL,0xBC84L,0xBC54FA01L}},{-1L,0L,{250UL,-2L,0x0A3929C85ED08B28LL,1UL,18446744073709551615UL,0UL,0x33L,0UL,1UL}},{0xA05CL,0xE5ABL,{0UL,0xAC40E40DL,0xD5C70F91DEE43BDDLL,0x6D73AEC32A7D5B95LL,4UL,9UL,1UL,0xBC84L,0xBC54FA01L}}}};
static uint32_t g_153 = 0x2B47A6F6L;
static int32_t g_155 = 0x0494BA7CL;
static int32_t ** volatile g_176 = &g_111;/* VOLATILE GLOBAL g_176 */
static volatile struct S0 g_177[3][5] = {{{0x1FL,0x90EF0FED554AE0E0LL,0x78L,0xEBL},{0xBAL,0UL,0xEBL,9L},{0x9CL,1UL,0xEDL,-2L},{0xA5L,0xA87665D8ACBC52F4LL,0xCEL,0xEEL},{0xA5L,0xA87665D8ACBC52F4LL,0xCEL,0xEEL}},{{0xBAL,0UL,0xEBL,9L},{0x1FL,0x90EF0FED554AE0E0LL,0x78L,0xEBL},{0xBAL,0UL,0xEBL,9L},{0xA5L,0xA87665D8ACBC52F4LL,0xCEL,0xEEL},{0x1FL,0x90EF0FED554AE0E0LL,0x78L,0xEBL}},{{0x9CL,1UL,0xEDL,-2L},{0xBAL,0UL,0xEBL,9L},{0x1FL,0x90EF0FED554AE0E0LL,0x78L,0xEBL},{0xBAL,0UL,0xEBL,9L},{0x9CL,1UL,0xEDL,-2L}}};
static uint16_t *g_185 = &g_104[2][0];
static struct S0 *g_196 = &g_117;
static int16_t *g_206 = &g_23[3][3];
static int16_t **g_205 = &g_206;
static struct S3 *g_209 = &g_134;
static struct S3 ** volatile g_208 = &g_209;/* VOLATILE GLOBAL g_208 */
static struct S1 g_220 = {0x72L,0x8FA4D6DCL,0xEE6F4B5C2CF825CBLL,1UL,0UL,255UL,0x4EL,0x69F5L,0x589D5DECL};/* VOLATILE GLOBAL g_220 */
static volatile int8_t * volatile g_225 = (void*)0;/* VOLATILE GLOBAL g_225 */
static volatile int8_t * volatile *g_224 = &g_225;
static volatile int8_t * volatile ** volatile g_226[3] = {&g_224,&g_224,&g_224};
static int32_t ***g_232[3] = {(void*)0,(void*)0,(void*)0};
static struct S1 g_239 = {0x19L,0x2FCE170AL,18446744073709551609UL,0x3832A488D4B9C1E0LL,0xABE5D2F0E14FAFFELL,0UL,0x0BL,0xC7A0L,4294967292UL};/* VOLATILE GLOBAL g_239 */
static volatile struct S1 g_247 = {1UL,-5L,1UL,0x43886572D124CE05LL,0x07CB16B7EB9182EELL,255UL,0xB5L,65535UL,0x2F6EB1F3L};/* VOLATILE GLOBAL g_247 */
static int32_t * volatile g_249 = &g_220.f1;/* VOLATILE GLOBAL g_249 */
static struct S0 g_273 = {0x77L,0xBA8FC994EAE7410ELL,-1L,-1L};/* VOLATILE GLOBAL g_273 */
static struct S0 g_274[1][6] = {{{1UL,0xE10E5CE82039155DLL,5L,0L},{0xBBL,18446744073709551611UL,0x94L,0x50L},{0xBBL,18446744073709551611UL,0x94L,0x50L},{1UL,0xE10E5CE82039155DLL,5L,0L},{0xBBL,18446744073709551611UL,0x94L,0x50L},{0xBBL,18446744073709551611UL,0x94L,0x50L}}};
static struct S0 g_275 = {0UL,18446744073709551610UL,9L,0L};/* VOLATILE GLOBAL g_275 */
static struct S0 g_276 = {0x43L,0x25ACAF8924D8F255LL,0x42L,3L};/* VOLATILE GLOBAL g_276 */
static struct S0 g_277[4][5] = {{{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L}},{{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L}},{{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L},{247UL,3UL,0x07L,0xC0L}},{{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L},{0x57L,0UL,1L,-10L}}};
static struct S0 g_278 = {3UL,0xB41E8C21D9A2B6C1LL,0xB6L,1L};/* VOLATILE GLOBAL g_278 */
static struct S0 g_328 = {0x47L,2UL,0x73L,0L};/* VOLATILE GLOBAL g_328 */
static struct S0 g_337 = {253UL,0x3B41750E798DF2CFLL,-4L,0x6BL};/* VOLATILE GLOBAL g_337 */
static struct S1 g_377[1][2] = {{{0UL,1L,0xE6FB5C3FB84D6B20LL,0x7BBAE65E62D59CFFLL,0UL,0x1BL,248UL,0xDBC6L,0x6525348DL},{0UL,1L,0xE6FB5C3FB84D6B20LL,0x7BBAE65E62D59CFFLL,0UL,0x1BL,248UL,0xDBC6L,0x6525348DL}}};
static struct S1 g_378 = {2UL,0xC46ECD58L,0UL,0UL,18446744073709551615UL,255UL,0xBBL,0x147CL,1UL};/* VOLATILE GLOBAL g_378 */
static struct S1 g_380 = {6UL,0L,9UL,0UL,0x17152798826D02A2LL,255UL,0x8EL,6UL,0x3BF531C4L};/* VOLATILE GLOBAL g_380 */
static uint16_t g_381[2][4] = {{0xDBBCL,1UL,0xDBBCL,0xDBBCL},{1UL,1UL,0x7945L,1UL}};
static int32_t g_384 = 0xC0EC9FA3L;
static struct S2 ** volatile g_433 = (void*)0;/* VOLATILE GLOBAL g_433 */
static struct S2 *g_436[2][5] = {{&g_76,&g_76,&g_76,&g_76,&g_76},{&g_76,&g_76,&g_76,&g_76,&g_76}};
static struct S2 ** volatile g_435 = &g_436[1][1];/* VOLATILE GLOBAL g_435 */
static struct S2 ** volatile g_475 = &g_436[1][1];/* VOLATILE GLOBAL g_475 */
static volatile struct S1 g_526[6] = {{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL},{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL},{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL},{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL},{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL},{0x1BL,0x2F926C50L,0xE391393D2EFE0552LL,0x0B213FFA74B3791BLL,0x438DEEBC8C2DC67ALL,0x35L,1UL,0x96F8L,4294967286UL}};
static volatile int16_t g_550[3] = {9L,9L,9L};
static int32_t ** volatile g_570 = &g_111;/* VOLATILE GLOBAL g_570 */
static struct S2 ** volatile g_595 = &g_436[1][1];/* VOLATILE GLOBAL g_595 */
static volatile struct S1 g_597 = {7UL,0x9F27B3E2L,0x02E02FE42979B749LL,0x93636CB2221C82B7LL,0x9FE122D3CEF192FALL,8UL,0xAAL,65527UL,0xCF600076L};/* VOLATILE GLOBAL g_597 */
static volatile struct S3 g_639 = {0L,0xB3B9L,{6UL,8L,0x8A95853653B32F2CLL,0x077A79DE47E75429LL,0UL,0xCDL,0x00L,1UL,0x4C916B8FL}};/* VOLATILE GLOBAL g_639 */
static int8_t *g_645[4] = {&g_328.f2,&g_328.f2,&g_328.f2,&g_328.f2};
static int8_t **g_644 = &g_645[3];
static volatile int16_t g_649[5] = {0xA299L,0xA299L,0xA299L,0xA299L,0xA299L};
static volatile int8_t * volatile ** volatile *g_664 = &g_226[2];
static volatile int8_t * volatile ** volatile ** volatile g_663 = &g_664;/* VOLATILE GLOBAL g_663 */
static volatile int8_t * volatile ** volatile ** volatile g_672 = &g_664;/* VOLATILE GLOBAL g_672 */
static uint64_t *g_696 = &g_378.f3;
static volatile struct S0 g_698 = {7UL,18446744073709551615UL,0x0AL,0L};/* VOLATILE GLOBAL g_698 */
static struct S2 g_713[5] = {{13,3324,4},{13,3324,4},{13,3324,4},{13,3324,4},{13,3324,4}};
static struct S2 * volatile g_712[5][2] = {{&g_713[4],&g_713[4]},{&g_713[4],&g_713[4]},{&g_713[4],&g_713[4]},{&g_713[4],&g_713[4]},{&g_713[4],&g_713[4]}};
static struct S1 *g_725 = &g_380;
static struct S1 ** volatile g_724 = &g_725;/* VOLATILE GLOBAL g_724 */
static uint32_t g_740 = 0xF43C9C66L;
static struct S3 *g_743 = &g_134;
static struct S3 ** const  volatile g_742 = &g_743;/* VOLATILE GLOBAL g_742 */
static volatile struct S0 ** volatile g_766 = (void*)0;/* VOLATILE GLOBAL g_766 */
static volatile struct S0 ** volatile * volatile g_765[6][1] = {{&g_766},{&g_766},{&g_766},{&g_766},{&g_766},{&g_766}};
static struct S3 g_769 = {-1L,1L,{0UL,-6L,0x3973F69AE219D6C6LL,0x412326834F253DA4LL,0UL,0xE0L,0x1CL,0UL,0x8F699B52L}};/* VOLATILE GLOBAL g_769 */


/* --- FORWARD DECLARATIONS --- */
static uint16_t  func_1(void);
static const int32_t  func_6(int8_t  p_7, uint64_t  p_8, uint32_t  p_9, int32_t * p_10);
static int32_t  func_28(int16_t * p_29, const int64_t  p_30, int32_t  p_31);
static struct S0  func_32(int8_t * p_33, uint64_t  p_34, int8_t * p_35);
static int8_t * func_36(int16_t  p_37, int32_t  p_38, int32_t  p_39);
static int16_t  func_40(uint32_t  p_41, uint32_t  p_42, int64_t  p_43);
static struct S1  func_60(uint32_t  p_61, uint32_t * p_62, struct S2  p_63);
static uint16_t  func_92(int32_t  p_93, int32_t  p_94);


/* --- FUNCTIONS --- */
/* ------------------------------------------ */
/* 
 * reads : g_2 g_5 g_23 g_56 g_64 g_70 g_76 g_89 g_105 g_110 g_111 g_117 g_75 g_130 g_129 g_134.f2.f6 g_153 g_104 g_155 g_134.f2.f4 g_91 g_176 g_177 g_127 g_185 g_208 g_220 g_224 g_232 g_206 g_239 g_247 g_249 g_278.f2 g_273.f2 g_277.f0 g_328 g_196 g_337 g_377 g_378 g_380 g_381 g_384 g_275.f1 g_134.f0 g_435 g_274 g_436 g_475 g_209 g_134 g_136 g_526 g_570 g_595 g_597 g_639 g_644 g_649 g_663 g_645 g_664 g_672 g_226 g_696 g_698 g_550 g_724 g_275.f2 g_742 g_765 g_769 g_225 g_743 g_108 g_275.f0
 * writes: g_5 g_23 g_26 g_89 g_91 g_111 g_117 g_75 g_130 g_153 g_155 g_177 g_127 g_185 g_196 g_205 g_209 g_232 g_76.f1 g_220.f1 g_104 g_273.f2 g_277.f1 g_220.f0 g_384 g_239.f0 g_278.f1 g_276.f0 g_436 g_378.f6 g_277.f2 g_239.f1 g_380.f6 g_275.f1 g_380.f1 g_76 g_378.f0 g_644 g_664 g_328.f2 g_56 g_696 g_274 g_725 g_275.f2 g_740 g_743 g_765 g_378.f1 g_2 g_275.f0
 */
static uint16_t  func_1(void)
{ /* block id: 0 */
    int32_t *l_3 = (void*)0;
    int32_t *l_4 = &g_5;
    uint32_t l_21 = 18446744073709551609UL;
    int16_t *l_22[4][5] = {{&g_23[3][3],&g_23[3][3],&g_23[1][1],&g_23[3][3],&g_23[1][1]},{&g_23[1][1],&g_23[1][1],&g_23[3][3],&g_23[3][3],&g_23[0][3]},{&g_23[3][3],&g_23[3][3],&g_23[3][3],&g_23[3][3],&g_23[1][1]},{&g_23[3][3],&g_23[3][3],&g_23[3][3],&g_23[3][3],&g_23[3][3]}};
    int8_t *l_24 = (void*)0;
    int8_t *l_25 = &g_26;
    int32_t *l_27 = &g_5;
    int8_t *l_703 = &g_26;
    uint8_t l_707[3];
    struct S2 l_710 = {1,4311,4};
    int32_t l_755 = (-1L);
    int32_t l_756[4] = {0xBF79A86AL,0xBF79A86AL,0xBF79A86AL,0xBF79A86AL};
    uint32_t l_762 = 4294967288UL;
    struct S3 **l_781 = &g_209;
    uint16_t l_782 = 65535UL;
    int32_t l_803 = 8L;
    int i, j;
    for (i = 0; i < 3; i++)
        l_707[i] = 0UL;
    (*l_4) = g_2[1][2];
    if (func_6(((*l_25) = ((safe_sub_func_uint64_t_u_u((safe_mul_func_uint16_t_u_u((safe_lshift_func_int16_t_s_u(g_5, 3)), 0x5BBBL)), 0UL)) > (g_23[1][3] = (safe_mod_func_int8_t_s_s((((g_2[1][2] , (safe_mul_func_uint16_t_u_u((*l_4), (-7L)))) <= (*l_4)) || 0L), l_21))))), g_5, g_2[1][1], l_27))
    { /* block id: 324 */
        int64_t l_671 = 0L;
        int8_t l_683[5][1] = {{0x06L},{3L},{0x06L},{3L},{0x06L}};
        int i, j;
        if ((safe_mod_func_uint32_t_u_u((safe_lshift_func_uint8_t_u_u((safe_rshift_func_int8_t_s_u(((**g_644) = (**g_644)), 4)), 4)), l_671)))
        { /* block id: 326 */
            (*g_672) = (*g_663);
        }
        else
        { /* block id: 328 */
            uint16_t l_675[2];
            int16_t l_682 = (-2L);
            uint64_t **l_697 = &g_696;
            int i;
            for (i = 0; i < 2; i++)
                l_675[i] = 65535UL;
            for (g_56 = 0; (g_56 <= 0); g_56 += 1)
            { /* block id: 331 */
                int64_t l_684 = 0xFFA938C35325BB10LL;
                int32_t *l_685 = &g_239.f1;
                (*l_4) = ((safe_rshift_func_uint8_t_u_u(g_64.f0, 0)) ^ 0L);
                (*l_685) &= ((l_675[1] && (-1L)) || (safe_mod_func_uint8_t_u_u(((+(((safe_lshift_func_int16_t_s_u((((*g_185) = 65527UL) , ((0x0868908B18DFA167LL | (~(*l_4))) <= l_682)), l_671)) != l_683[1][0]) | l_684)) && 0UL), l_671)));
            }
            (*l_27) = (safe_rshift_func_int8_t_s_s((safe_rshift_func_uint8_t_u_u((((l_675[0] && ((**g_664) == (void*)0)) && (((*l_697) = ((safe_lshift_func_uint16_t_u_s((((safe_mul_func_int16_t_s_s((safe_sub_func_uint64_t_u_u(0x2995660E0B3D4D33LL, 8UL)), l_675[0])) || 65530UL) || l_675[1]), 9)) , g_696)) == (void*)0)) | g_220.f6), 6)), 0));
        }
        (*g_196) = g_698;
    }
    else
    { /* block id: 340 */
        int16_t l_701[6][2] = {{0xAFDDL,(-2L)},{0xAFDDL,0xAFDDL},{(-2L),0xAFDDL},{0xAFDDL,(-2L)},{0xAFDDL,0xAFDDL},{(-2L),0xAFDDL}};
        int32_t l_702 = 0xFE276815L;
        int32_t **l_704 = &l_3;
        int32_t *l_705 = &g_377[0][0].f1;
        int32_t *l_706[4] = {&g_380.f1,&g_380.f1,&g_380.f1,&g_380.f1};
        struct S2 *l_711 = &g_76;
        int i, j;
        (*g_196) = func_32((*g_644), ((((g_696 != (void*)0) < (*g_249)) >= ((*l_4) = ((l_702 |= ((((((safe_sub_func_int16_t_s_s((-1L), (*l_27))) || (*l_27)) & l_701[5][1]) , 7L) & l_701[5][1]) & (*g_696))) | (*g_206)))) != 0x4A4196585C437AD4LL), l_703);
        (*l_704) = (void*)0;
        --l_707[2];
        l_710 = ((*l_711) = l_710);
    }
    if ((safe_lshift_func_uint16_t_u_s(((~((*g_185) <= 0xE6EDL)) , 0x265EL), 1)))
    { /* block id: 349 */
        uint8_t l_720 = 0UL;
        int32_t ****l_727 = &g_232[0];
        uint16_t **l_738 = &g_185;
        uint8_t l_746[1][5];
        int32_t l_752 = (-2L);
        int32_t l_753 = 6L;
        int32_t l_757 = (-5L);
        int32_t l_758 = 0xB583CFD4L;
        int32_t l_759 = 0x0188CFDCL;
        int32_t l_760 = 0x20B5BEAAL;
        int i, j;
        for (i = 0; i < 1; i++)
        {
            for (j = 0; j < 5; j++)
                l_746[i][j] = 0UL;
        }
        for (g_378.f0 = 0; (g_378.f0 <= 2); g_378.f0 += 1)
        { /* block id: 352 */
            int32_t ****l_717 = &g_232[2];
            uint64_t **l_726[4];
            int i;
            for (i = 0; i < 4; i++)
                l_726[i] = &g_696;
            (*l_717) = (void*)0;
            if (((*l_27) = ((((*g_209) , g_550[g_378.f0]) && 65535UL) <= (safe_sub_func_uint64_t_u_u((l_720 < ((*g_185) = (((safe_lshift_func_int8_t_s_u((8UL ^ l_720), g_377[0][0].f6)) , 1UL) == l_720))), (-1L))))))
            { /* block id: 356 */
                struct S1 *l_723 = &g_377[0][0];
                int32_t *****l_728 = &l_717;
                (*l_27) = 1L;
                (*g_724) = l_723;
                (*l_728) = ((&g_696 == l_726[0]) , l_727);
            }
            else
            { /* block id: 360 */
                if ((*g_249))
                    break;
            }
        }
        for (g_275.f2 = 0; (g_275.f2 >= 2); g_275.f2 = safe_add_func_int8_t_s_s(g_275.f2, 1))
        { /* block id: 366 */
            struct S2 l_731 = {8,-4754,4};
            int32_t l_745 = 0x8B7044E9L;
            int32_t l_751 = (-8L);
            if (l_720)
            { /* block id: 367 */
                struct S2 *l_732[2][2];
                int32_t l_739 = 0L;
                int i, j;
                for (i = 0; i < 2; i++)
                {
                    for (j = 0; j < 2; j++)
                        l_732[i][j] = &g_713[4];
                }
                g_740 = ((l_710 = l_731) , ((*l_4) = (safe_mul_func_uint8_t_u_u(((((**g_644) = ((~(safe_div_func_int64_t_s_s(((void*)0 == l_738), (l_731.f2 | (*l_4))))) != l_739)) , g_597.f4) , g_328.f2), g_275.f2))));
                return (*g_185);
            }
            else
            { /* block id: 373 */
                struct S3 **l_741 = &g_209;
                int32_t *l_744[4];
                int i;
                for (i = 0; i < 4; i++)
                    l_744[i] = &g_5;
                (*g_742) = (g_378.f1 , ((*l_741) = (*g_208)));
                ++l_746[0][0];
                if (l_731.f1)
                    continue;
            }
            for (g_378.f0 = 0; (g_378.f0 <= 2); g_378.f0 += 1)
            { /* block id: 381 */
                int32_t *l_749 = &g_220.f1;
                int32_t *l_750[5];
                int64_t l_754[1];
                int16_t l_761 = 6L;
                int i;
                for (i = 0; i < 5; i++)
                    l_750[i] = &g_239.f1;
                for (i = 0; i < 1; i++)
                    l_754[i] = 0xC5159B95AF5EEDDCLL;
                if (l_707[g_378.f0])
                    break;
                if (l_707[g_378.f0])
                    continue;
                l_762++;
            }
            return (*g_185);
        }
        (*l_4) |= (*g_249);
        g_765[1][0] = g_765[3][0];
    }
    else
    { /* block id: 390 */
        uint32_t l_770 = 0UL;
        int64_t *l_773[2];
        int32_t l_774 = 0x4E10E2D7L;
        struct S1 **l_775 = &g_725;
        int32_t l_776 = 1L;
        int i;
        for (i = 0; i < 2; i++)
            l_773[i] = (void*)0;
        l_756[2] = ((*l_27) = (0x17F7L == (safe_mul_func_uint16_t_u_u(((4294967293UL <= (((l_774 = (((g_769 , ((l_770++) == ((g_274[0][2].f0 , (***g_664)) != (void*)0))) != g_2[1][2]) || l_770)) , l_775) == &g_725)) != l_776), l_776))));
    }
    if ((4L > ((*g_185) == (safe_sub_func_int16_t_s_s((*g_206), ((*g_696) & (safe_sub_func_uint16_t_u_u(((((*l_781) = (*g_742)) != (void*)0) && (*l_27)), l_782))))))))
    { /* block id: 397 */
        int32_t l_791 = (-7L);
        int8_t ** const * const l_795 = &g_644;
        int8_t ** const * const *l_794 = &l_795;
        int32_t l_804[5][4] = {{0x2D85DB3DL,0xBD5F96C7L,0x2D85DB3DL,0xBD5F96C7L},{0x2D85DB3DL,0xBD5F96C7L,0x2D85DB3DL,0xBD5F96C7L},{0x2D85DB3DL,0xBD5F96C7L,0x2D85DB3DL,0xBD5F96C7L},{0x2D85DB3DL,0xBD5F96C7L,0x2D85DB3DL,0xBD5F96C7L},{0x2D85DB3DL,0xBD5F96C7L,0x2D85DB3DL,0xBD5F96C7L}};
        int i, j;
        for (g_378.f1 = (-10); (g_378.f1 >= 7); g_378.f1 = safe_add_func_int16_t_s_s(g_378.f1, 2))
        { /* block id: 400 */
            int32_t *l_796 = &g_2[1][2];
            int32_t l_801 = 0x02084C26L;
            uint64_t *l_802 = &g_337.f1;
            (*l_4) = (safe_div_func_int64_t_s_s(((safe_add_func_int32_t_s_s((safe_div_func_uint32_t_u_u(l_791, (safe_sub_func_uint32_t_u_u(7UL, (((*l_796) |= (l_794 == (*g_663))) , (safe_add_func_int32_t_s_s((safe_lshift_func_uint16_t_u_u(((*g_185) &= (((l_801 , g_696) == l_802) , 9UL)), 12)), (*l_27)))))))), 0x7723F101L)) | l_791), g_108));
            return l_801;
        }
        l_804[3][3] = (l_791 && l_803);
        for (g_275.f0 = 0; (g_275.f0 != 45); g_275.f0 = safe_add_func_int64_t_s_s(g_275.f0, 1))
        { /* block id: 409 */
            int16_t l_807[1][3];
            int i, j;
            for (i = 0; i < 1; i++)
            {
                for (j = 0; j < 3; j++)
                    l_807[i][j] = 0x3ABFL;
            }
            return l_807[0][2];
        }
    }
    else
    { /* block id: 412 */
        return (*l_27);
    }
    return (*l_27);
}


/* ------------------------------------------ */
/* 
 * reads : g_5 g_23 g_56 g_64 g_70 g_76 g_89 g_105 g_110 g_111 g_117 g_75 g_130 g_129 g_134.f2.f6 g_153 g_104 g_2 g_155 g_134.f2.f4 g_91 g_176 g_177 g_127 g_185 g_208 g_220 g_224 g_232 g_206 g_239 g_247 g_249 g_278.f2 g_273.f2 g_277.f0 g_328 g_196 g_337 g_377 g_378 g_380 g_381 g_384 g_275.f1 g_134.f0 g_435 g_274 g_436 g_475 g_209 g_134 g_136 g_526 g_570 g_595 g_597 g_639 g_644 g_649 g_663
 * writes: g_89 g_91 g_26 g_111 g_117 g_75 g_130 g_5 g_153 g_155 g_177 g_127 g_185 g_196 g_205 g_209 g_232 g_76.f1 g_220.f1 g_104 g_273.f2 g_277.f1 g_220.f0 g_384 g_239.f0 g_278.f1 g_276.f0 g_436 g_378.f6 g_277.f2 g_239.f1 g_23 g_380.f6 g_275.f1 g_380.f1 g_76 g_378.f0 g_644 g_664
 */
static const int32_t  func_6(int8_t  p_7, uint64_t  p_8, uint32_t  p_9, int32_t * p_10)
{ /* block id: 4 */
    int8_t *l_46[1];
    uint32_t *l_53[1][2];
    int32_t l_54 = (-1L);
    int32_t l_55[2][4] = {{0L,0L,0L,0L},{0L,0L,0L,0L}};
    int8_t *l_504 = (void*)0;
    struct S2 l_523 = {8,-3071,2};
    int32_t l_532 = 1L;
    int32_t l_543 = 0x2E740D2FL;
    int32_t l_544 = 9L;
    int32_t l_546 = (-1L);
    int32_t l_548 = (-7L);
    int32_t l_551 = 0xFB401C4AL;
    int32_t l_553 = 1L;
    int32_t l_554 = 0L;
    int32_t l_555 = 0xE48C2236L;
    int32_t l_556[2][5] = {{0x0DACD3C7L,0x0DACD3C7L,0x1B4D24A3L,0x0DACD3C7L,0x0DACD3C7L},{(-5L),0x0DACD3C7L,(-5L),(-5L),0x0DACD3C7L}};
    int32_t l_566 = 0x108931C5L;
    int16_t ** const l_608[5] = {&g_206,&g_206,&g_206,&g_206,&g_206};
    int i, j;
    for (i = 0; i < 1; i++)
        l_46[i] = (void*)0;
    for (i = 0; i < 1; i++)
    {
        for (j = 0; j < 2; j++)
            l_53[i][j] = (void*)0;
    }
    if (func_28((func_32(func_36(((*g_206) = func_40((safe_add_func_int64_t_s_s((l_46[0] == (void*)0), (((safe_rshift_func_uint16_t_u_u(65526UL, 1)) && (safe_div_func_uint8_t_u_u(p_7, (((l_54 = (safe_mul_func_uint8_t_u_u(p_9, g_5))) <= g_23[2][3]) ^ p_8)))) || (*p_10)))), l_55[0][3], g_56)), g_378.f0, p_7), p_9, l_504) , (void*)0), p_9, l_55[0][3]))
    { /* block id: 249 */
        int64_t l_525 = 0L;
        int16_t *l_527 = &g_136[1][1].f0;
        int32_t l_533 = 0x707D5D37L;
        int32_t l_535 = 5L;
        int32_t l_537 = 0x66C06B98L;
        int32_t l_539[5] = {(-3L),(-3L),(-3L),(-3L),(-3L)};
        int32_t l_557 = 0xD8157D77L;
        uint64_t l_567 = 8UL;
        struct S2 l_571 = {16,-2714,2};
        int i;
        if ((safe_add_func_uint64_t_u_u((safe_mod_func_int64_t_s_s((-2L), (l_523 , ((p_7 , (p_7 | (((((+l_525) , g_526[5]) , 9L) || l_55[0][2]) & l_523.f2))) | l_525)))), 0x7960C71DDA1A2AEFLL)))
        { /* block id: 250 */
            int8_t l_530[3][5] = {{0x16L,0x1AL,0x16L,0x16L,0x1AL},{0x64L,0x42L,0x42L,0x64L,0x42L},{0x1AL,0x1AL,0x80L,0x1AL,0x1AL}};
            int32_t l_531 = 0x9FE5E10BL;
            int32_t l_534 = 0xB65673DFL;
            int32_t l_536 = 0xB53FDD81L;
            int32_t l_538 = 0x9186F911L;
            int32_t l_540 = 0L;
            int32_t l_541 = 0x9FBF3A01L;
            int32_t l_542 = 0x793062FAL;
            int32_t l_545 = 4L;
            int32_t l_547 = 0L;
            int32_t l_549 = 0x52A82C0DL;
            int32_t l_552[5][5] = {{0x26D010A0L,(-1L),(-1L),0x26D010A0L,0x26D010A0L},{0L,0x73BEA6F1L,0L,0x73BEA6F1L,0L},{0x26D010A0L,0x26D010A0L,(-1L),(-1L),0x26D010A0L},{0x2AE1F5DAL,0x73BEA6F1L,0x2AE1F5DAL,0x73BEA6F1L,0x2AE1F5DAL},{0x26D010A0L,(-1L),(-1L),0x26D010A0L,0x26D010A0L}};
            int i, j;
lbl_563:
            for (g_275.f1 = 0; (g_275.f1 <= 0); g_275.f1 += 1)
            { /* block id: 253 */
                uint64_t l_528 = 0x949949F2AA58A465LL;
                int32_t *l_529[4] = {&g_378.f1,&g_378.f1,&g_378.f1,&g_378.f1};
                uint16_t l_558 = 0x7EF2L;
                int i;
                (*g_249) = ((((g_328.f1 ^ (((void*)0 != l_527) == (*g_185))) <= (*g_206)) < 0L) | l_528);
                l_558++;
            }
            for (g_380.f1 = 0; (g_380.f1 != (-20)); g_380.f1 = safe_sub_func_uint8_t_u_u(g_380.f1, 5))
            { /* block id: 259 */
                int32_t *l_564 = &l_548;
                int32_t *l_565[1][2];
                int i, j;
                for (i = 0; i < 1; i++)
                {
                    for (j = 0; j < 2; j++)
                        l_565[i][j] = &l_540;
                }
                if (g_89)
                    goto lbl_563;
                ++l_567;
            }
        }
        else
        { /* block id: 263 */
            struct S2 *l_572 = &g_76;
            (*g_570) = p_10;
            (*l_572) = l_571;
        }
    }
    else
    { /* block id: 267 */
        int8_t l_580 = 0x96L;
        int32_t l_587 = 0xCA80F05FL;
        int32_t **l_601 = &g_111;
        int32_t ***l_600 = &l_601;
        uint16_t l_620 = 0x1A63L;
        for (g_378.f0 = (-24); (g_378.f0 == 44); ++g_378.f0)
        { /* block id: 270 */
            uint32_t l_581 = 18446744073709551607UL;
            for (g_155 = 0; (g_155 == (-21)); g_155--)
            { /* block id: 273 */
                const int32_t *l_577 = &g_5;
                const int32_t **l_578 = &l_577;
                int32_t *l_579 = &l_553;
                (*l_578) = l_577;
                ++l_581;
            }
        }
        for (g_117.f1 = 28; (g_117.f1 <= 41); g_117.f1++)
        { /* block id: 280 */
            uint8_t l_588 = 0UL;
            int32_t l_593 = (-1L);
            int16_t *l_611[5] = {&g_136[1][1].f0,&g_136[1][1].f0,&g_136[1][1].f0,&g_136[1][1].f0,&g_136[1][1].f0};
            struct S0 *l_632 = &g_277[1][1];
            int8_t **l_647 = &l_46[0];
            int i;
            if (l_546)
            { /* block id: 281 */
                int32_t *l_586[1][4] = {{&g_384,&g_384,&g_384,&g_384}};
                struct S2 **l_594 = (void*)0;
                int i, j;
                --l_588;
                l_593 |= (safe_div_func_int32_t_s_s((*g_249), (*p_10)));
                (*g_595) = &l_523;
                l_556[0][1] &= (+((*p_10) |= (g_597 , ((safe_add_func_uint64_t_u_u((l_600 == (p_9 , &g_176)), (safe_add_func_uint16_t_u_u(((*g_185) = (0UL >= g_337.f0)), g_117.f3)))) , l_54))));
            }
            else
            { /* block id: 288 */
                int32_t ****l_612 = &l_600;
                int32_t *l_613 = &g_220.f1;
                int32_t *l_614 = &l_544;
                int32_t *l_615 = &l_532;
                int32_t *l_616 = &g_155;
                int32_t *l_617 = &l_532;
                int32_t *l_618 = (void*)0;
                int32_t *l_619[6];
                int i;
                for (i = 0; i < 6; i++)
                    l_619[i] = (void*)0;
                (*l_612) = ((+((*g_206) = (safe_div_func_int8_t_s_s(((((+(0xDC66763D4D7F9900LL != (l_608[2] == &g_206))) | (p_9 > ((((l_593 &= (*g_206)) > p_8) || 0xCDAA7ED9374FF80ELL) <= p_9))) , l_611[1]) == (void*)0), p_8)))) , (void*)0);
                l_620++;
                if ((*g_249))
                    break;
                (*l_613) = ((*g_196) , (safe_div_func_uint32_t_u_u((+(l_588 ^ g_337.f1)), (safe_mul_func_uint16_t_u_u(0xB12AL, (safe_rshift_func_int16_t_s_s((safe_add_func_int32_t_s_s(((*p_10) = ((*l_615) = (*g_249))), l_588)), 15)))))));
            }
            (*g_249) = (l_632 != (void*)0);
            if (((((safe_div_func_uint32_t_u_u((safe_rshift_func_uint16_t_u_u(l_566, (safe_mul_func_uint16_t_u_u((*g_185), ((g_639 , ((-2L) <= (safe_sub_func_int32_t_s_s(l_523.f0, (*p_10))))) <= 0x98L))))), 0x59A8511EL)) >= 8UL) && g_273.f2) <= l_555))
            { /* block id: 299 */
                int8_t ***l_646 = &g_644;
                int32_t *l_648 = &g_220.f1;
                (*l_648) = ((*p_10) = (((p_8 > (((*l_646) = g_644) == l_647)) || (p_9 ^ ((&p_10 == l_601) ^ 0x50DBBF7CL))) != p_8));
            }
            else
            { /* block id: 303 */
                const uint8_t l_658[1] = {255UL};
                int i;
                if (l_544)
                    break;
                if (g_649[1])
                    continue;
                (*p_10) ^= (safe_rshift_func_uint8_t_u_u((g_380.f0 > (((*g_206) = (safe_add_func_uint32_t_u_u((safe_mul_func_uint16_t_u_u((safe_add_func_uint64_t_u_u(l_554, (-1L))), l_658[0])), (p_8 || p_8)))) | 65532UL)), l_658[0]));
            }
        }
        for (l_551 = (-29); (l_551 >= (-26)); l_551 = safe_add_func_int16_t_s_s(l_551, 1))
        { /* block id: 312 */
            (*l_601) = ((*g_185) , p_10);
            for (g_91 = 13; (g_91 <= 15); g_91 = safe_add_func_int32_t_s_s(g_91, 9))
            { /* block id: 316 */
                (*g_663) = &g_226[2];
                return (*g_249);
            }
            (**l_601) = (*p_10);
        }
    }
    return (*g_249);
}


/* ------------------------------------------ */
/* 
 * reads : g_209 g_134 g_136 g_185 g_104
 * writes:
 */
static int32_t  func_28(int16_t * p_29, const int64_t  p_30, int32_t  p_31)
{ /* block id: 246 */
    int64_t l_516 = (-9L);
    int32_t *l_517[4][2] = {{&g_239.f1,&g_239.f1},{&g_239.f1,&g_239.f1},{&g_239.f1,&g_239.f1},{&g_239.f1,&g_239.f1}};
    int8_t l_518 = 4L;
    int i, j;
    l_518 &= (((safe_sub_func_int32_t_s_s((safe_lshift_func_uint16_t_u_s(p_31, 14)), l_516)) != l_516) >= (((((((*g_209) , (l_516 != (*g_185))) == p_30) & l_516) < 0x1CL) | p_30) , 0x98E7CEDCL));
    return p_31;
}


/* ------------------------------------------ */
/* 
 * reads : g_378.f6 g_196 g_274 g_117
 * writes:
 */
static struct S0  func_32(int8_t * p_33, uint64_t  p_34, int8_t * p_35)
{ /* block id: 243 */
    uint64_t l_510 = 18446744073709551615UL;
    int32_t l_511 = 0L;
    l_511 = (safe_mul_func_uint8_t_u_u(((p_34 <= ((0xBFE6L ^ (+g_378.f6)) || p_34)) < (safe_rshift_func_int16_t_s_s((l_510 ^ l_510), 1))), l_510));
    return (*g_196);
}


/* ------------------------------------------ */
/* 
 * reads : g_185 g_104 g_206 g_239.f5 g_239.f1
 * writes: g_380.f6 g_104 g_23 g_239.f1
 */
static int8_t * func_36(int16_t  p_37, int32_t  p_38, int32_t  p_39)
{ /* block id: 234 */
    uint8_t *l_492 = &g_380.f6;
    int32_t *l_495 = &g_239.f1;
    int32_t l_496 = 3L;
    int32_t *l_497 = &l_496;
    int32_t *l_498[1];
    int32_t l_499 = 0x2F67C041L;
    uint64_t l_500 = 0xF8EAE9487F12CDA7LL;
    int32_t **l_503 = &l_498[0];
    int i;
    for (i = 0; i < 1; i++)
        l_498[i] = &g_384;
    (*l_495) &= (safe_div_func_int16_t_s_s(((*g_206) = ((safe_mul_func_uint16_t_u_u(((*g_185) ^= (((*l_492) = 0x25L) > p_38)), 0x44D2L)) > p_39)), (((safe_mod_func_int32_t_s_s((p_38 , 0x4512622CL), p_38)) >= 0x4BL) & g_239.f5)));
    l_500++;
    (*l_495) = (*l_497);
    (*l_503) = &l_496;
    return l_492;
}


/* ------------------------------------------ */
/* 
 * reads : g_23 g_64 g_70 g_56 g_76 g_89 g_105 g_110 g_111 g_117 g_75 g_130 g_5 g_129 g_134.f2.f6 g_153 g_104 g_2 g_155 g_134.f2.f4 g_91 g_176 g_177 g_127 g_185 g_208 g_220 g_224 g_232 g_206 g_239 g_247 g_249 g_278.f2 g_273.f2 g_277.f0 g_328 g_196 g_337 g_377 g_378 g_380 g_381 g_384 g_274 g_275.f1 g_134.f0 g_435 g_436 g_475
 * writes: g_89 g_91 g_26 g_111 g_117 g_75 g_130 g_5 g_153 g_155 g_177 g_127 g_185 g_196 g_205 g_209 g_232 g_76.f1 g_220.f1 g_104 g_273.f2 g_277.f1 g_220.f0 g_384 g_239.f0 g_278.f1 g_276.f0 g_436 g_378.f6 g_277.f2 g_239.f1
 */
static int16_t  func_40(uint32_t  p_41, uint32_t  p_42, int64_t  p_43)
{ /* block id: 6 */
    int8_t l_59 = 0xE8L;
    const uint32_t *l_71[4] = {&g_72,&g_72,&g_72,&g_72};
    int32_t l_73 = (-9L);
    uint32_t *l_74[2];
    int32_t *l_382 = (void*)0;
    int32_t *l_383 = &g_384;
    uint16_t l_385 = 0UL;
    int32_t l_398 = (-1L);
    int32_t l_399[3];
    uint64_t l_400 = 0x38E1ECC703E0CC88LL;
    struct S2 l_463 = {11,-1820,1};
    uint8_t l_471[5][1] = {{0x24L},{0UL},{0x24L},{0UL},{0x24L}};
    int16_t *l_486 = (void*)0;
    int64_t l_487[3][2] = {{0xDF1A81D6DDEB3961LL,(-1L)},{0xDF1A81D6DDEB3961LL,0xDF1A81D6DDEB3961LL},{(-1L),0xDF1A81D6DDEB3961LL}};
    int i, j;
    for (i = 0; i < 2; i++)
        l_74[i] = &g_75;
    for (i = 0; i < 3; i++)
        l_399[i] = 0xC0A7CF92L;
    (*l_383) ^= (safe_lshift_func_int8_t_s_u((g_23[4][1] & l_59), (func_60((g_64 , (safe_sub_func_int32_t_s_s((safe_unary_minus_func_uint64_t_u(l_59)), (l_73 &= (safe_div_func_int16_t_s_s((g_70 != l_71[1]), g_56)))))), l_74[1], g_76) , g_381[0][2])));
lbl_474:
    if (l_385)
    { /* block id: 174 */
        int32_t *l_389 = &g_5;
        uint64_t *l_391 = &g_278.f1;
        uint8_t *l_393[5];
        int i;
        for (i = 0; i < 5; i++)
            l_393[i] = &g_277[0][4].f0;
        for (g_239.f0 = 0; (g_239.f0 != 59); ++g_239.f0)
        { /* block id: 177 */
            int32_t * const l_388 = (void*)0;
            int32_t **l_390 = &l_389;
            l_382 = l_388;
            (*l_390) = l_389;
        }
        (*l_383) |= (((*l_391) = 18446744073709551611UL) && (+(((*l_389) && (((*l_389) & ((*g_196) , (g_276.f0 = p_41))) && (*l_389))) ^ g_275.f1)));
    }
    else
    { /* block id: 184 */
        uint64_t l_394 = 1UL;
        int32_t *l_397[6];
        int i;
        for (i = 0; i < 6; i++)
            l_397[i] = &g_239.f1;
        (*l_383) &= (-5L);
        ++l_394;
        ++l_400;
        for (l_385 = 12; (l_385 < 50); ++l_385)
        { /* block id: 190 */
            uint32_t l_432 = 18446744073709551610UL;
            for (g_384 = 2; (g_384 != 9); g_384++)
            { /* block id: 193 */
                struct S2 l_430 = {9,-4793,0};
                int16_t *l_431 = &g_127;
                struct S2 **l_434 = (void*)0;
                l_432 &= (safe_add_func_int8_t_s_s((safe_rshift_func_uint8_t_u_s((safe_sub_func_uint8_t_u_u((safe_lshift_func_int16_t_s_u((l_74[0] != &p_42), 14)), ((*g_196) , (safe_mod_func_int64_t_s_s(((safe_lshift_func_int16_t_s_u((*g_206), 1)) == ((((safe_lshift_func_int8_t_s_u((safe_add_func_int32_t_s_s((+((l_430.f1 = ((safe_add_func_uint16_t_u_u((safe_mul_func_int16_t_s_s((safe_mul_func_int16_t_s_s(((*l_431) = (l_430 , p_41)), (*g_185))), (*g_185))), 7UL)) == l_430.f0)) <= 0x0E88AB91L)), 0x10479E66L)), 6)) , &l_430) != &g_76) || p_42)), g_134.f0))))), g_380.f7)), p_41));
                (*g_435) = ((*g_196) , &g_76);
            }
        }
    }
    for (g_378.f6 = 0; (g_378.f6 <= 2); g_378.f6 += 1)
    { /* block id: 203 */
        int8_t *l_454 = (void*)0;
        int32_t l_456 = (-1L);
        int32_t l_469[1];
        int32_t l_470 = 0x3B08618CL;
        struct S3 * const *l_477 = (void*)0;
        int16_t *l_485 = &g_127;
        int i;
        for (i = 0; i < 1; i++)
            l_469[i] = 0xEFFBAE1FL;
        if ((p_42 ^ p_43))
        { /* block id: 204 */
            int8_t l_437 = (-1L);
            uint16_t *l_440[5] = {&g_381[0][1],&g_381[0][1],&g_381[0][1],&g_381[0][1],&g_381[0][1]};
            int8_t *l_455 = &g_277[0][4].f2;
            int i;
            l_437 ^= ((*g_206) ^ (-8L));
            l_399[0] |= (((safe_div_func_uint16_t_u_u(((*l_383) ^= (*g_185)), (((((safe_mul_func_uint16_t_u_u((safe_mul_func_uint16_t_u_u(((safe_rshift_func_int16_t_s_u((safe_mod_func_uint64_t_u_u((safe_unary_minus_func_uint16_t_u(p_41)), (safe_sub_func_int64_t_s_s((safe_mod_func_int8_t_s_s(((*l_455) = ((void*)0 == l_454)), ((*g_196) , 0xC5L))), 0xC465790289039B58LL)))), l_437)) | p_42), (*g_206))), p_43)) , 4294967286UL) > p_43) && l_456) & 0xC7771C0AL))) , (void*)0) != (void*)0);
        }
        else
        { /* block id: 209 */
            uint64_t l_458 = 3UL;
            int32_t l_459[2][3] = {{0L,0L,0L},{0xD44ACBC9L,0xD44ACBC9L,0xD44ACBC9L}};
            struct S0 *l_461 = &g_274[0][2];
            struct S2 l_462 = {13,-24,0};
            struct S3 * const *l_476 = &g_209;
            int32_t *l_478 = &g_155;
            int i, j;
            if (((*l_383) = (l_459[1][2] |= (l_458 |= (+0UL)))))
            { /* block id: 213 */
                uint8_t l_460[4][4] = {{249UL,252UL,0x38L,0x38L},{0x48L,0x48L,249UL,0x38L},{3UL,252UL,3UL,249UL},{3UL,249UL,249UL,3UL}};
                int i, j;
                return l_460[1][1];
            }
            else
            { /* block id: 215 */
                g_196 = l_461;
                l_463 = l_462;
            }
            for (g_239.f1 = 2; (g_239.f1 >= 0); g_239.f1 -= 1)
            { /* block id: 221 */
                int32_t *l_464 = &g_378.f1;
                int32_t *l_465 = (void*)0;
                int32_t l_466 = 0x794AB9A4L;
                int32_t *l_467 = &l_459[1][1];
                int32_t *l_468[4] = {&g_378.f1,&g_378.f1,&g_378.f1,&g_378.f1};
                int i;
                l_471[4][0]++;
                if (g_91)
                    goto lbl_474;
                (*g_475) = (*g_435);
                l_477 = l_476;
            }
            l_478 = (void*)0;
        }
        (*l_383) ^= ((l_463 , 0x1BCC05CCL) ^ (safe_lshift_func_uint8_t_u_u(((((l_470 < (p_42 > (((((((safe_mul_func_int8_t_s_s(p_42, 1UL)) , l_485) == l_486) == 0x58074648L) >= 0L) ^ l_487[1][1]) ^ 0x6B93877264771800LL))) == l_469[0]) && 0xBEEBC7FFL) < g_239.f8), 1)));
        return (*l_383);
    }
    return (*g_206);
}


/* ------------------------------------------ */
/* 
 * reads : g_89 g_64.f3 g_105 g_110 g_111 g_117 g_75 g_130 g_5 g_129 g_56 g_64.f2 g_134.f2.f6 g_153 g_104 g_2 g_155 g_134.f2.f4 g_91 g_176 g_177 g_127 g_185 g_76.f0 g_208 g_220 g_76.f1 g_224 g_232 g_206 g_23 g_239 g_247 g_249 g_278.f2 g_273.f2 g_277.f0 g_76 g_328 g_196 g_337 g_377 g_378 g_380
 * writes: g_89 g_91 g_26 g_111 g_117 g_75 g_130 g_5 g_153 g_155 g_177 g_127 g_185 g_196 g_205 g_209 g_232 g_76.f1 g_220.f1 g_104 g_273.f2 g_277.f1 g_220.f0
 */
static struct S1  func_60(uint32_t  p_61, uint32_t * p_62, struct S2  p_63)
{ /* block id: 8 */
    const int64_t l_77 = 0x551B70F82EDDAAD1LL;
    uint16_t *l_88 = (void*)0;
    uint16_t *l_90 = &g_91;
    int16_t *l_95 = (void*)0;
    uint32_t *l_152 = &g_153;
    int32_t *l_154 = &g_155;
    uint64_t l_165 = 18446744073709551611UL;
    int32_t l_169 = 0xB0027CE1L;
    int32_t l_170 = (-1L);
    int32_t l_171[2];
    uint64_t l_183[4];
    int16_t **l_204 = &l_95;
    int16_t ***l_203[5] = {&l_204,&l_204,&l_204,&l_204,&l_204};
    int8_t l_207 = 0L;
    uint16_t l_223 = 0x50DEL;
    int32_t ****l_238 = &g_232[0];
    int8_t *l_306 = &g_117.f2;
    int8_t **l_305 = &l_306;
    int8_t ***l_304[5] = {&l_305,&l_305,&l_305,&l_305,&l_305};
    int16_t l_343 = 0x755AL;
    uint32_t l_379 = 0x24F14233L;
    int i;
    for (i = 0; i < 2; i++)
        l_171[i] = 0L;
    for (i = 0; i < 4; i++)
        l_183[i] = 18446744073709551606UL;
    if (((*l_154) |= (((l_77 | 1UL) && ((safe_lshift_func_uint16_t_u_s(((((safe_mod_func_uint8_t_u_u((((*l_152) |= (safe_sub_func_int8_t_s_s(((safe_div_func_uint32_t_u_u((safe_rshift_func_uint16_t_u_u(((*l_90) = (g_89 |= l_77)), (func_92((l_90 == (l_95 = l_88)), g_64.f3) , g_130))), p_63.f0)) , p_63.f2), p_63.f1))) , p_63.f0), p_63.f2)) != p_61) != p_63.f2) == l_77), 15)) , g_104[1][0])) & g_2[1][1])))
    { /* block id: 55 */
        struct S2 l_156 = {24,-5606,1};
        int32_t l_166 = 0L;
        (*l_154) = (l_156 , (((((*l_90) = (0x6DL >= g_134.f2.f4)) && (safe_lshift_func_int16_t_s_u((safe_mod_func_uint8_t_u_u(((safe_mul_func_int8_t_s_s((((*l_154) && (++(*l_90))) , (((*l_154) | l_165) & g_105.f8)), p_61)) && g_105.f6), 255UL)), p_61))) >= p_63.f1) ^ l_166));
    }
    else
    { /* block id: 59 */
        int32_t *l_167 = &g_5;
        int32_t *l_168[4][4] = {{&g_5,&g_5,&g_155,&g_155},{&g_5,&g_5,&g_5,&g_155},{&g_155,&g_5,&g_155,&g_5},{&g_155,&g_5,&g_5,&g_155}};
        uint32_t l_172[5][1] = {{0x478A259DL},{0x2EA5237FL},{0x478A259DL},{0x2EA5237FL},{0x478A259DL}};
        int16_t **l_175[5] = {&l_95,&l_95,&l_95,&l_95,&l_95};
        volatile struct S0 *l_178[1][6];
        int i, j;
        for (i = 0; i < 1; i++)
        {
            for (j = 0; j < 6; j++)
                l_178[i][j] = (void*)0;
        }
        --l_172[3][0];
        l_175[0] = &l_95;
        (*g_176) = p_62;
        g_177[0][1] = g_177[0][1];
    }
    for (g_127 = 9; (g_127 != (-23)); g_127 = safe_sub_func_uint16_t_u_u(g_127, 2))
    { /* block id: 67 */
        uint16_t *l_184 = &g_104[0][0];
        const int32_t l_192[1] = {1L};
        int32_t l_193 = 0x799871A7L;
        int i;
        (*l_154) |= (p_63.f2 >= (safe_rshift_func_uint16_t_u_s(l_183[3], (&g_104[1][0] == (g_185 = l_184)))));
        if ((safe_rshift_func_uint8_t_u_u((safe_lshift_func_int8_t_s_u((g_117.f2 &= (l_193 ^= ((*l_154) = ((safe_lshift_func_int16_t_s_u(((void*)0 == &g_185), l_192[0])) > (*l_154))))), (((*g_185) > 0xB5AAL) , l_192[0]))), g_153)))
        { /* block id: 73 */
            struct S0 *l_195[1];
            struct S0 **l_194[2];
            int i;
            for (i = 0; i < 1; i++)
                l_195[i] = &g_117;
            for (i = 0; i < 2; i++)
                l_194[i] = &l_195[0];
            g_196 = &g_117;
        }
        else
        { /* block id: 75 */
            p_63.f1 = p_63.f0;
        }
        if (l_192[0])
            break;
        if (l_193)
            continue;
    }
    if (((safe_sub_func_int16_t_s_s((((safe_sub_func_int16_t_s_s(g_105.f2, g_76.f0)) ^ ((*l_154) && (((p_63.f0 == ((g_205 = &l_95) == &g_206)) , (void*)0) != (void*)0))) , l_207), 0x7A4CL)) & (*l_154)))
    { /* block id: 82 */
        (*g_208) = &g_136[1][2];
    }
    else
    { /* block id: 84 */
        uint16_t l_222 = 2UL;
        int32_t l_231 = 0L;
        int32_t ****l_233 = &g_232[1];
        int32_t l_236 = (-6L);
        uint8_t *l_237[6][5];
        struct S3 **l_248 = &g_209;
        int8_t l_267 = (-1L);
        uint32_t l_318[6];
        uint32_t l_324 = 0x2B7C60A0L;
        int32_t l_354 = 0x8E79AB5FL;
        int i, j;
        for (i = 0; i < 6; i++)
        {
            for (j = 0; j < 5; j++)
                l_237[i][j] = &g_220.f0;
        }
        for (i = 0; i < 6; i++)
            l_318[i] = 0x4162AAECL;
        for (g_89 = 0; (g_89 != (-28)); g_89 = safe_sub_func_int32_t_s_s(g_89, 4))
        { /* block id: 87 */
            int8_t l_221[1];
            volatile int8_t * volatile *l_228 = &g_225;
            int i;
            for (i = 0; i < 1; i++)
                l_221[i] = 0x08L;
            for (p_61 = 0; (p_61 == 45); p_61 = safe_add_func_uint64_t_u_u(p_61, 6))
            { /* block id: 90 */
                volatile int8_t * volatile **l_227[4][5] = {{&g_224,&g_224,&g_224,&g_224,&g_224},{&g_224,&g_224,&g_224,&g_224,&g_224},{&g_224,&g_224,&g_224,&g_224,&g_224},{&g_224,&g_224,&g_224,&g_224,&g_224}};
                int i, j;
                l_223 ^= ((*g_185) ^ (((((safe_rshift_func_uint8_t_u_u((((0xFBAC7AF0L < (safe_div_func_int64_t_s_s((((void*)0 != &g_111) | (((safe_sub_func_int64_t_s_s(((g_220 , (void*)0) == &g_72), g_76.f1)) >= p_63.f1) | 9L)), (*l_154)))) , l_221[0]) >= g_104[0][0]), 5)) >= (-7L)) || p_63.f1) < l_222) , 65533UL));
                l_228 = g_224;
            }
        }
        g_76.f1 |= (safe_sub_func_int16_t_s_s((0x61L <= ((l_231 = p_63.f1) , ((*l_154) ^= ((((*l_233) = g_232[1]) == (void*)0) > (l_236 = ((safe_add_func_uint32_t_u_u(((0xADL | p_63.f0) == g_64.f2), 0xECEDB7DDL)) < p_63.f1)))))), (*g_206)));
lbl_358:
        if ((l_238 != l_233))
        { /* block id: 100 */
            uint32_t l_240 = 6UL;
            struct S2 l_243[5] = {{24,2066,4},{24,2066,4},{24,2066,4},{24,2066,4},{24,2066,4}};
            struct S0 * const l_272[3][6] = {{&g_275,(void*)0,&g_275,&g_273,&g_278,&g_278},{&g_276,&g_275,&g_275,&g_276,(void*)0,&g_274[0][2]},{&g_274[0][2],&g_276,&g_278,&g_276,&g_274[0][2],&g_273}};
            int i, j;
            (*l_154) = ((g_239 , p_63.f0) , 0xE16E4E52L);
            if (l_240)
            { /* block id: 102 */
                struct S2 *l_244 = &l_243[1];
                (*g_249) = (safe_mod_func_uint32_t_u_u((((*l_154) = ((((*l_244) = l_243[4]) , (((*p_62)--) ^ ((g_247 , 5UL) , (l_248 == (void*)0)))) || (-5L))) > 0x0541D072L), p_63.f0));
            }
            else
            { /* block id: 107 */
                int8_t l_255 = 0xABL;
                int32_t *l_279 = &l_231;
                int32_t *l_280 = &l_169;
                int32_t *l_281 = &l_171[0];
                int32_t *l_282 = &g_5;
                int32_t *l_283 = &l_236;
                int32_t *l_284 = (void*)0;
                int32_t *l_285 = &g_5;
                int32_t *l_286 = &l_171[0];
                int32_t *l_287 = &l_170;
                int32_t *l_288 = &l_171[1];
                int32_t *l_289[1][2];
                uint16_t l_290 = 0UL;
                int i, j;
                for (i = 0; i < 1; i++)
                {
                    for (j = 0; j < 2; j++)
                        l_289[i][j] = &g_155;
                }
                (*l_154) ^= (((*l_90) = (+((g_239.f5 != l_243[4].f1) & (safe_lshift_func_int16_t_s_u((safe_add_func_int32_t_s_s((l_255 , (p_63.f1 = (-5L))), ((*p_62) |= (l_255 != 0L)))), 1))))) && 1L);
                (*l_154) = (safe_rshift_func_uint8_t_u_s((((safe_div_func_int16_t_s_s((((*g_185)++) | (safe_rshift_func_uint8_t_u_s((g_220 , (!l_255)), (p_63.f0 != ((((l_267 && ((safe_mod_func_uint64_t_u_u((safe_add_func_uint8_t_u_u((((void*)0 != l_272[0][2]) , 251UL), p_63.f2)), p_61)) && 1UL)) != g_278.f2) , (void*)0) != (void*)0))))), p_63.f0)) > l_243[4].f0) > p_63.f1), 3));
                ++l_290;
            }
            (*l_154) |= (((*p_62)--) == (0x529B2F41L <= (p_63.f0 = (((safe_sub_func_int16_t_s_s((*g_206), ((l_243[4].f1 = (((~(safe_div_func_int8_t_s_s((g_273.f2 ^= ((safe_add_func_uint16_t_u_u((safe_mod_func_uint8_t_u_u((&g_224 != l_304[1]), (safe_div_func_uint32_t_u_u((p_63.f2 , g_104[2][0]), 0x3B5687EFL)))), (*g_206))) <= (*g_185))), (-10L)))) & (*g_185)) > p_63.f1)) >= l_243[4].f0))) != p_61) != g_247.f6))));
        }
        else
        { /* block id: 121 */
            (*l_154) ^= p_63.f0;
        }
        if (((safe_div_func_int64_t_s_s((-3L), (safe_rshift_func_int8_t_s_s((!((&g_224 == (void*)0) <= 0xB7683A6DL)), 2)))) ^ (((void*)0 == l_306) != 0xD2L)))
        { /* block id: 124 */
            int16_t l_326 = 0L;
            int32_t *l_327 = &l_169;
            int32_t l_349 = 0x6E505965L;
            int32_t l_350 = 0x33D54592L;
            uint64_t l_355[3][2];
            int i, j;
            for (i = 0; i < 3; i++)
            {
                for (j = 0; j < 2; j++)
                    l_355[i][j] = 0x874029DB8E88A2E1LL;
            }
            for (g_220.f1 = (-22); (g_220.f1 < (-20)); ++g_220.f1)
            { /* block id: 127 */
                uint64_t *l_321[6] = {&g_278.f1,&g_278.f1,&g_278.f1,&g_278.f1,&g_278.f1,&g_278.f1};
                int32_t l_325 = 0L;
                int i;
                l_326 ^= (safe_sub_func_int32_t_s_s(l_318[3], ((*l_154) &= (p_61 && ((*p_62) | ((safe_add_func_uint64_t_u_u((g_277[0][4].f1 = g_277[0][4].f0), ((safe_div_func_uint8_t_u_u((p_63.f1 || p_61), 0xF7L)) && l_324))) ^ l_325))))));
                l_327 = (g_76 , &l_325);
                (*l_327) = (g_328 , (l_321[2] == l_321[2]));
                (*g_196) = (*g_196);
            }
            for (l_207 = 0; (l_207 <= 0); l_207 += 1)
            { /* block id: 137 */
                int32_t ***l_342 = (void*)0;
                int32_t *l_344 = &g_220.f1;
                (*l_344) &= ((safe_sub_func_int32_t_s_s((safe_div_func_uint32_t_u_u((((safe_lshift_func_uint16_t_u_u(p_63.f0, (safe_sub_func_uint16_t_u_u((((g_337 , (((safe_sub_func_int32_t_s_s((p_63.f1 ^= (safe_mod_func_uint32_t_u_u((((*l_238) == l_342) || g_104[1][0]), l_343))), 0xC128384AL)) & p_61) > (*l_154))) | g_220.f5) >= p_61), 0x1063L)))) >= p_63.f0) | (*l_154)), g_337.f0)), (*p_62))) <= 0x9AE7DD1FC34EC1C7LL);
                if (p_61)
                    break;
            }
            for (g_220.f0 = 8; (g_220.f0 > 54); g_220.f0 = safe_add_func_int16_t_s_s(g_220.f0, 8))
            { /* block id: 144 */
                int32_t *l_347 = (void*)0;
                int32_t *l_348[5] = {&l_171[0],&l_171[0],&l_171[0],&l_171[0],&l_171[0]};
                uint32_t l_351 = 0xD22055AEL;
                int i;
                (*g_196) = (*g_196);
                l_236 &= ((*g_249) |= ((*l_154) = p_63.f1));
                --l_351;
                ++l_355[2][0];
            }
        }
        else
        { /* block id: 152 */
            uint64_t l_360 = 0UL;
            if ((*g_249))
            { /* block id: 153 */
                int8_t l_359 = 8L;
                if (g_117.f1)
                    goto lbl_358;
                (*l_154) |= (l_360 ^= l_359);
            }
            else
            { /* block id: 157 */
                uint64_t l_373 = 8UL;
                int32_t l_374 = 0L;
                int32_t *l_375 = (void*)0;
                int32_t *l_376 = &l_354;
                (*l_376) |= ((safe_rshift_func_int8_t_s_u((safe_div_func_int8_t_s_s(((safe_div_func_uint64_t_u_u((safe_div_func_int16_t_s_s(p_63.f0, ((4294967295UL | (((p_63.f2 <= (safe_rshift_func_uint16_t_u_s(((*l_90) = (*l_154)), 2))) && ((l_373 ^= ((safe_sub_func_int8_t_s_s(0x8CL, (-8L))) , (*l_154))) ^ l_374)) && 5UL)) || (*l_154)))), g_105.f6)) >= (*l_154)), (-6L))), p_63.f2)) & g_127);
                return g_377[0][0];
            }
            return g_378;
        }
    }
    for (l_223 = 0; (l_223 <= 2); l_223 += 1)
    { /* block id: 168 */
        if (l_379)
            break;
        p_63.f1 ^= (*l_154);
    }
    return g_380;
}


/* ------------------------------------------ */
/* 
 * reads : g_105 g_110 g_111 g_117 g_75 g_130 g_5 g_129 g_56 g_64.f2 g_134.f2.f6
 * writes: g_26 g_111 g_117 g_75 g_130 g_5
 */
static uint16_t  func_92(int32_t  p_93, int32_t  p_94)
{ /* block id: 12 */
    uint32_t l_98 = 4294967291UL;
    const uint64_t l_114 = 1UL;
    int32_t l_120 = 0xCBDE39F7L;
    int32_t l_122 = 0L;
    int32_t l_123 = 0L;
    int32_t l_125 = 6L;
    uint16_t *l_138 = &g_104[2][0];
    uint16_t **l_137 = &l_138;
    uint32_t *l_150 = &g_75;
    uint32_t **l_149 = &l_150;
    int32_t *l_151[6] = {&l_122,&l_122,&l_125,&l_122,&l_122,&l_125};
    int i;
    for (p_94 = 1; (p_94 >= 0); p_94 -= 1)
    { /* block id: 15 */
        uint16_t **l_101 = (void*)0;
        uint16_t *l_103 = &g_104[1][0];
        uint16_t **l_102 = &l_103;
        const uint16_t *l_107 = &g_108;
        const uint16_t **l_106 = &l_107;
        int8_t *l_109 = &g_26;
        int32_t l_126 = 0x4CA015B2L;
        int32_t l_128 = 0xE97E3D8BL;
        struct S3 *l_135[4];
        int i;
        for (i = 0; i < 4; i++)
            l_135[i] = &g_136[1][1];
        if ((safe_mul_func_int8_t_s_s(((l_98 = 1L) <= ((safe_mod_func_int8_t_s_s(((*l_109) = ((((*l_102) = (void*)0) == ((*l_106) = (g_105 , &g_104[0][0]))) < (0xDBL <= p_94))), 0x89L)) , 0x1FL)), 0x48L)))
        { /* block id: 20 */
            int32_t ** const l_116[2][3] = {{(void*)0,(void*)0,&g_111},{(void*)0,(void*)0,&g_111}};
            int32_t ** const  volatile *l_115 = &l_116[1][1];
            int i, j;
            (*g_110) = &g_5;
            if ((safe_mul_func_uint8_t_u_u(7UL, (l_114 || 0x1355DAA1C1E79BFFLL))))
            { /* block id: 22 */
                l_115 = &g_110;
                if (p_93)
                    continue;
            }
            else
            { /* block id: 25 */
                struct S0 *l_118 = &g_117;
                (*g_110) = (*g_110);
                (*l_118) = g_117;
                return p_94;
            }
        }
        else
        { /* block id: 30 */
            int32_t **l_119 = &g_111;
            int32_t l_124 = 0x57C78B2DL;
            (*l_119) = &p_93;
            for (g_75 = 0; (g_75 <= 1); g_75 += 1)
            { /* block id: 34 */
                int32_t *l_121[4][2] = {{&g_5,&g_5},{&g_5,&g_5},{&g_5,&g_5},{&g_5,&g_5}};
                int i, j;
                --g_130;
            }
        }
        for (l_128 = 1; (l_128 >= 0); l_128 -= 1)
        { /* block id: 40 */
            for (l_126 = 1; (l_126 >= 0); l_126 -= 1)
            { /* block id: 43 */
                struct S3 *l_133[2][5] = {{&g_134,(void*)0,&g_134,(void*)0,&g_134},{&g_134,(void*)0,&g_134,(void*)0,&g_134}};
                int i, j;
                l_135[1] = l_133[0][1];
            }
        }
    }
    (*g_111) ^= p_94;
    (*g_111) &= ((l_137 != &l_138) | (safe_mod_func_int64_t_s_s(g_129, 0xBF7924299DA232D6LL)));
    g_5 |= (g_56 | ((safe_div_func_uint32_t_u_u((safe_mul_func_int16_t_s_s(((safe_div_func_int16_t_s_s(((safe_mul_func_uint8_t_u_u(((((*l_149) = &g_75) != &l_98) > ((g_105.f8 || ((0x398AL ^ g_64.f2) ^ l_120)) ^ 0x19L)), l_125)) >= p_94), l_114)) || g_134.f2.f6), p_93)), 1L)) <= p_93));
    return p_93;
}




/* ---------------------------------------- */
int main (void)
{
    int i, j;
    int print_hash_value = 0;
    platform_main_begin();
    crc32_gentab();
    func_1();
    for (i = 0; i < 2; i++)
    {
        for (j = 0; j < 3; j++)
        {
            transparent_crc(g_2[i][j], "g_2[i][j]", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_5, "g_5", print_hash_value);
    for (i = 0; i < 5; i++)
    {
        for (j = 0; j < 4; j++)
        {
            transparent_crc(g_23[i][j], "g_23[i][j]", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_26, "g_26", print_hash_value);
    transparent_crc(g_56, "g_56", print_hash_value);
    transparent_crc(g_64.f0, "g_64.f0", print_hash_value);
    transparent_crc(g_64.f1, "g_64.f1", print_hash_value);
    transparent_crc(g_64.f2, "g_64.f2", print_hash_value);
    transparent_crc(g_64.f3, "g_64.f3", print_hash_value);
    transparent_crc(g_72, "g_72", print_hash_value);
    transparent_crc(g_75, "g_75", print_hash_value);
    transparent_crc(g_76.f0, "g_76.f0", print_hash_value);
    transparent_crc(g_76.f1, "g_76.f1", print_hash_value);
    transparent_crc(g_76.f2, "g_76.f2", print_hash_value);
    transparent_crc(g_89, "g_89", print_hash_value);
    transparent_crc(g_91, "g_91", print_hash_value);
    for (i = 0; i < 3; i++)
    {
        for (j = 0; j < 1; j++)
        {
            transparent_crc(g_104[i][j], "g_104[i][j]", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_105.f0, "g_105.f0", print_hash_value);
    transparent_crc(g_105.f1, "g_105.f1", print_hash_value);
    transparent_crc(g_105.f2, "g_105.f2", print_hash_value);
    transparent_crc(g_105.f3, "g_105.f3", print_hash_value);
    transparent_crc(g_105.f4, "g_105.f4", print_hash_value);
    transparent_crc(g_105.f5, "g_105.f5", print_hash_value);
    transparent_crc(g_105.f6, "g_105.f6", print_hash_value);
    transparent_crc(g_105.f7, "g_105.f7", print_hash_value);
    transparent_crc(g_105.f8, "g_105.f8", print_hash_value);
    transparent_crc(g_108, "g_108", print_hash_value);
    transparent_crc(g_117.f0, "g_117.f0", print_hash_value);
    transparent_crc(g_117.f1, "g_117.f1", print_hash_value);
    transparent_crc(g_117.f2, "g_117.f2", print_hash_value);
    transparent_crc(g_117.f3, "g_117.f3", print_hash_value);
    transparent_crc(g_127, "g_127", print_hash_value);
    transparent_crc(g_129, "g_129", print_hash_value);
    transparent_crc(g_130, "g_130", print_hash_value);
    transparent_crc(g_134.f0, "g_134.f0", print_hash_value);
    transparent_crc(g_134.f1, "g_134.f1", print_hash_value);
    transparent_crc(g_134.f2.f0, "g_134.f2.f0", print_hash_value);
    transparent_crc(g_134.f2.f1, "g_134.f2.f1", print_hash_value);
    transparent_crc(g_134.f2.f2, "g_134.f2.f2", print_hash_value);
    transparent_crc(g_134.f2.f3, "g_134.f2.f3", print_hash_value);
    transparent_crc(g_134.f2.f4, "g_134.f2.f4", print_hash_value);
    transparent_crc(g_134.f2.f5, "g_134.f2.f5", print_hash_value);
    transparent_crc(g_134.f2.f6, "g_134.f2.f6", print_hash_value);
    transparent_crc(g_134.f2.f7, "g_134.f2.f7", print_hash_value);
    transparent_crc(g_134.f2.f8, "g_134.f2.f8", print_hash_value);
    for (i = 0; i < 3; i++)
    {
        for (j = 0; j < 3; j++)
        {
            transparent_crc(g_136[i][j].f0, "g_136[i][j].f0", print_hash_value);
            transparent_crc(g_136[i][j].f1, "g_136[i][j].f1", print_hash_value);
            transparent_crc(g_136[i][j].f2.f0, "g_136[i][j].f2.f0", print_hash_value);
            transparent_crc(g_136[i][j].f2.f1, "g_136[i][j].f2.f1", print_hash_value);
            transparent_crc(g_136[i][j].f2.f2, "g_136[i][j].f2.f2", print_hash_value);
            transparent_crc(g_136[i][j].f2.f3, "g_136[i][j].f2.f3", print_hash_value);
            transparent_crc(g_136[i][j].f2.f4, "g_136[i][j].f2.f4", print_hash_value);
            transparent_crc(g_136[i][j].f2.f5, "g_136[i][j].f2.f5", print_hash_value);
            transparent_crc(g_136[i][j].f2.f6, "g_136[i][j].f2.f6", print_hash_value);
            transparent_crc(g_136[i][j].f2.f7, "g_136[i][j].f2.f7", print_hash_value);
            transparent_crc(g_136[i][j].f2.f8, "g_136[i][j].f2.f8", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_153, "g_153", print_hash_value);
    transparent_crc(g_155, "g_155", print_hash_value);
    for (i = 0; i < 3; i++)
    {
        for (j = 0; j < 5; j++)
        {
            transparent_crc(g_177[i][j].f0, "g_177[i][j].f0", print_hash_value);
            transparent_crc(g_177[i][j].f1, "g_177[i][j].f1", print_hash_value);
            transparent_crc(g_177[i][j].f2, "g_177[i][j].f2", print_hash_value);
            transparent_crc(g_177[i][j].f3, "g_177[i][j].f3", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_220.f0, "g_220.f0", print_hash_value);
    transparent_crc(g_220.f1, "g_220.f1", print_hash_value);
    transparent_crc(g_220.f2, "g_220.f2", print_hash_value);
    transparent_crc(g_220.f3, "g_220.f3", print_hash_value);
    transparent_crc(g_220.f4, "g_220.f4", print_hash_value);
    transparent_crc(g_220.f5, "g_220.f5", print_hash_value);
    transparent_crc(g_220.f6, "g_220.f6", print_hash_value);
    transparent_crc(g_220.f7, "g_220.f7", print_hash_value);
    transparent_crc(g_220.f8, "g_220.f8", print_hash_value);
    transparent_crc(g_239.f0, "g_239.f0", print_hash_value);
    transparent_crc(g_239.f1, "g_239.f1", print_hash_value);
    transparent_crc(g_239.f2, "g_239.f2", print_hash_value);
    transparent_crc(g_239.f3, "g_239.f3", print_hash_value);
    transparent_crc(g_239.f4, "g_239.f4", print_hash_value);
    transparent_crc(g_239.f5, "g_239.f5", print_hash_value);
    transparent_crc(g_239.f6, "g_239.f6", print_hash_value);
    transparent_crc(g_239.f7, "g_239.f7", print_hash_value);
    transparent_crc(g_239.f8, "g_239.f8", print_hash_value);
    transparent_crc(g_247.f0, "g_247.f0", print_hash_value);
    transparent_crc(g_247.f1, "g_247.f1", print_hash_value);
    transparent_crc(g_247.f2, "g_247.f2", print_hash_value);
    transparent_crc(g_247.f3, "g_247.f3", print_hash_value);
    transparent_crc(g_247.f4, "g_247.f4", print_hash_value);
    transparent_crc(g_247.f5, "g_247.f5", print_hash_value);
    transparent_crc(g_247.f6, "g_247.f6", print_hash_value);
    transparent_crc(g_247.f7, "g_247.f7", print_hash_value);
    transparent_crc(g_247.f8, "g_247.f8", print_hash_value);
    transparent_crc(g_273.f0, "g_273.f0", print_hash_value);
    transparent_crc(g_273.f1, "g_273.f1", print_hash_value);
    transparent_crc(g_273.f2, "g_273.f2", print_hash_value);
    transparent_crc(g_273.f3, "g_273.f3", print_hash_value);
    for (i = 0; i < 1; i++)
    {
        for (j = 0; j < 6; j++)
        {
            transparent_crc(g_274[i][j].f0, "g_274[i][j].f0", print_hash_value);
            transparent_crc(g_274[i][j].f1, "g_274[i][j].f1", print_hash_value);
            transparent_crc(g_274[i][j].f2, "g_274[i][j].f2", print_hash_value);
            transparent_crc(g_274[i][j].f3, "g_274[i][j].f3", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_275.f0, "g_275.f0", print_hash_value);
    transparent_crc(g_275.f1, "g_275.f1", print_hash_value);
    transparent_crc(g_275.f2, "g_275.f2", print_hash_value);
    transparent_crc(g_275.f3, "g_275.f3", print_hash_value);
    transparent_crc(g_276.f0, "g_276.f0", print_hash_value);
    transparent_crc(g_276.f1, "g_276.f1", print_hash_value);
    transparent_crc(g_276.f2, "g_276.f2", print_hash_value);
    transparent_crc(g_276.f3, "g_276.f3", print_hash_value);
    for (i = 0; i < 4; i++)
    {
        for (j = 0; j < 5; j++)
        {
            transparent_crc(g_277[i][j].f0, "g_277[i][j].f0", print_hash_value);
            transparent_crc(g_277[i][j].f1, "g_277[i][j].f1", print_hash_value);
            transparent_crc(g_277[i][j].f2, "g_277[i][j].f2", print_hash_value);
            transparent_crc(g_277[i][j].f3, "g_277[i][j].f3", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_278.f0, "g_278.f0", print_hash_value);
    transparent_crc(g_278.f1, "g_278.f1", print_hash_value);
    transparent_crc(g_278.f2, "g_278.f2", print_hash_value);
    transparent_crc(g_278.f3, "g_278.f3", print_hash_value);
    transparent_crc(g_328.f0, "g_328.f0", print_hash_value);
    transparent_crc(g_328.f1, "g_328.f1", print_hash_value);
    transparent_crc(g_328.f2, "g_328.f2", print_hash_value);
    transparent_crc(g_328.f3, "g_328.f3", print_hash_value);
    transparent_crc(g_337.f0, "g_337.f0", print_hash_value);
    transparent_crc(g_337.f1, "g_337.f1", print_hash_value);
    transparent_crc(g_337.f2, "g_337.f2", print_hash_value);
    transparent_crc(g_337.f3, "g_337.f3", print_hash_value);
    for (i = 0; i < 1; i++)
    {
        for (j = 0; j < 2; j++)
        {
            transparent_crc(g_377[i][j].f0, "g_377[i][j].f0", print_hash_value);
            transparent_crc(g_377[i][j].f1, "g_377[i][j].f1", print_hash_value);
            transparent_crc(g_377[i][j].f2, "g_377[i][j].f2", print_hash_value);
            transparent_crc(g_377[i][j].f3, "g_377[i][j].f3", print_hash_value);
            transparent_crc(g_377[i][j].f4, "g_377[i][j].f4", print_hash_value);
            transparent_crc(g_377[i][j].f5, "g_377[i][j].f5", print_hash_value);
            transparent_crc(g_377[i][j].f6, "g_377[i][j].f6", print_hash_value);
            transparent_crc(g_377[i][j].f7, "g_377[i][j].f7", print_hash_value);
            transparent_crc(g_377[i][j].f8, "g_377[i][j].f8", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_378.f0, "g_378.f0", print_hash_value);
    transparent_crc(g_378.f1, "g_378.f1", print_hash_value);
    transparent_crc(g_378.f2, "g_378.f2", print_hash_value);
    transparent_crc(g_378.f3, "g_378.f3", print_hash_value);
    transparent_crc(g_378.f4, "g_378.f4", print_hash_value);
    transparent_crc(g_378.f5, "g_378.f5", print_hash_value);
    transparent_crc(g_378.f6, "g_378.f6", print_hash_value);
    transparent_crc(g_378.f7, "g_378.f7", print_hash_value);
    transparent_crc(g_378.f8, "g_378.f8", print_hash_value);
    transparent_crc(g_380.f0, "g_380.f0", print_hash_value);
    transparent_crc(g_380.f1, "g_380.f1", print_hash_value);
    transparent_crc(g_380.f2, "g_380.f2", print_hash_value);
    transparent_crc(g_380.f3, "g_380.f3", print_hash_value);
    transparent_crc(g_380.f4, "g_380.f4", print_hash_value);
    transparent_crc(g_380.f5, "g_380.f5", print_hash_value);
    transparent_crc(g_380.f6, "g_380.f6", print_hash_value);
    transparent_crc(g_380.f7, "g_380.f7", print_hash_value);
    transparent_crc(g_380.f8, "g_380.f8", print_hash_value);
    for (i = 0; i < 2; i++)
    {
        for (j = 0; j < 4; j++)
        {
            transparent_crc(g_381[i][j], "g_381[i][j]", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_384, "g_384", print_hash_value);
    for (i = 0; i < 6; i++)
    {
        transparent_crc(g_526[i].f0, "g_526[i].f0", print_hash_value);
        transparent_crc(g_526[i].f1, "g_526[i].f1", print_hash_value);
        transparent_crc(g_526[i].f2, "g_526[i].f2", print_hash_value);
        transparent_crc(g_526[i].f3, "g_526[i].f3", print_hash_value);
        transparent_crc(g_526[i].f4, "g_526[i].f4", print_hash_value);
        transparent_crc(g_526[i].f5, "g_526[i].f5", print_hash_value);
        transparent_crc(g_526[i].f6, "g_526[i].f6", print_hash_value);
        transparent_crc(g_526[i].f7, "g_526[i].f7", print_hash_value);
        transparent_crc(g_526[i].f8, "g_526[i].f8", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    for (i = 0; i < 3; i++)
    {
        transparent_crc(g_550[i], "g_550[i]", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_597.f0, "g_597.f0", print_hash_value);
    transparent_crc(g_597.f1, "g_597.f1", print_hash_value);
    transparent_crc(g_597.f2, "g_597.f2", print_hash_value);
    transparent_crc(g_597.f3, "g_597.f3", print_hash_value);
    transparent_crc(g_597.f4, "g_597.f4", print_hash_value);
    transparent_crc(g_597.f5, "g_597.f5", print_hash_value);
    transparent_crc(g_597.f6, "g_597.f6", print_hash_value);
    transparent_crc(g_597.f7, "g_597.f7", print_hash_value);
    transparent_crc(g_597.f8, "g_597.f8", print_hash_value);
    transparent_crc(g_639.f0, "g_639.f0", print_hash_value);
    transparent_crc(g_639.f1, "g_639.f1", print_hash_value);
    transparent_crc(g_639.f2.f0, "g_639.f2.f0", print_hash_value);
    transparent_crc(g_639.f2.f1, "g_639.f2.f1", print_hash_value);
    transparent_crc(g_639.f2.f2, "g_639.f2.f2", print_hash_value);
    transparent_crc(g_639.f2.f3, "g_639.f2.f3", print_hash_value);
    transparent_crc(g_639.f2.f4, "g_639.f2.f4", print_hash_value);
    transparent_crc(g_639.f2.f5, "g_639.f2.f5", print_hash_value);
    transparent_crc(g_639.f2.f6, "g_639.f2.f6", print_hash_value);
    transparent_crc(g_639.f2.f7, "g_639.f2.f7", print_hash_value);
    transparent_crc(g_639.f2.f8, "g_639.f2.f8", print_hash_value);
    for (i = 0; i < 5; i++)
    {
        transparent_crc(g_649[i], "g_649[i]", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_698.f0, "g_698.f0", print_hash_value);
    transparent_crc(g_698.f1, "g_698.f1", print_hash_value);
    transparent_crc(g_698.f2, "g_698.f2", print_hash_value);
    transparent_crc(g_698.f3, "g_698.f3", print_hash_value);
    for (i = 0; i < 5; i++)
    {
        transparent_crc(g_713[i].f0, "g_713[i].f0", print_hash_value);
        transparent_crc(g_713[i].f1, "g_713[i].f1", print_hash_value);
        transparent_crc(g_713[i].f2, "g_713[i].f2", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_740, "g_740", print_hash_value);
    transparent_crc(g_769.f0, "g_769.f0", print_hash_value);
    transparent_crc(g_769.f1, "g_769.f1", print_hash_value);
    transparent_crc(g_769.f2.f0, "g_769.f2.f0", print_hash_value);
    transparent_crc(g_769.f2.f1, "g_769.f2.f1", print_hash_value);
    transparent_crc(g_769.f2.f2, "g_769.f2.f2", print_hash_value);
    transparent_crc(g_769.f2.f3, "g_769.f2.f3", print_hash_value);
    transparent_crc(g_769.f2.f4, "g_769.f2.f4", print_hash_value);
    transparent_crc(g_769.f2.f5, "g_769.f2.f5", print_hash_value);
    transparent_crc(g_769.f2.f6, "g_769.f2.f6", print_hash_value);
    transparent_crc(g_769.f2.f7, "g_769.f2.f7", print_hash_value);
    transparent_crc(g_769.f2.f8, "g_769.f2.f8", print_hash_value);
    platform_main_end(crc32_context ^ 0xFFFFFFFFUL, print_hash_value);
    return 0;
}

/************************ statistics *************************
XXX max struct depth: 2
breakdown:
   depth: 0, occurrence: 206
   depth: 1, occurrence: 25
   depth: 2, occurrence: 2
XXX total union variables: 0

XXX non-zero bitfields defined in structs: 3
XXX zero bitfields defined in structs: 0
XXX const bitfields defined in structs: 0
XXX volatile bitfields defined in structs: 0
XXX structs with bitfields in the program: 10
breakdown:
   indirect level: 0, occurrence: 10
XXX full-bitfields structs in the program: 10
breakdown:
   indirect level: 0, occurrence: 10
XXX times a bitfields struct's address is taken: 11
XXX times a bitfields struct on LHS: 3
XXX times a bitfields struct on RHS: 15
XXX times a single bitfield on LHS: 8
XXX times a single bitfield on RHS: 41

XXX max expression depth: 25
breakdown:
   depth: 1, occurrence: 207
   depth: 2, occurrence: 40
   depth: 3, occurrence: 7
   depth: 4, occurrence: 3
   depth: 5, occurrence: 2
   depth: 7, occurrence: 1
   depth: 8, occurrence: 2
   depth: 9, occurrence: 4
   depth: 10, occurrence: 2
   depth: 11, occurrence: 5
   depth: 12, occurrence: 8
   depth: 13, occurrence: 1
   depth: 14, occurrence: 2
   depth: 15, occurrence: 2
   depth: 16, occurrence: 5
   depth: 17, occurrence: 1
   depth: 18, occurrence: 3
   depth: 19, occurrence: 2
   depth: 20, occurrence: 1
   depth: 23, occurrence: 1
   depth: 24, occurrence: 1
   depth: 25, occurrence: 1

XXX total number of pointers: 193

XXX times a variable address is taken: 227
XXX times a pointer is dereferenced on RHS: 92
breakdown:
   depth: 1, occurrence: 89
   depth: 2, occurrence: 2
   depth: 3, occurrence: 1
XXX times a pointer is dereferenced on LHS: 115
breakdown:
   depth: 1, occurrence: 112
   depth: 2, occurrence: 3
XXX times a pointer is compared with null: 13
XXX times a pointer is compared with address of another variable: 8
XXX times a pointer is compared with another pointer: 3
XXX times a pointer is qualified to be dereferenced: 2722

XXX max dereference level: 5
breakdown:
   level: 0, occurrence: 0
   level: 1, occurrence: 354
   level: 2, occurrence: 35
   level: 3, occurrence: 3
   level: 4, occurrence: 38
   level: 5, occurrence: 1
XXX number of pointers point to pointers: 65
XXX number of pointers point to scalars: 109
XXX number of pointers point to structs: 19
XXX percent of pointers has null in alias set: 22.3
XXX average alias set size: 1.24

XXX times a non-volatile is read: 519
XXX times a non-volatile is write: 320
XXX times a volatile is read: 46
XXX    times read thru a pointer: 3
XXX times a volatile is write: 19
XXX    times written thru a pointer: 0
XXX times a volatile is available for access: 2.21e+03
XXX percentage of non-volatile access: 92.8

XXX forward jumps: 0
XXX backward jumps: 3

XXX stmts: 193
XXX max block depth: 3
breakdown:
   depth: 0, occurrence: 30
   depth: 1, occurrence: 46
   depth: 2, occurrence: 47
   depth: 3, occurrence: 70

XXX percentage a fresh-made variable is used: 20.7
XXX percentage an existing variable is used: 79.3
FYI: the random generator makes assumptions about the integer size. See platform.info for more details.
********************* end of statistics **********************/

