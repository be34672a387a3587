/*
 * This is a RANDOMLY GENERATED PROGRAM.
 *
 * Generator: csmith 2.3.0
 * Git version: 30dccd7
 * Options:   --seed 115 --no-argc --max-funcs 8 --max-block-depth 3 --max-array-dim 2 --max-array-len-per-dim 6 --max-expr-complexity 6 -o tests/differential/regressions/zero-global-made-constant/program.c
 * Seed:      115
 */

#include "csmith.h"


static long __undefined;

/* --- Struct/Union Declarations --- */
#pragma pack(push)
#pragma pack(1)
struct S0 {
   int16_t  f0;
};
#pragma pack(pop)

#pragma pack(push)
#pragma pack(1)
struct S1 {
   volatile int32_t  f0;
   int32_t  f1;
};
#pragma pack(pop)

struct S2 {
   const volatile unsigned f0 : 22;
   signed f1 : 23;
   unsigned f2 : 26;
   signed f3 : 5;
   signed f4 : 20;
   unsigned f5 : 20;
};

#pragma pack(push)
#pragma pack(1)
struct S3 {
   int32_t  f0;
   unsigned f1 : 4;
   const uint16_t  f2;
   uint32_t  f3;
   uint32_t  f4;
   volatile struct S0  f5;
   volatile int64_t  f6;
   struct S2  f7;
};
#pragma pack(pop)

#pragma pack(push)
#pragma pack(1)
struct S4 {
   volatile int32_t  f0;
   volatile signed f1 : 22;
   signed f2 : 2;
};
#pragma pack(pop)

#pragma pack(push)
#pragma pack(1)
struct S5 {
   unsigned f0 : 24;
   const uint16_t  f1;
   const volatile uint64_t  f2;
   volatile unsigned f3 : 10;
   uint32_t  f4;
   volatile struct S3  f5;
   struct S4  f6;
};
#pragma pack(pop)

struct S6 {
   uint64_t  f0;
   volatile int32_t  f1;
   int16_t  f2;
   struct S2  f3;
   const volatile int16_t  f4;
   struct S4  f5;
   const int8_t  f6;
   const volatile struct S1  f7;
};

struct S7 {
   volatile unsigned f0 : 28;
   const volatile signed f1 : 22;
   volatile int16_t  f2;
   signed f3 : 1;
   volatile signed f4 : 19;
   volatile unsigned f5 : 14;
   unsigned f6 : 3;
   const signed f7 : 10;
};

#pragma pack(push)
#pragma pack(1)
struct S8 {
   struct S6  f0;
   volatile uint64_t  f1;
   volatile int32_t  f2;
   uint16_t  f3;
};
#pragma pack(pop)

struct S9 {
   signed f0 : 29;
   struct S6  f1;
   int32_t  f2;
   volatile int64_t  f3;
   uint64_t  f4;
   const int32_t  f5;
   uint64_t  f6;
   int16_t  f7;
   const struct S4  f8;
};

struct S10 {
   unsigned f0 : 16;
   const unsigned f1 : 30;
   signed f2 : 3;
};

struct S11 {
   const signed f0 : 3;
   unsigned f1 : 16;
   unsigned f2 : 13;
   unsigned f3 : 12;
   unsigned f4 : 18;
};

#pragma pack(push)
#pragma pack(1)
struct S12 {
   int32_t  f0;
   const struct S2  f1;
   struct S0  f2;
   uint16_t  f3;
   uint32_t  f4;
   volatile int32_t  f5;
   struct S2  f6;
};
#pragma pack(pop)

/* --- GLOBAL VARIABLES --- */
static volatile int32_t g_2 = 0L;/* VOLATILE GLOBAL g_2 */
static volatile int32_t g_3 = 0xA0B8914BL;/* VOLATILE GLOBAL g_3 */
static int32_t g_4 = 0L;
static int32_t g_8 = 0xFA2E85C6L;
static int32_t g_42 = 0xAE8BCD06L;
static const struct S3 g_63 = {0x86F2FD6CL,1,0x3DA5L,0x20033C81L,1UL,{-1L},2L,{1281,64,1523,-3,-242,385}};/* VOLATILE GLOBAL g_63 */
static const struct S3 *g_65 = (void*)0;
static const struct S3 ** volatile g_64 = &g_65;/* VOLATILE GLOBAL g_64 */
static struct S5 g_74[6] = {{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}},{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}},{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}},{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}},{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}},{3010,65534UL,1UL,11,0x11D6B667L,{3L,3,0x429BL,18446744073709551615UL,0x912EB575L,{-10L},-6L,{826,-604,5625,2,-277,998}},{0L,-666,-1}}};
static const struct S5 *g_76 = (void*)0;
static const struct S5 ** volatile g_75 = &g_76;/* VOLATILE GLOBAL g_75 */
static int64_t g_87 = 0L;
static struct S5 g_90 = {3509,0x77F7L,6UL,2,4294967288UL,{0L,0,0x051DL,18446744073709551615UL,0UL,{0x38C5L},-3L,{2010,-1619,3323,0,855,928}},{0xA97E9661L,-1734,-1}};/* VOLATILE GLOBAL g_90 */
static struct S0 g_118 = {0x9968L};
static struct S0 * const  volatile g_117[1][5] = {{&g_118,&g_118,&g_118,&g_118,&g_118}};
static struct S0 * volatile g_119[2] = {&g_118,&g_118};
static int32_t *g_121 = &g_42;
static uint8_t g_130 = 9UL;
static uint8_t g_132 = 0x8BL;
static uint16_t g_137 = 65533UL;
static volatile struct S1 g_141[3] = {{0x447B9B5BL,-2L},{0x447B9B5BL,-2L},{0x447B9B5BL,-2L}};
static int16_t g_154 = 2L;
static int8_t g_169 = 0xDDL;
static struct S6 g_174 = {1UL,4L,0xB20DL,{801,-1762,4622,2,-788,934},-1L,{0xEBA7B4AAL,1899,-0},0x14L,{0L,0x10DCD9A7L}};/* VOLATILE GLOBAL g_174 */
static int32_t * volatile g_177 = &g_8;/* VOLATILE GLOBAL g_177 */
static struct S9 g_189[1][1] = {{{16497,{0UL,0xC6D3135CL,0xD6AAL,{1719,732,1465,1,770,566},8L,{-7L,-276,1},-1L,{0xF63CB30FL,5L}},1L,6L,18446744073709551615UL,0x2D85002BL,18446744073709551611UL,4L,{1L,612,-0}}}};
static struct S5 g_198 = {2902,65535UL,0x6782D4856E435CB9LL,3,0UL,{0x9A5E658FL,0,0xA603L,0xA4C61F64L,4294967287UL,{-1L},0x21A80C49828A8D11LL,{1131,2080,5833,3,626,517}},{1L,-693,0}};/* VOLATILE GLOBAL g_198 */
static struct S5 *g_197 = &g_198;
static volatile uint32_t g_219 = 0x71E5D399L;/* VOLATILE GLOBAL g_219 */
static struct S3 g_224 = {0xB97761C8L,1,0xD3D0L,0xA2805567L,0x357CCE11L,{-4L},0xD7F5C1E2BF00EEE7LL,{821,-968,4374,0,852,738}};/* VOLATILE GLOBAL g_224 */
static struct S12 g_231[1] = {{0x2EC4304AL,{1958,463,721,-0,189,559},{0x6A99L},0UL,2UL,9L,{1537,-2889,372,-3,382,988}}};
static volatile int32_t * volatile g_242 = &g_174.f1;/* VOLATILE GLOBAL g_242 */
static volatile int32_t * volatile *g_241 = &g_242;
static volatile int32_t * volatile ** volatile g_240 = &g_241;/* VOLATILE GLOBAL g_240 */
static struct S5 g_272 = {2577,5UL,8UL,13,0x79E6D120L,{0xF2733219L,2,65535UL,18446744073709551613UL,0xBD396D2FL,{0L},0xE7C1A4845918BFF6LL,{51,-1675,5325,2,358,114}},{1L,-1108,1}};/* VOLATILE GLOBAL g_272 */
static volatile struct S1 g_290 = {0x79A8E91AL,0xCB9D5FF2L};/* VOLATILE GLOBAL g_290 */
static struct S7 g_292 = {10076,-1546,1L,0,-164,24,0,-21};/* VOLATILE GLOBAL g_292 */
static struct S7 g_295 = {15452,-1207,0xC74AL,-0,-470,73,0,19};/* VOLATILE GLOBAL g_295 */
static struct S7 *g_294 = &g_295;
static struct S7 g_320 = {3068,-1049,0xCB84L,-0,-279,38,1,14};/* VOLATILE GLOBAL g_320 */
static int32_t ** volatile g_353 = &g_121;/* VOLATILE GLOBAL g_353 */
static struct S1 g_354 = {0x92EAE5FFL,1L};/* VOLATILE GLOBAL g_354 */
static struct S1 g_355 = {0xC0A6A74FL,0L};/* VOLATILE GLOBAL g_355 */
static volatile int16_t * volatile g_362 = &g_292.f2;/* VOLATILE GLOBAL g_362 */
static volatile int16_t * volatile * volatile g_361 = &g_362;/* VOLATILE GLOBAL g_361 */
static volatile int16_t * volatile * volatile * volatile g_363 = &g_361;/* VOLATILE GLOBAL g_363 */
static struct S3 *g_400 = (void*)0;
static struct S3 **g_399 = &g_400;
static struct S0 * volatile g_403 = &g_118;/* VOLATILE GLOBAL g_403 */
static int32_t **g_413 = &g_121;
static int32_t ***g_412 = &g_413;
static struct S5 g_425 = {873,0x2D30L,0xF0EE2E3E7C1001F0LL,18,0xDE9B5D5FL,{0x8217C66BL,2,65535UL,18446744073709551612UL,0xC69CE4A3L,{0x4C0CL},0x20EB03056439E30CLL,{1326,-339,7569,-0,-333,506}},{7L,1844,1}};/* VOLATILE GLOBAL g_425 */
static struct S0 * volatile g_448 = &g_231[0].f2;/* VOLATILE GLOBAL g_448 */
static struct S1 *g_450 = (void*)0;
static volatile struct S8 g_467 = {{3UL,0x6CAF69ACL,-1L,{182,-1245,5742,2,23,920},0x25B2L,{0L,345,-0},0xABL,{1L,1L}},18446744073709551613UL,0x7217BD38L,65526UL};/* VOLATILE GLOBAL g_467 */
static volatile struct S1 g_474 = {0x1518565FL,0x9A7608D5L};/* VOLATILE GLOBAL g_474 */
static volatile struct S2 g_477 = {1855,1256,77,-1,692,733};/* VOLATILE GLOBAL g_477 */
static volatile int16_t g_481 = 0L;/* VOLATILE GLOBAL g_481 */
static struct S1 **g_495 = &g_450;
static struct S1 *** volatile g_494 = &g_495;/* VOLATILE GLOBAL g_494 */
static volatile struct S4 *g_514[6] = {(void*)0,(void*)0,(void*)0,(void*)0,(void*)0,(void*)0};
static const volatile struct S1 g_520[1] = {{0xA89C609CL,-10L}};
static struct S11 g_533 = {-0,165,67,50,390};
static struct S6 g_536 = {18446744073709551610UL,0x7F7F6D7CL,0x5FA1L,{1240,1817,5723,1,858,260},-1L,{-10L,928,0},-5L,{0xCEDD035EL,0x6F9E32B7L}};/* VOLATILE GLOBAL g_536 */
static struct S2 g_547 = {1569,1986,4623,-2,61,766};/* VOLATILE GLOBAL g_547 */
static struct S4 g_554 = {0x5BFDEDE5L,-1669,1};/* VOLATILE GLOBAL g_554 */
static struct S4 *g_553 = &g_554;
static struct S4 **g_552 = &g_553;
static volatile struct S1 g_559 = {0x04988D9AL,8L};/* VOLATILE GLOBAL g_559 */
static const struct S3 ** volatile g_561 = &g_65;/* VOLATILE GLOBAL g_561 */
static struct S12 g_562 = {9L,{709,-1112,52,4,468,409},{0x5C49L},0UL,0x7BA44568L,0x6EFE2634L,{1602,-2852,7966,-0,-70,680}};/* VOLATILE GLOBAL g_562 */


/* --- FORWARD DECLARATIONS --- */
static struct S12  func_1(void);
static struct S12  func_10(struct S10  p_11, int32_t * p_12, struct S10  p_13, int32_t * p_14);
static struct S10  func_15(int32_t * p_16, int32_t * p_17, int64_t  p_18, const int16_t  p_19, int32_t * p_20);
static uint8_t  func_29(uint32_t  p_30);
static int32_t ** func_34(int32_t * p_35, int32_t ** const  p_36);
static int32_t * func_37(const int8_t  p_38);
static int32_t  func_46(int16_t  p_47, int32_t ** p_48, int32_t  p_49);
static struct S0  func_77(uint32_t  p_78, int8_t  p_79, struct S5 * p_80, int32_t  p_81, int16_t  p_82);


/* --- FUNCTIONS --- */
/* ------------------------------------------ */
/* 
 * reads : g_4 g_3 g_189.f8.f2 g_241 g_242 g_413 g_189.f1.f5.f1 g_174.f1 g_189.f0 g_121 g_8 g_42 g_90.f1 g_403 g_118 g_448 g_467 g_90.f4 g_224.f7.f5 g_177 g_474 g_412 g_240 g_477 g_90.f5.f2 g_425.f4 g_320.f7 g_231 g_174.f3.f2 g_353 g_494 g_63.f2 g_169 g_132 g_189.f1.f6 g_189.f1.f3.f1 g_514 g_520 g_198.f5.f6 g_224.f0 g_189.f3 g_362 g_292.f2 g_74.f6.f2 g_533 g_90.f5.f0 g_130 g_552 g_320.f6 g_63.f7.f4 g_425.f6.f2 g_559 g_64 g_65 g_561 g_562
 * writes: g_4 g_2 g_8 g_42 g_154 g_174.f1 g_121 g_224.f0 g_231.f2 g_450 g_224.f3 g_189.f6 g_425.f4 g_412 g_495 g_169 g_132 g_514 g_242 g_552 g_231.f0 g_474 g_65
 */
static struct S12  func_1(void)
{ /* block id: 0 */
    const uint16_t *l_496 = &g_137;
    uint16_t *l_497 = &g_231[0].f3;
    int32_t l_500[2];
    int32_t ****l_528 = (void*)0;
    struct S6 *l_535 = &g_536;
    int8_t l_540 = 0L;
    struct S2 *l_545[5] = {(void*)0,(void*)0,(void*)0,(void*)0,(void*)0};
    int i;
    for (i = 0; i < 2; i++)
        l_500[i] = 0x1AB5B8A4L;
    for (g_4 = 9; (g_4 != 7); --g_4)
    { /* block id: 3 */
        int32_t *l_7[1];
        uint32_t l_9 = 0x1B1996FCL;
        int8_t *l_498 = &g_169;
        uint8_t *l_499 = &g_132;
        uint8_t l_501 = 0x25L;
        int16_t *l_502 = &g_154;
        int32_t *l_503 = &g_231[0].f0;
        struct S10 l_512 = {244,22897,-1};
        int i;
        for (i = 0; i < 1; i++)
            l_7[i] = &g_8;
        g_2 = 4L;
        if ((l_9 <= ((func_10(func_15((((*l_502) = ((safe_lshift_func_int8_t_s_s(((safe_add_func_int64_t_s_s((safe_add_func_int64_t_s_s((((((((*l_499) |= (((safe_div_func_uint8_t_u_u(func_29(g_3), g_63.f2)) , func_37(((*l_498) ^= (l_496 == l_497)))) != (void*)0)) == l_500[1]) && 0x77L) , l_501) <= l_500[1]) >= (-4L)), g_189[0][0].f1.f6)), l_500[1])) < 0x81L), g_189[0][0].f1.f3.f1)) | g_231[0].f1.f1)) , (void*)0), &g_4, g_231[0].f6.f4, l_500[1], l_503), &l_500[1], l_512, l_7[0]) , (void*)0) == (void*)0)))
        { /* block id: 295 */
            int8_t l_513 = 9L;
            volatile struct S4 **l_515[1];
            int i;
            for (i = 0; i < 1; i++)
                l_515[i] = &g_514[4];
            if (l_513)
                break;
            g_514[4] = g_514[4];
        }
        else
        { /* block id: 298 */
            (**g_241) = (*g_121);
        }
    }
    (*g_241) = (*g_241);
    (**g_413) = (safe_mul_func_uint16_t_u_u((safe_mul_func_uint8_t_u_u((g_514[5] != (void*)0), ((g_520[0] , (((l_500[1] < g_198.f5.f6) , g_231[0].f6.f0) <= 0xA3B5L)) <= 1UL))), g_231[0].f1.f3));
    for (g_224.f0 = (-21); (g_224.f0 <= (-16)); g_224.f0 = safe_add_func_int64_t_s_s(g_224.f0, 6))
    { /* block id: 306 */
        uint32_t l_530 = 0x6E9230E4L;
        struct S6 *l_534[4] = {(void*)0,(void*)0,(void*)0,(void*)0};
        int32_t l_538 = 0L;
        int32_t l_539[2][6] = {{(-1L),(-1L),(-1L),(-1L),(-1L),(-1L)},{(-1L),(-1L),(-1L),(-1L),(-1L),(-1L)}};
        int i, j;
        for (g_132 = 0; (g_132 <= 21); g_132 = safe_add_func_uint8_t_u_u(g_132, 4))
        { /* block id: 309 */
            int32_t * const *l_527 = &g_121;
            int32_t * const **l_526 = &l_527;
            int32_t * const ***l_525[4] = {&l_526,&l_526,&l_526,&l_526};
            int32_t *****l_529 = &l_528;
            uint32_t l_537[5][2] = {{4294967287UL,4294967287UL},{4294967287UL,4294967287UL},{4294967287UL,4294967287UL},{4294967287UL,4294967287UL},{4294967287UL,4294967287UL}};
            int i, j;
            if (((g_189[0][0].f3 == (l_525[3] != ((*l_529) = l_528))) || (l_530 && (((l_534[3] = (((safe_sub_func_int8_t_s_s((((0x0F5654CCL >= 1L) ^ l_530) < (*g_362)), g_74[2].f6.f2)) , g_533) , &g_174)) == l_535) ^ l_537[2][0]))))
            { /* block id: 312 */
                int32_t l_541 = 0x807D1034L;
                uint16_t l_542 = 0x16C0L;
                struct S2 *l_546 = &g_547;
                struct S4 ***l_555 = &g_552;
                int64_t *l_556[4][4];
                int i, j;
                for (i = 0; i < 4; i++)
                {
                    for (j = 0; j < 4; j++)
                        l_556[i][j] = &g_87;
                }
                ++l_542;
                l_546 = l_545[4];
                g_231[0].f0 |= (g_90.f5.f0 == ((((safe_lshift_func_uint16_t_u_u((g_130 & (safe_sub_func_uint64_t_u_u((((((***l_526) = (((*l_555) = g_552) == &g_514[3])) ^ (safe_sub_func_int32_t_s_s(0x700C4C96L, g_320.f6))) >= l_539[0][3]) ^ 0xF9DE0ED1DDD78507LL), 0x41027FD40E04E65BLL))), 2)) | 2UL) > g_63.f7.f4) ^ g_425.f6.f2));
            }
            else
            { /* block id: 318 */
                volatile struct S1 *l_560 = &g_474;
                (**g_413) ^= 1L;
                (*l_560) = g_559;
                if ((**g_353))
                    continue;
                (*g_561) = (*g_64);
            }
        }
    }
    return g_562;
}


/* ------------------------------------------ */
/* 
 * reads : g_231
 * writes:
 */
static struct S12  func_10(struct S10  p_11, int32_t * p_12, struct S10  p_13, int32_t * p_14)
{ /* block id: 293 */
    return g_231[0];
}


/* ------------------------------------------ */
/* 
 * reads : g_413 g_121 g_8
 * writes: g_8
 */
static struct S10  func_15(int32_t * p_16, int32_t * p_17, int64_t  p_18, const int16_t  p_19, int32_t * p_20)
{ /* block id: 289 */
    uint32_t l_504 = 0x90376695L;
    int32_t l_505[6][2] = {{0x383035BBL,0x383035BBL},{0x383035BBL,0x383035BBL},{0x383035BBL,0x383035BBL},{0x383035BBL,0x383035BBL},{0x383035BBL,0x383035BBL},{0x383035BBL,0x383035BBL}};
    int32_t *l_506 = (void*)0;
    int32_t *l_507[6][6] = {{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8},{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8},{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8},{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8},{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8},{&g_8,&g_4,&g_8,&g_8,&g_4,&g_8}};
    uint8_t l_508 = 1UL;
    struct S10 l_511[1] = {{67,31406,1}};
    int i, j;
    (**g_413) |= l_504;
    l_508--;
    return l_511[0];
}


/* ------------------------------------------ */
/* 
 * reads : g_4 g_189.f8.f2 g_241 g_242 g_413 g_189.f1.f5.f1 g_174.f1 g_189.f0 g_121 g_8 g_42 g_90.f1 g_403 g_118 g_448 g_224.f3 g_467 g_90.f4 g_224.f7.f5 g_177 g_474 g_412 g_240 g_477 g_90.f5.f2 g_425.f4 g_320.f7 g_231 g_174.f3.f2 g_353 g_494 g_224.f0
 * writes: g_8 g_42 g_154 g_174.f1 g_121 g_224.f0 g_231.f2 g_450 g_224.f3 g_189.f6 g_425.f4 g_412 g_495
 */
static uint8_t  func_29(uint32_t  p_30)
{ /* block id: 5 */
    int32_t *l_31[1];
    uint8_t *l_270 = &g_132;
    struct S5 *l_271 = &g_272;
    struct S0 l_330[4] = {{-1L},{-1L},{-1L},{-1L}};
    struct S11 l_365 = {1,149,21,27,366};
    const int64_t l_444 = 0L;
    struct S1 **l_493 = &g_450;
    int i;
    for (i = 0; i < 1; i++)
        l_31[i] = &g_8;
    if ((((void*)0 != l_31[0]) , g_4))
    { /* block id: 6 */
        const int32_t l_39 = 0x0224C6ACL;
        int32_t l_289 = 0x6C29DB64L;
        uint16_t *l_305[1];
        int32_t l_306 = 0xC0871565L;
        int32_t l_315[1];
        int64_t * const l_322 = &g_87;
        int16_t l_390 = 2L;
        struct S0 l_392 = {0xE825L};
        struct S5 *l_397 = &g_272;
        int32_t ***l_415 = &g_413;
        int i;
        for (i = 0; i < 1; i++)
            l_305[i] = &g_231[0].f3;
        for (i = 0; i < 1; i++)
            l_315[i] = (-3L);
    }
    else
    { /* block id: 236 */
        int16_t l_428[5][4];
        int32_t l_429 = 0L;
        int32_t l_453 = 0xC8FBF906L;
        int32_t l_456 = 1L;
        int32_t l_457 = 0xDCF840EBL;
        struct S0 *l_491 = &l_330[0];
        int32_t ***l_492 = (void*)0;
        int i, j;
        for (i = 0; i < 5; i++)
        {
            for (j = 0; j < 4; j++)
                l_428[i][j] = 0xA97EL;
        }
        if (l_428[1][3])
        { /* block id: 237 */
            uint8_t l_430[3][4];
            int i, j;
            for (i = 0; i < 3; i++)
            {
                for (j = 0; j < 4; j++)
                    l_430[i][j] = 0x0BL;
            }
            ++l_430[0][1];
        }
        else
        { /* block id: 239 */
lbl_447:
            (*g_413) = func_37(g_189[0][0].f8.f2);
        }
        if ((((safe_rshift_func_uint16_t_u_s(0xD100L, (safe_unary_minus_func_int32_t_s(((safe_sub_func_int32_t_s_s(((p_30 != (((l_429 = (safe_sub_func_int64_t_s_s((-1L), (safe_div_func_int16_t_s_s(((g_189[0][0].f1.f5.f1 || ((safe_rshift_func_uint16_t_u_u(((l_330[3] , (void*)0) != (void*)0), l_444)) == (**g_241))) >= p_30), 0x29C3L))))) <= 6L) < g_189[0][0].f0)) , p_30), (**g_413))) == g_90.f1))))) | p_30) | 1UL))
        { /* block id: 243 */
            int64_t l_451 = (-8L);
            int32_t l_452 = 0xB93F4611L;
            int32_t l_454 = 0x279D9084L;
            int32_t l_455 = 0xCF8B8B67L;
            uint32_t l_458 = 0x8D785233L;
            for (g_224.f0 = 20; (g_224.f0 != 20); g_224.f0 = safe_add_func_uint16_t_u_u(g_224.f0, 5))
            { /* block id: 246 */
                struct S1 * const l_449 = &g_355;
                if (p_30)
                    break;
                if (g_42)
                    goto lbl_447;
                (*g_448) = (*g_403);
                g_450 = l_449;
            }
            --l_458;
            for (g_224.f3 = 22; (g_224.f3 >= 50); g_224.f3 = safe_add_func_uint8_t_u_u(g_224.f3, 8))
            { /* block id: 255 */
                (*g_177) = (l_457 ^= (safe_mul_func_int8_t_s_s((l_429 = (safe_mul_func_int8_t_s_s((0xF871A29FL & ((l_455 = (g_467 , (l_452 = 0L))) , g_90.f4)), (safe_add_func_int32_t_s_s((**g_413), g_224.f7.f5))))), l_428[1][3])));
            }
        }
        else
        { /* block id: 262 */
            uint64_t *l_475 = &g_189[0][0].f6;
            int32_t l_479 = 9L;
            uint16_t l_483 = 0x138DL;
            l_457 &= (safe_add_func_uint64_t_u_u(p_30, ((*l_475) = (safe_sub_func_int16_t_s_s(0L, (&l_444 == (g_474 , &l_444)))))));
            if ((**g_241))
            { /* block id: 265 */
                (**g_241) ^= p_30;
            }
            else
            { /* block id: 267 */
                uint32_t l_476 = 0x1023BFFEL;
                uint32_t *l_478 = &g_425.f4;
                int32_t l_482 = 0x9C38570DL;
                l_476 |= (*g_177);
                if (p_30)
                    goto lbl_480;
lbl_480:
                (*g_177) = (((***g_412) | (((*g_240) != (void*)0) , ((0xD965L > (((*l_478) |= (g_477 , g_90.f5.f2)) == (-5L))) | l_479))) | g_320.f7);
                if (g_8)
                    goto lbl_486;
lbl_486:
                l_483--;
                (**g_412) = func_37(((-8L) < (l_479 && (safe_mod_func_uint32_t_u_u((((safe_rshift_func_int8_t_s_u(((g_231[0] , &g_118) == l_491), g_174.f3.f2)) & l_453) ^ 0xE2L), 4294967295UL)))));
            }
            l_479 &= 1L;
            g_412 = (l_492 = &g_413);
        }
        (**g_412) = (*g_353);
        (*g_494) = l_493;
    }
    (**g_412) = l_31[0];
    (**g_412) = (*g_413);
    return g_231[0].f6.f3;
}


/* ------------------------------------------ */
/* 
 * reads :
 * writes:
 */
static int32_t ** func_34(int32_t * p_35, int32_t ** const  p_36)
{ /* block id: 140 */
    struct S6 *l_261 = (void*)0;
    struct S6 **l_262 = (void*)0;
    struct S6 **l_263 = &l_261;
    struct S6 *l_265 = &g_174;
    struct S6 **l_264 = &l_265;
    (*l_264) = ((*l_263) = l_261);
    return &g_121;
}


/* ------------------------------------------ */
/* 
 * reads : g_8 g_4 g_154 g_241 g_242
 * writes: g_8 g_42 g_154 g_174.f1
 */
static int32_t * func_37(const int8_t  p_38)
{ /* block id: 11 */
    int16_t *l_173 = &g_118.f0;
    int32_t l_175 = 0x082B051EL;
    int32_t *l_199 = &l_175;
    int32_t l_206 = 2L;
    int32_t l_207 = (-1L);
    int32_t l_209 = 0x16B20811L;
    int32_t l_211 = 8L;
    int32_t l_217 = (-2L);
    int32_t l_218[5][5] = {{3L,9L,0x2C812635L,3L,0x2C812635L},{3L,3L,(-1L),0L,2L},{0xEA3A68A8L,2L,0x2C812635L,0x2C812635L,2L},{2L,9L,0xEA3A68A8L,2L,0x2C812635L},{0L,2L,(-1L),2L,0L}};
    const struct S3 **l_225 = &g_65;
    const uint16_t l_227 = 0x5438L;
    uint64_t l_257 = 0x0B4A32D14049741ALL;
    uint32_t l_258 = 4294967289UL;
    int i, j;
    for (g_8 = 7; (g_8 >= 24); ++g_8)
    { /* block id: 14 */
        uint32_t l_50 = 0x631C0487L;
        int32_t *l_52 = &g_4;
        int32_t **l_51 = &l_52;
        int32_t l_172 = 0L;
        if (g_4)
            break;
        for (g_42 = 1; (g_42 >= (-24)); g_42 = safe_sub_func_int32_t_s_s(g_42, 9))
        { /* block id: 18 */
            int32_t *l_45[3];
            int i;
            for (i = 0; i < 3; i++)
                l_45[i] = &g_4;
            return l_45[1];
        }
        if (p_38)
            continue;
    }
    for (g_154 = 1; (g_154 >= 0); g_154 -= 1)
    { /* block id: 99 */
        uint8_t l_191 = 0xA1L;
        struct S0 l_196 = {1L};
        int16_t l_208 = (-1L);
        int32_t l_210 = 0x746B5DDDL;
        int32_t l_212 = 0x9967F3BFL;
        int32_t l_213 = 0x438D1303L;
        int32_t l_214 = 0x35AD8DE2L;
        int32_t l_215 = 0xAE1D1789L;
        int32_t l_216[6] = {0x7ADF25A9L,(-9L),0x7ADF25A9L,0x7ADF25A9L,(-9L),0x7ADF25A9L};
        int32_t **l_244[1];
        int32_t ***l_243 = &l_244[0];
        int i;
        for (i = 0; i < 1; i++)
            l_244[i] = (void*)0;
    }
    (**g_241) = (*l_199);
    return &g_8;
}


/* ------------------------------------------ */
/* 
 * reads : g_42 g_3 g_4 g_64 g_75 g_74.f5.f7.f3 g_90.f6.f2 g_74.f6.f1 g_63.f7.f4 g_90.f4 g_63.f1 g_63.f7.f2 g_74.f6.f2 g_74.f5.f5 g_74.f5.f7.f2 g_121 g_137 g_141 g_90.f5.f7.f2 g_74.f1 g_63.f7.f5 g_63.f7.f1
 * writes: g_42 g_65 g_3 g_76 g_118 g_121 g_130 g_132 g_90.f6.f2 g_137 g_90.f4
 */
static int32_t  func_46(int16_t  p_47, int32_t ** p_48, int32_t  p_49)
{ /* block id: 22 */
    int32_t **l_55 = (void*)0;
    int32_t ***l_54[5][3] = {{&l_55,&l_55,&l_55},{&l_55,&l_55,&l_55},{&l_55,&l_55,&l_55},{&l_55,&l_55,&l_55},{&l_55,&l_55,&l_55}};
    int32_t ****l_53 = &l_54[3][0];
    const struct S5 *l_73[3];
    const uint8_t l_126 = 255UL;
    uint16_t *l_158 = (void*)0;
    struct S11 l_165 = {0,16,8,22,34};
    int i, j;
    for (i = 0; i < 3; i++)
        l_73[i] = &g_74[2];
    (*l_53) = (void*)0;
    if (((void*)0 != p_48))
    { /* block id: 24 */
        uint32_t l_88[6] = {4294967294UL,8UL,4294967294UL,4294967294UL,8UL,4294967294UL};
        struct S5 *l_89 = &g_90;
        int i;
        for (g_42 = 0; (g_42 <= 15); g_42 = safe_add_func_uint16_t_u_u(g_42, 3))
        { /* block id: 27 */
            uint8_t l_58 = 0x87L;
            int32_t l_61[6][2] = {{(-1L),(-1L)},{(-1L),(-1L)},{(-1L),(-1L)},{(-1L),(-1L)},{(-1L),(-1L)},{(-1L),(-1L)}};
            int i, j;
            if (g_3)
            { /* block id: 28 */
                ++l_58;
                l_61[2][1] ^= (p_49 , (**p_48));
            }
            else
            { /* block id: 31 */
                const struct S3 *l_62[5][3] = {{&g_63,&g_63,&g_63},{&g_63,&g_63,&g_63},{&g_63,&g_63,&g_63},{&g_63,&g_63,&g_63},{&g_63,&g_63,&g_63}};
                int i, j;
                (*g_64) = l_62[2][1];
                g_3 = (**p_48);
            }
            for (p_47 = (-27); (p_47 == 22); ++p_47)
            { /* block id: 37 */
                if ((**p_48))
                    break;
            }
        }
        for (p_47 = (-30); (p_47 < (-5)); p_47 = safe_add_func_uint8_t_u_u(p_47, 8))
        { /* block id: 43 */
            int32_t *l_70 = &g_42;
            l_70 = (void*)0;
            for (p_49 = 0; (p_49 == (-15)); p_49 = safe_sub_func_uint64_t_u_u(p_49, 9))
            { /* block id: 47 */
                int64_t *l_86[2];
                struct S0 *l_120 = &g_118;
                int i;
                for (i = 0; i < 2; i++)
                    l_86[i] = &g_87;
                (*g_75) = l_73[1];
                (*l_120) = func_77(((safe_rshift_func_uint16_t_u_u((((p_49 ^ (!0x34A4L)) && g_74[2].f5.f7.f3) & (l_88[3] = (-4L))), 5)) != (-4L)), g_4, l_89, g_90.f6.f2, p_47);
            }
        }
        g_121 = (*p_48);
    }
    else
    { /* block id: 60 */
        int32_t l_148 = 0x3BB9ED89L;
        int16_t *l_152 = &g_118.f0;
        int16_t *l_153[6][6] = {{&g_154,&g_154,&g_154,(void*)0,&g_154,(void*)0},{&g_154,&g_154,&g_154,&g_154,&g_154,&g_154},{&g_154,(void*)0,&g_154,(void*)0,&g_154,&g_154},{&g_154,&g_154,&g_154,&g_154,&g_154,(void*)0},{&g_154,(void*)0,&g_154,&g_154,(void*)0,(void*)0},{&g_154,&g_154,&g_154,&g_154,&g_154,&g_154}};
        struct S0 l_157[3] = {{0xEA19L},{0xEA19L},{0xEA19L}};
        int32_t l_159 = 0xB477BFD4L;
        int32_t l_160 = 0xCF57D4F5L;
        int32_t l_170 = (-1L);
        int32_t l_171[4];
        int i, j;
        for (i = 0; i < 4; i++)
            l_171[i] = 0xBB080F59L;
        for (g_42 = 0; (g_42 <= 1); g_42 += 1)
        { /* block id: 63 */
            uint8_t *l_129 = &g_130;
            uint8_t *l_131[1][5];
            uint16_t *l_135 = (void*)0;
            uint16_t *l_136 = &g_137;
            int32_t l_143 = 0L;
            int i, j;
            for (i = 0; i < 1; i++)
            {
                for (j = 0; j < 5; j++)
                    l_131[i][j] = &g_132;
            }
            g_90.f6.f2 &= (4UL > ((g_132 = ((*l_129) = (0xC723E32BL ^ ((0x53FBE9BACE15F6FDLL | ((safe_lshift_func_int8_t_s_s((l_126 | (safe_sub_func_int16_t_s_s((((p_49 >= p_49) , g_63.f7.f2) | g_74[2].f5.f7.f2), p_49))), 4)) && 0xAFFCL)) == (*g_121))))) | 0xFAL));
            if ((g_90.f6.f2 = (((--(*l_136)) , (g_130 = ((void*)0 != &g_130))) == 0UL)))
            { /* block id: 70 */
                struct S11 l_140 = {-1,98,60,39,37};
                uint16_t *l_142 = &g_137;
                g_90.f6.f2 ^= (l_140 , (((g_141[2] , &g_137) != l_142) == g_63.f7.f4));
            }
            else
            { /* block id: 72 */
                return l_143;
            }
        }
        l_160 = (safe_mod_func_uint64_t_u_u(((safe_mod_func_uint16_t_u_u((((l_148 ^ (safe_unary_minus_func_uint16_t_u((g_42 && g_90.f5.f7.f2)))) == (safe_mul_func_int8_t_s_s(((p_47 &= ((*l_152) = 0xAEA5L)) >= (((safe_div_func_int64_t_s_s((l_157[1] , g_74[2].f1), g_63.f7.f5)) , l_158) != l_152)), l_159))) | 1UL), (-1L))) & l_157[1].f0), 1L));
        for (p_47 = (-30); (p_47 == (-7)); p_47 = safe_add_func_int16_t_s_s(p_47, 3))
        { /* block id: 81 */
            int32_t **l_164 = &g_121;
            for (g_90.f4 = 0; (g_90.f4 <= 2); g_90.f4 += 1)
            { /* block id: 84 */
                int8_t *l_168[4][6] = {{&g_169,&g_169,&g_169,&g_169,&g_169,&g_169},{(void*)0,&g_169,&g_169,&g_169,(void*)0,&g_169},{&g_169,(void*)0,&g_169,&g_169,(void*)0,&g_169},{&g_169,&g_169,&g_169,(void*)0,&g_169,&g_169}};
                int i, j;
                l_171[0] |= ((&g_137 != ((!(l_170 = (((p_48 = l_164) == (void*)0) == (l_160 = (l_165 , (((safe_add_func_uint8_t_u_u(p_47, g_74[2].f5.f5.f0)) == 0L) | 0L)))))) , &g_137)) != g_63.f7.f1);
                if ((*g_121))
                    continue;
                (**p_48) = ((**l_164) <= ((*g_121) || (*g_121)));
            }
        }
    }
    return (**p_48);
}


/* ------------------------------------------ */
/* 
 * reads : g_74.f6.f1 g_63.f7.f4 g_90.f4 g_63.f1 g_63.f7.f2 g_74.f6.f2 g_74.f5.f5
 * writes:
 */
static struct S0  func_77(uint32_t  p_78, int8_t  p_79, struct S5 * p_80, int32_t  p_81, int16_t  p_82)
{ /* block id: 50 */
    const int32_t l_97 = 4L;
    uint32_t l_114 = 18446744073709551609UL;
    uint32_t l_115 = 0x5C7AE313L;
    if ((safe_mod_func_int16_t_s_s((safe_rshift_func_int8_t_s_u((safe_add_func_uint64_t_u_u(l_97, g_74[2].f6.f1)), (safe_mul_func_uint8_t_u_u((safe_mul_func_int8_t_s_s((safe_add_func_int8_t_s_s((safe_mul_func_int8_t_s_s(((safe_div_func_uint8_t_u_u((((((safe_mul_func_int16_t_s_s(g_63.f7.f4, (safe_sub_func_int16_t_s_s((-9L), (((safe_sub_func_int16_t_s_s((((((((-1L) && l_97) | l_97) , l_97) & l_97) < l_114) , 2L), l_114)) != l_97) > 0x22BFC7E3L))))) != p_81) > g_90.f4) ^ p_79) < l_115), g_63.f1)) && 0x1399L), g_63.f7.f2)), g_74[2].f6.f2)), 0x30L)), p_81)))), (-1L))))
    { /* block id: 51 */
        return g_74[2].f5.f5;
    }
    else
    { /* block id: 53 */
        struct S0 l_116[1] = {{2L}};
        int i;
        return l_116[0];
    }
}




/* ---------------------------------------- */
int main (void)
{
    int i, j;
    int print_hash_value = 0;
    platform_main_begin();
    crc32_gentab();
    func_1();
    transparent_crc(g_2, "g_2", print_hash_value);
    transparent_crc(g_3, "g_3", print_hash_value);
    transparent_crc(g_4, "g_4", print_hash_value);
    transparent_crc(g_8, "g_8", print_hash_value);
    transparent_crc(g_42, "g_42", print_hash_value);
    transparent_crc(g_63.f0, "g_63.f0", print_hash_value);
    transparent_crc(g_63.f1, "g_63.f1", print_hash_value);
    transparent_crc(g_63.f2, "g_63.f2", print_hash_value);
    transparent_crc(g_63.f3, "g_63.f3", print_hash_value);
    transparent_crc(g_63.f4, "g_63.f4", print_hash_value);
    transparent_crc(g_63.f5.f0, "g_63.f5.f0", print_hash_value);
    transparent_crc(g_63.f6, "g_63.f6", print_hash_value);
    transparent_crc(g_63.f7.f0, "g_63.f7.f0", print_hash_value);
    transparent_crc(g_63.f7.f1, "g_63.f7.f1", print_hash_value);
    transparent_crc(g_63.f7.f2, "g_63.f7.f2", print_hash_value);
    transparent_crc(g_63.f7.f3, "g_63.f7.f3", print_hash_value);
    transparent_crc(g_63.f7.f4, "g_63.f7.f4", print_hash_value);
    transparent_crc(g_63.f7.f5, "g_63.f7.f5", print_hash_value);
    for (i = 0; i < 6; i++)
    {
        transparent_crc(g_74[i].f0, "g_74[i].f0", print_hash_value);
        transparent_crc(g_74[i].f1, "g_74[i].f1", print_hash_value);
        transparent_crc(g_74[i].f2, "g_74[i].f2", print_hash_value);
        transparent_crc(g_74[i].f3, "g_74[i].f3", print_hash_value);
        transparent_crc(g_74[i].f4, "g_74[i].f4", print_hash_value);
        transparent_crc(g_74[i].f5.f0, "g_74[i].f5.f0", print_hash_value);
        transparent_crc(g_74[i].f5.f1, "g_74[i].f5.f1", print_hash_value);
        transparent_crc(g_74[i].f5.f2, "g_74[i].f5.f2", print_hash_value);
        transparent_crc(g_74[i].f5.f3, "g_74[i].f5.f3", print_hash_value);
        transparent_crc(g_74[i].f5.f4, "g_74[i].f5.f4", print_hash_value);
        transparent_crc(g_74[i].f5.f5.f0, "g_74[i].f5.f5.f0", print_hash_value);
        transparent_crc(g_74[i].f5.f6, "g_74[i].f5.f6", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f0, "g_74[i].f5.f7.f0", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f1, "g_74[i].f5.f7.f1", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f2, "g_74[i].f5.f7.f2", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f3, "g_74[i].f5.f7.f3", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f4, "g_74[i].f5.f7.f4", print_hash_value);
        transparent_crc(g_74[i].f5.f7.f5, "g_74[i].f5.f7.f5", print_hash_value);
        transparent_crc(g_74[i].f6.f0, "g_74[i].f6.f0", print_hash_value);
        transparent_crc(g_74[i].f6.f1, "g_74[i].f6.f1", print_hash_value);
        transparent_crc(g_74[i].f6.f2, "g_74[i].f6.f2", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_87, "g_87", print_hash_value);
    transparent_crc(g_90.f0, "g_90.f0", print_hash_value);
    transparent_crc(g_90.f1, "g_90.f1", print_hash_value);
    transparent_crc(g_90.f2, "g_90.f2", print_hash_value);
    transparent_crc(g_90.f3, "g_90.f3", print_hash_value);
    transparent_crc(g_90.f4, "g_90.f4", print_hash_value);
    transparent_crc(g_90.f5.f0, "g_90.f5.f0", print_hash_value);
    transparent_crc(g_90.f5.f1, "g_90.f5.f1", print_hash_value);
    transparent_crc(g_90.f5.f2, "g_90.f5.f2", print_hash_value);
    transparent_crc(g_90.f5.f3, "g_90.f5.f3", print_hash_value);
    transparent_crc(g_90.f5.f4, "g_90.f5.f4", print_hash_value);
    transparent_crc(g_90.f5.f5.f0, "g_90.f5.f5.f0", print_hash_value);
    transparent_crc(g_90.f5.f6, "g_90.f5.f6", print_hash_value);
    transparent_crc(g_90.f5.f7.f0, "g_90.f5.f7.f0", print_hash_value);
    transparent_crc(g_90.f5.f7.f1, "g_90.f5.f7.f1", print_hash_value);
    transparent_crc(g_90.f5.f7.f2, "g_90.f5.f7.f2", print_hash_value);
    transparent_crc(g_90.f5.f7.f3, "g_90.f5.f7.f3", print_hash_value);
    transparent_crc(g_90.f5.f7.f4, "g_90.f5.f7.f4", print_hash_value);
    transparent_crc(g_90.f5.f7.f5, "g_90.f5.f7.f5", print_hash_value);
    transparent_crc(g_90.f6.f0, "g_90.f6.f0", print_hash_value);
    transparent_crc(g_90.f6.f1, "g_90.f6.f1", print_hash_value);
    transparent_crc(g_90.f6.f2, "g_90.f6.f2", print_hash_value);
    transparent_crc(g_118.f0, "g_118.f0", print_hash_value);
    transparent_crc(g_130, "g_130", print_hash_value);
    transparent_crc(g_132, "g_132", print_hash_value);
    transparent_crc(g_137, "g_137", print_hash_value);
    for (i = 0; i < 3; i++)
    {
        transparent_crc(g_141[i].f0, "g_141[i].f0", print_hash_value);
        transparent_crc(g_141[i].f1, "g_141[i].f1", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_154, "g_154", print_hash_value);
    transparent_crc(g_169, "g_169", print_hash_value);
    transparent_crc(g_174.f0, "g_174.f0", print_hash_value);
    transparent_crc(g_174.f1, "g_174.f1", print_hash_value);
    transparent_crc(g_174.f2, "g_174.f2", print_hash_value);
    transparent_crc(g_174.f3.f0, "g_174.f3.f0", print_hash_value);
    transparent_crc(g_174.f3.f1, "g_174.f3.f1", print_hash_value);
    transparent_crc(g_174.f3.f2, "g_174.f3.f2", print_hash_value);
    transparent_crc(g_174.f3.f3, "g_174.f3.f3", print_hash_value);
    transparent_crc(g_174.f3.f4, "g_174.f3.f4", print_hash_value);
    transparent_crc(g_174.f3.f5, "g_174.f3.f5", print_hash_value);
    transparent_crc(g_174.f4, "g_174.f4", print_hash_value);
    transparent_crc(g_174.f5.f0, "g_174.f5.f0", print_hash_value);
    transparent_crc(g_174.f5.f1, "g_174.f5.f1", print_hash_value);
    transparent_crc(g_174.f5.f2, "g_174.f5.f2", print_hash_value);
    transparent_crc(g_174.f6, "g_174.f6", print_hash_value);
    transparent_crc(g_174.f7.f0, "g_174.f7.f0", print_hash_value);
    transparent_crc(g_174.f7.f1, "g_174.f7.f1", print_hash_value);
    for (i = 0; i < 1; i++)
    {
        for (j = 0; j < 1; j++)
        {
            transparent_crc(g_189[i][j].f0, "g_189[i][j].f0", print_hash_value);
            transparent_crc(g_189[i][j].f1.f0, "g_189[i][j].f1.f0", print_hash_value);
            transparent_crc(g_189[i][j].f1.f1, "g_189[i][j].f1.f1", print_hash_value);
            transparent_crc(g_189[i][j].f1.f2, "g_189[i][j].f1.f2", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f0, "g_189[i][j].f1.f3.f0", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f1, "g_189[i][j].f1.f3.f1", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f2, "g_189[i][j].f1.f3.f2", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f3, "g_189[i][j].f1.f3.f3", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f4, "g_189[i][j].f1.f3.f4", print_hash_value);
            transparent_crc(g_189[i][j].f1.f3.f5, "g_189[i][j].f1.f3.f5", print_hash_value);
            transparent_crc(g_189[i][j].f1.f4, "g_189[i][j].f1.f4", print_hash_value);
            transparent_crc(g_189[i][j].f1.f5.f0, "g_189[i][j].f1.f5.f0", print_hash_value);
            transparent_crc(g_189[i][j].f1.f5.f1, "g_189[i][j].f1.f5.f1", print_hash_value);
            transparent_crc(g_189[i][j].f1.f5.f2, "g_189[i][j].f1.f5.f2", print_hash_value);
            transparent_crc(g_189[i][j].f1.f6, "g_189[i][j].f1.f6", print_hash_value);
            transparent_crc(g_189[i][j].f1.f7.f0, "g_189[i][j].f1.f7.f0", print_hash_value);
            transparent_crc(g_189[i][j].f1.f7.f1, "g_189[i][j].f1.f7.f1", print_hash_value);
            transparent_crc(g_189[i][j].f2, "g_189[i][j].f2", print_hash_value);
            transparent_crc(g_189[i][j].f3, "g_189[i][j].f3", print_hash_value);
            transparent_crc(g_189[i][j].f4, "g_189[i][j].f4", print_hash_value);
            transparent_crc(g_189[i][j].f5, "g_189[i][j].f5", print_hash_value);
            transparent_crc(g_189[i][j].f6, "g_189[i][j].f6", print_hash_value);
            transparent_crc(g_189[i][j].f7, "g_189[i][j].f7", print_hash_value);
            transparent_crc(g_189[i][j].f8.f0, "g_189[i][j].f8.f0", print_hash_value);
            transparent_crc(g_189[i][j].f8.f1, "g_189[i][j].f8.f1", print_hash_value);
            transparent_crc(g_189[i][j].f8.f2, "g_189[i][j].f8.f2", print_hash_value);
            if (print_hash_value) printf("index = [%d][%d]\n", i, j);

        }
    }
    transparent_crc(g_198.f0, "g_198.f0", print_hash_value);
    transparent_crc(g_198.f1, "g_198.f1", print_hash_value);
    transparent_crc(g_198.f2, "g_198.f2", print_hash_value);
    transparent_crc(g_198.f3, "g_198.f3", print_hash_value);
    transparent_crc(g_198.f4, "g_198.f4", print_hash_value);
    transparent_crc(g_198.f5.f0, "g_198.f5.f0", print_hash_value);
    transparent_crc(g_198.f5.f1, "g_198.f5.f1", print_hash_value);
    transparent_crc(g_198.f5.f2, "g_198.f5.f2", print_hash_value);
    transparent_crc(g_198.f5.f3, "g_198.f5.f3", print_hash_value);
    transparent_crc(g_198.f5.f4, "g_198.f5.f4", print_hash_value);
    transparent_crc(g_198.f5.f5.f0, "g_198.f5.f5.f0", print_hash_value);
    transparent_crc(g_198.f5.f6, "g_198.f5.f6", print_hash_value);
    transparent_crc(g_198.f5.f7.f0, "g_198.f5.f7.f0", print_hash_value);
    transparent_crc(g_198.f5.f7.f1, "g_198.f5.f7.f1", print_hash_value);
    transparent_crc(g_198.f5.f7.f2, "g_198.f5.f7.f2", print_hash_value);
    transparent_crc(g_198.f5.f7.f3, "g_198.f5.f7.f3", print_hash_value);
    transparent_crc(g_198.f5.f7.f4, "g_198.f5.f7.f4", print_hash_value);
    transparent_crc(g_198.f5.f7.f5, "g_198.f5.f7.f5", print_hash_value);
    transparent_crc(g_198.f6.f0, "g_198.f6.f0", print_hash_value);
    transparent_crc(g_198.f6.f1, "g_198.f6.f1", print_hash_value);
    transparent_crc(g_198.f6.f2, "g_198.f6.f2", print_hash_value);
    transparent_crc(g_219, "g_219", print_hash_value);
    transparent_crc(g_224.f0, "g_224.f0", print_hash_value);
    transparent_crc(g_224.f1, "g_224.f1", print_hash_value);
    transparent_crc(g_224.f2, "g_224.f2", print_hash_value);
    transparent_crc(g_224.f3, "g_224.f3", print_hash_value);
    transparent_crc(g_224.f4, "g_224.f4", print_hash_value);
    transparent_crc(g_224.f5.f0, "g_224.f5.f0", print_hash_value);
    transparent_crc(g_224.f6, "g_224.f6", print_hash_value);
    transparent_crc(g_224.f7.f0, "g_224.f7.f0", print_hash_value);
    transparent_crc(g_224.f7.f1, "g_224.f7.f1", print_hash_value);
    transparent_crc(g_224.f7.f2, "g_224.f7.f2", print_hash_value);
    transparent_crc(g_224.f7.f3, "g_224.f7.f3", print_hash_value);
    transparent_crc(g_224.f7.f4, "g_224.f7.f4", print_hash_value);
    transparent_crc(g_224.f7.f5, "g_224.f7.f5", print_hash_value);
    for (i = 0; i < 1; i++)
    {
        transparent_crc(g_231[i].f0, "g_231[i].f0", print_hash_value);
        transparent_crc(g_231[i].f1.f0, "g_231[i].f1.f0", print_hash_value);
        transparent_crc(g_231[i].f1.f1, "g_231[i].f1.f1", print_hash_value);
        transparent_crc(g_231[i].f1.f2, "g_231[i].f1.f2", print_hash_value);
        transparent_crc(g_231[i].f1.f3, "g_231[i].f1.f3", print_hash_value);
        transparent_crc(g_231[i].f1.f4, "g_231[i].f1.f4", print_hash_value);
        transparent_crc(g_231[i].f1.f5, "g_231[i].f1.f5", print_hash_value);
        transparent_crc(g_231[i].f2.f0, "g_231[i].f2.f0", print_hash_value);
        transparent_crc(g_231[i].f3, "g_231[i].f3", print_hash_value);
        transparent_crc(g_231[i].f4, "g_231[i].f4", print_hash_value);
        transparent_crc(g_231[i].f5, "g_231[i].f5", print_hash_value);
        transparent_crc(g_231[i].f6.f0, "g_231[i].f6.f0", print_hash_value);
        transparent_crc(g_231[i].f6.f1, "g_231[i].f6.f1", print_hash_value);
        transparent_crc(g_231[i].f6.f2, "g_231[i].f6.f2", print_hash_value);
        transparent_crc(g_231[i].f6.f3, "g_231[i].f6.f3", print_hash_value);
        transparent_crc(g_231[i].f6.f4, "g_231[i].f6.f4", print_hash_value);
        transparent_crc(g_231[i].f6.f5, "g_231[i].f6.f5", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_272.f0, "g_272.f0", print_hash_value);
    transparent_crc(g_272.f1, "g_272.f1", print_hash_value);
    transparent_crc(g_272.f2, "g_272.f2", print_hash_value);
    transparent_crc(g_272.f3, "g_272.f3", print_hash_value);
    transparent_crc(g_272.f4, "g_272.f4", print_hash_value);
    transparent_crc(g_272.f5.f0, "g_272.f5.f0", print_hash_value);
    transparent_crc(g_272.f5.f1, "g_272.f5.f1", print_hash_value);
    transparent_crc(g_272.f5.f2, "g_272.f5.f2", print_hash_value);
    transparent_crc(g_272.f5.f3, "g_272.f5.f3", print_hash_value);
    transparent_crc(g_272.f5.f4, "g_272.f5.f4", print_hash_value);
    transparent_crc(g_272.f5.f5.f0, "g_272.f5.f5.f0", print_hash_value);
    transparent_crc(g_272.f5.f6, "g_272.f5.f6", print_hash_value);
    transparent_crc(g_272.f5.f7.f0, "g_272.f5.f7.f0", print_hash_value);
    transparent_crc(g_272.f5.f7.f1, "g_272.f5.f7.f1", print_hash_value);
    transparent_crc(g_272.f5.f7.f2, "g_272.f5.f7.f2", print_hash_value);
    transparent_crc(g_272.f5.f7.f3, "g_272.f5.f7.f3", print_hash_value);
    transparent_crc(g_272.f5.f7.f4, "g_272.f5.f7.f4", print_hash_value);
    transparent_crc(g_272.f5.f7.f5, "g_272.f5.f7.f5", print_hash_value);
    transparent_crc(g_272.f6.f0, "g_272.f6.f0", print_hash_value);
    transparent_crc(g_272.f6.f1, "g_272.f6.f1", print_hash_value);
    transparent_crc(g_272.f6.f2, "g_272.f6.f2", print_hash_value);
    transparent_crc(g_290.f0, "g_290.f0", print_hash_value);
    transparent_crc(g_290.f1, "g_290.f1", print_hash_value);
    transparent_crc(g_292.f0, "g_292.f0", print_hash_value);
    transparent_crc(g_292.f1, "g_292.f1", print_hash_value);
    transparent_crc(g_292.f2, "g_292.f2", print_hash_value);
    transparent_crc(g_292.f3, "g_292.f3", print_hash_value);
    transparent_crc(g_292.f4, "g_292.f4", print_hash_value);
    transparent_crc(g_292.f5, "g_292.f5", print_hash_value);
    transparent_crc(g_292.f6, "g_292.f6", print_hash_value);
    transparent_crc(g_292.f7, "g_292.f7", print_hash_value);
    transparent_crc(g_295.f0, "g_295.f0", print_hash_value);
    transparent_crc(g_295.f1, "g_295.f1", print_hash_value);
    transparent_crc(g_295.f2, "g_295.f2", print_hash_value);
    transparent_crc(g_295.f3, "g_295.f3", print_hash_value);
    transparent_crc(g_295.f4, "g_295.f4", print_hash_value);
    transparent_crc(g_295.f5, "g_295.f5", print_hash_value);
    transparent_crc(g_295.f6, "g_295.f6", print_hash_value);
    transparent_crc(g_295.f7, "g_295.f7", print_hash_value);
    transparent_crc(g_320.f0, "g_320.f0", print_hash_value);
    transparent_crc(g_320.f1, "g_320.f1", print_hash_value);
    transparent_crc(g_320.f2, "g_320.f2", print_hash_value);
    transparent_crc(g_320.f3, "g_320.f3", print_hash_value);
    transparent_crc(g_320.f4, "g_320.f4", print_hash_value);
    transparent_crc(g_320.f5, "g_320.f5", print_hash_value);
    transparent_crc(g_320.f6, "g_320.f6", print_hash_value);
    transparent_crc(g_320.f7, "g_320.f7", print_hash_value);
    transparent_crc(g_354.f0, "g_354.f0", print_hash_value);
    transparent_crc(g_354.f1, "g_354.f1", print_hash_value);
    transparent_crc(g_355.f0, "g_355.f0", print_hash_value);
    transparent_crc(g_355.f1, "g_355.f1", print_hash_value);
    transparent_crc(g_425.f0, "g_425.f0", print_hash_value);
    transparent_crc(g_425.f1, "g_425.f1", print_hash_value);
    transparent_crc(g_425.f2, "g_425.f2", print_hash_value);
    transparent_crc(g_425.f3, "g_425.f3", print_hash_value);
    transparent_crc(g_425.f4, "g_425.f4", print_hash_value);
    transparent_crc(g_425.f5.f0, "g_425.f5.f0", print_hash_value);
    transparent_crc(g_425.f5.f1, "g_425.f5.f1", print_hash_value);
    transparent_crc(g_425.f5.f2, "g_425.f5.f2", print_hash_value);
    transparent_crc(g_425.f5.f3, "g_425.f5.f3", print_hash_value);
    transparent_crc(g_425.f5.f4, "g_425.f5.f4", print_hash_value);
    transparent_crc(g_425.f5.f5.f0, "g_425.f5.f5.f0", print_hash_value);
    transparent_crc(g_425.f5.f6, "g_425.f5.f6", print_hash_value);
    transparent_crc(g_425.f5.f7.f0, "g_425.f5.f7.f0", print_hash_value);
    transparent_crc(g_425.f5.f7.f1, "g_425.f5.f7.f1", print_hash_value);
    transparent_crc(g_425.f5.f7.f2, "g_425.f5.f7.f2", print_hash_value);
    transparent_crc(g_425.f5.f7.f3, "g_425.f5.f7.f3", print_hash_value);
    transparent_crc(g_425.f5.f7.f4, "g_425.f5.f7.f4", print_hash_value);
    transparent_crc(g_425.f5.f7.f5, "g_425.f5.f7.f5", print_hash_value);
    transparent_crc(g_425.f6.f0, "g_425.f6.f0", print_hash_value);
    transparent_crc(g_425.f6.f1, "g_425.f6.f1", print_hash_value);
    transparent_crc(g_425.f6.f2, "g_425.f6.f2", print_hash_value);
    transparent_crc(g_467.f0.f0, "g_467.f0.f0", print_hash_value);
    transparent_crc(g_467.f0.f1, "g_467.f0.f1", print_hash_value);
    transparent_crc(g_467.f0.f2, "g_467.f0.f2", print_hash_value);
    transparent_crc(g_467.f0.f3.f0, "g_467.f0.f3.f0", print_hash_value);
    transparent_crc(g_467.f0.f3.f1, "g_467.f0.f3.f1", print_hash_value);
    transparent_crc(g_467.f0.f3.f2, "g_467.f0.f3.f2", print_hash_value);
    transparent_crc(g_467.f0.f3.f3, "g_467.f0.f3.f3", print_hash_value);
    transparent_crc(g_467.f0.f3.f4, "g_467.f0.f3.f4", print_hash_value);
    transparent_crc(g_467.f0.f3.f5, "g_467.f0.f3.f5", print_hash_value);
    transparent_crc(g_467.f0.f4, "g_467.f0.f4", print_hash_value);
    transparent_crc(g_467.f0.f5.f0, "g_467.f0.f5.f0", print_hash_value);
    transparent_crc(g_467.f0.f5.f1, "g_467.f0.f5.f1", print_hash_value);
    transparent_crc(g_467.f0.f5.f2, "g_467.f0.f5.f2", print_hash_value);
    transparent_crc(g_467.f0.f6, "g_467.f0.f6", print_hash_value);
    transparent_crc(g_467.f0.f7.f0, "g_467.f0.f7.f0", print_hash_value);
    transparent_crc(g_467.f0.f7.f1, "g_467.f0.f7.f1", print_hash_value);
    transparent_crc(g_467.f1, "g_467.f1", print_hash_value);
    transparent_crc(g_467.f2, "g_467.f2", print_hash_value);
    transparent_crc(g_467.f3, "g_467.f3", print_hash_value);
    transparent_crc(g_474.f0, "g_474.f0", print_hash_value);
    transparent_crc(g_474.f1, "g_474.f1", print_hash_value);
    transparent_crc(g_477.f0, "g_477.f0", print_hash_value);
    transparent_crc(g_477.f1, "g_477.f1", print_hash_value);
    transparent_crc(g_477.f2, "g_477.f2", print_hash_value);
    transparent_crc(g_477.f3, "g_477.f3", print_hash_value);
    transparent_crc(g_477.f4, "g_477.f4", print_hash_value);
    transparent_crc(g_477.f5, "g_477.f5", print_hash_value);
    transparent_crc(g_481, "g_481", print_hash_value);
    for (i = 0; i < 1; i++)
    {
        transparent_crc(g_520[i].f0, "g_520[i].f0", print_hash_value);
        transparent_crc(g_520[i].f1, "g_520[i].f1", print_hash_value);
        if (print_hash_value) printf("index = [%d]\n", i);

    }
    transparent_crc(g_533.f0, "g_533.f0", print_hash_value);
    transparent_crc(g_533.f1, "g_533.f1", print_hash_value);
    transparent_crc(g_533.f2, "g_533.f2", print_hash_value);
    transparent_crc(g_533.f3, "g_533.f3", print_hash_value);
    transparent_crc(g_533.f4, "g_533.f4", print_hash_value);
    transparent_crc(g_536.f0, "g_536.f0", print_hash_value);
    transparent_crc(g_536.f1, "g_536.f1", print_hash_value);
    transparent_crc(g_536.f2, "g_536.f2", print_hash_value);
    transparent_crc(g_536.f3.f0, "g_536.f3.f0", print_hash_value);
    transparent_crc(g_536.f3.f1, "g_536.f3.f1", print_hash_value);
    transparent_crc(g_536.f3.f2, "g_536.f3.f2", print_hash_value);
    transparent_crc(g_536.f3.f3, "g_536.f3.f3", print_hash_value);
    transparent_crc(g_536.f3.f4, "g_536.f3.f4", print_hash_value);
    transparent_crc(g_536.f3.f5, "g_536.f3.f5", print_hash_value);
    transparent_crc(g_536.f4, "g_536.f4", print_hash_value);
    transparent_crc(g_536.f5.f0, "g_536.f5.f0", print_hash_value);
    transparent_crc(g_536.f5.f1, "g_536.f5.f1", print_hash_value);
    transparent_crc(g_536.f5.f2, "g_536.f5.f2", print_hash_value);
    transparent_crc(g_536.f6, "g_536.f6", print_hash_value);
    transparent_crc(g_536.f7.f0, "g_536.f7.f0", print_hash_value);
    transparent_crc(g_536.f7.f1, "g_536.f7.f1", print_hash_value);
    transparent_crc(g_547.f0, "g_547.f0", print_hash_value);
    transparent_crc(g_547.f1, "g_547.f1", print_hash_value);
    transparent_crc(g_547.f2, "g_547.f2", print_hash_value);
    transparent_crc(g_547.f3, "g_547.f3", print_hash_value);
    transparent_crc(g_547.f4, "g_547.f4", print_hash_value);
    transparent_crc(g_547.f5, "g_547.f5", print_hash_value);
    transparent_crc(g_554.f0, "g_554.f0", print_hash_value);
    transparent_crc(g_554.f1, "g_554.f1", print_hash_value);
    transparent_crc(g_554.f2, "g_554.f2", print_hash_value);
    transparent_crc(g_559.f0, "g_559.f0", print_hash_value);
    transparent_crc(g_559.f1, "g_559.f1", print_hash_value);
    transparent_crc(g_562.f0, "g_562.f0", print_hash_value);
    transparent_crc(g_562.f1.f0, "g_562.f1.f0", print_hash_value);
    transparent_crc(g_562.f1.f1, "g_562.f1.f1", print_hash_value);
    transparent_crc(g_562.f1.f2, "g_562.f1.f2", print_hash_value);
    transparent_crc(g_562.f1.f3, "g_562.f1.f3", print_hash_value);
    transparent_crc(g_562.f1.f4, "g_562.f1.f4", print_hash_value);
    transparent_crc(g_562.f1.f5, "g_562.f1.f5", print_hash_value);
    transparent_crc(g_562.f2.f0, "g_562.f2.f0", print_hash_value);
    transparent_crc(g_562.f3, "g_562.f3", print_hash_value);
    transparent_crc(g_562.f4, "g_562.f4", print_hash_value);
    transparent_crc(g_562.f5, "g_562.f5", print_hash_value);
    transparent_crc(g_562.f6.f0, "g_562.f6.f0", print_hash_value);
    transparent_crc(g_562.f6.f1, "g_562.f6.f1", print_hash_value);
    transparent_crc(g_562.f6.f2, "g_562.f6.f2", print_hash_value);
    transparent_crc(g_562.f6.f3, "g_562.f6.f3", print_hash_value);
    transparent_crc(g_562.f6.f4, "g_562.f6.f4", print_hash_value);
    transparent_crc(g_562.f6.f5, "g_562.f6.f5", print_hash_value);
    platform_main_end(crc32_context ^ 0xFFFFFFFFUL, print_hash_value);
    return 0;
}

/************************ statistics *************************
XXX max struct depth: 3
breakdown:
   depth: 0, occurrence: 135
   depth: 1, occurrence: 22
   depth: 2, occurrence: 3
   depth: 3, occurrence: 3
XXX total union variables: 0

XXX non-zero bitfields defined in structs: 27
XXX zero bitfields defined in structs: 0
XXX const bitfields defined in structs: 5
XXX volatile bitfields defined in structs: 7
XXX structs with bitfields in the program: 38
breakdown:
   indirect level: 0, occurrence: 15
   indirect level: 1, occurrence: 17
   indirect level: 2, occurrence: 6
XXX full-bitfields structs in the program: 9
breakdown:
   indirect level: 0, occurrence: 9
XXX times a bitfields struct's address is taken: 26
XXX times a bitfields struct on LHS: 0
XXX times a bitfields struct on RHS: 21
XXX times a single bitfield on LHS: 5
XXX times a single bitfield on RHS: 48

XXX max expression depth: 33
breakdown:
   depth: 1, occurrence: 102
   depth: 2, occurrence: 20
   depth: 3, occurrence: 2
   depth: 5, occurrence: 1
   depth: 6, occurrence: 1
   depth: 7, occurrence: 1
   depth: 9, occurrence: 1
   depth: 10, occurrence: 2
   depth: 11, occurrence: 1
   depth: 12, occurrence: 1
   depth: 13, occurrence: 1
   depth: 15, occurrence: 3
   depth: 16, occurrence: 1
   depth: 19, occurrence: 1
   depth: 25, occurrence: 1
   depth: 33, occurrence: 1

XXX total number of pointers: 146

XXX times a variable address is taken: 181
XXX times a pointer is dereferenced on RHS: 38
breakdown:
   depth: 1, occurrence: 24
   depth: 2, occurrence: 11
   depth: 3, occurrence: 3
XXX times a pointer is dereferenced on LHS: 77
breakdown:
   depth: 1, occurrence: 63
   depth: 2, occurrence: 13
   depth: 3, occurrence: 1
XXX times a pointer is compared with null: 7
XXX times a pointer is compared with address of another variable: 0
XXX times a pointer is compared with another pointer: 5
XXX times a pointer is qualified to be dereferenced: 1397

XXX max dereference level: 5
breakdown:
   level: 0, occurrence: 0
   level: 1, occurrence: 211
   level: 2, occurrence: 87
   level: 3, occurrence: 22
   level: 4, occurrence: 10
   level: 5, occurrence: 1
XXX number of pointers point to pointers: 54
XXX number of pointers point to scalars: 57
XXX number of pointers point to structs: 35
XXX percent of pointers has null in alias set: 24
XXX average alias set size: 1.24

XXX times a non-volatile is read: 377
XXX times a non-volatile is write: 228
XXX times a volatile is read: 55
XXX    times read thru a pointer: 11
XXX times a volatile is write: 27
XXX    times written thru a pointer: 12
XXX times a volatile is available for access: 1.06e+03
XXX percentage of non-volatile access: 88.1

XXX forward jumps: 3
XXX backward jumps: 4

XXX stmts: 93
XXX max block depth: 3
breakdown:
   depth: 0, occurrence: 23
   depth: 1, occurrence: 18
   depth: 2, occurrence: 21
   depth: 3, occurrence: 31

XXX percentage a fresh-made variable is used: 24.2
XXX percentage an existing variable is used: 75.8
FYI: the random generator makes assumptions about the integer size. See platform.info for more details.
********************* end of statistics **********************/

