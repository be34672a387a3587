#include "csmith.h"
struct S0 {
    int8_t  f0;
    uint16_t  f1;
    volatile unsigned f2 : 13;
    int32_t  f3;
    int8_t  f4;
    int64_t  f5;
    uint32_t  f6;
 };
 static int8_t g_2[4] = {
0x6BL,0x6BL,0x6BL,0x6BL};
  static volatile int32_t g_3 = 0xB29949DFL;
  static volatile int32_t g_4[3] = {
(-1L),(-1L),(-1L)};
  static int32_t g_5 = 0xEF9D7865L;
  static uint32_t g_21 = 1UL;
  static int8_t g_22 = (-1L);
  static int32_t g_24 = 0x11B9C6FEL;
  static int32_t g_29[2][6] = {
{
(-1L),0xEAD2214CL,(-1L),0xEAD2214CL,(-1L),0xEAD2214CL}
,{
(-1L),0xEAD2214CL,(-1L),0xEAD2214CL,(-1L),0xEAD2214CL}
};
  static uint32_t g_63 = 18446744073709551610UL;
  static uint32_t g_85 = 3UL;
  static uint32_t *g_84[5][5] = {
{
&g_63,&g_63,&g_63,&g_63,&g_63}
,{
&g_85,&g_85,(void*)0,&g_85,&g_85}
,{
&g_63,&g_63,&g_85,&g_85,&g_63}
,{
&g_63,(void*)0,(void*)0,&g_63,(void*)0}
,{
&g_63,&g_63,&g_63,&g_63,&g_63}
};
  static uint8_t g_89 = 0UL;
  static uint64_t g_110 = 1UL;
  static int16_t g_151 = 0x9520L;
  static struct S0 g_172 = {
0x20L,65535UL,20,1L,1L,1L,0xB0DACC5EL};
  static struct S0 g_208[4][1] = {
{
{
-9L,0xCD49L,22,7L,0xBAL,0x7EB1C1D09703DA3ALL,0xBD303A7FL}
}
,{
{
0L,0x037CL,71,0L,8L,2L,1UL}
}
,{
{
-9L,0xCD49L,22,7L,0xBAL,0x7EB1C1D09703DA3ALL,0xBD303A7FL}
}
,{
{
0L,0x037CL,71,0L,8L,2L,1UL}
}
};
  static struct S0 g_224 = {
0x00L,0UL,2,4L,0xF2L,0x1691F10E8D74773DLL,0x8FB2BC63L};
  static struct S0 * volatile g_225 = (void*)0;
  static int32_t *g_269[3] = {
&g_24,&g_24,&g_24};
  static volatile struct S0 g_320 = {
0xC5L,65529UL,32,0x3CCA1BA1L,1L,0x4C70344B65698CE9LL,0x02247DC2L};
  static volatile struct S0 g_342 = {
0x34L,0xCA40L,20,0xBE3DCF11L,0L,0x6BEDE7372DDEA36BLL,0x9E236CD4L};
  static volatile uint32_t g_360 = 4294967295UL;
  static int8_t g_492 = 0x73L;
  static uint64_t g_518 = 0x2F9EE1B0FC3FA491LL;
  static int32_t ** volatile g_523 = &g_269[1];
  static volatile uint16_t * volatile g_582[1][3] = {
{
(void*)0,(void*)0,(void*)0}
};
  static const struct S0 g_631 = {
0x77L,5UL,51,0xC03049CAL,-1L,1L,1UL};
  static const volatile uint32_t g_687 = 0x75C8CDB0L;
  static volatile int32_t g_720 = 1L;
  static uint64_t g_735 = 0xF6532884691C896FLL;
  static int32_t ** volatile g_736 = &g_269[0];
  static volatile struct S0 g_778[3][5] = {
{
{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
,{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
,{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
,{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
,{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
,{
0L,0x229FL,30,0xD3813B8DL,7L,1L,0UL}
}
};
  static volatile uint8_t g_783[6] = {
0x58L,0x58L,0x54L,0x58L,0x58L,0x54L};
  static volatile uint8_t * volatile g_782 = &g_783[4];
  static volatile uint8_t * volatile *g_781 = &g_782;
  static int32_t * func_31(uint32_t  p_32, uint8_t  p_33, uint64_t  p_34, int32_t * p_35, int8_t  p_36);
  static uint8_t  func_1(void) {
      const int32_t l_18[2] = {
0x49A2F381L,0x49A2F381L};
     int32_t l_30 = 0xAC92D14BL;
     const uint64_t l_660 = 3UL;
     int32_t l_672 = 0xAEB9F928L;
     int32_t l_714 = 7L;
     int32_t l_718 = 7L;
     int32_t l_723 = (-4L);
     int32_t l_727 = 0L;
     int32_t l_728 = (-1L);
     int64_t l_738 = (-1L);
     int8_t l_742[5] = {
0x1CL,0x1CL,0x1CL,0x1CL,0x1CL};
     uint16_t *l_759 = &g_224.f1;
     uint16_t **l_758 = &l_759;
     uint64_t *l_801[6][5] = {
};
     uint8_t l_802 = 255UL;
     struct S0 *l_808 = &g_172;
     struct S0 **l_807 = &l_808;
     int32_t **l_812 = &g_269[1];
     int i, j;
     for (g_5 = 0;
 (g_5 <= 3);
 g_5 += 1)     {
          int32_t l_661 = 0x95555435L;
         int32_t l_716 = 0xF803731FL;
         int32_t l_719[4];
         int i;
         for (i = 0;
 i < 4;
 i++)             l_719[i] = 3L;
     }
     for (g_172.f6 = 0;
 (g_172.f6 <= 2);
 g_172.f6 += 1)     {
          int32_t *l_786 = &l_727;
         int32_t *l_787 = &g_29[0][0];
         uint64_t l_796[1][4];
         int i, j;
         for (i = 0;
 i < 1;
 i++)         {
             for (j = 0;
 j < 4;
 j++)                 l_796[i][j] = 0UL;
         }
         for (g_224.f3 = 0;
 (g_224.f3 <= 3);
 g_224.f3 += 1)         {
              int16_t l_770 = 0xB5CDL;
             int i;
             g_4[g_172.f6] = (safe_lshift_func_uint16_t_u_s(0x4C16L, 15));
             for (g_85 = 0;
 (g_85 <= 2);
 g_85 += 1)             {                  uint8_t *l_780 = &g_89;                 uint8_t **l_779 = &l_780;                 int32_t *l_784 = &l_723;                 int32_t *l_785 = &l_727;                 int i, j;                 l_770 = (-2L);                 (*l_785) &= ((*l_784) &= (((((safe_unary_minus_func_uint64_t_u(((+(((safe_mul_func_int16_t_s_s(0x8940L, ((+((**l_758) = (safe_mod_func_uint8_t_u_u((((&g_582[0][0] == (g_778[1][0] , &g_582[0][1])) != ((l_779 != g_781) > l_742[2])) ^ g_208[3][0].f6), g_172.f5)))) || g_208[3][0].f3))) | 18446744073709551607UL) <= l_770)) <= 0xC9L))) , (**g_523)) == l_672) || (**g_736)) || g_29[1][2]));             }
         }
         l_796[0][0]--;
         (*l_786) |= (-9L);
     }
     (*l_812) = func_31(((g_172.f6 , ((((((safe_add_func_uint64_t_u_u((l_802 = g_208[3][0].f5), (&g_84[4][1] == ((safe_add_func_uint16_t_u_u(((*l_759) = (safe_div_func_int64_t_s_s(((l_807 != &g_225) == 0x8A490B1AL), l_714))), 0x444AL)) , (void*)0)))) , 0x229F981BF154AF4FLL) | 0xC7476B6CD2D82D26LL) == l_728) ^ 0UL) <= l_30)) >= g_783[4]), g_172.f6, g_89, &l_727, g_172.f6);
     (*l_812) = (*l_812);
     return (**g_781);
 }
  static int32_t * func_31(uint32_t  p_32, uint8_t  p_33, uint64_t  p_34, int32_t * p_35, int8_t  p_36) {
      uint32_t *l_664 = &g_208[3][0].f6;
     int32_t l_667[2][2];
     int8_t *l_668 = &g_2[1];
     int i, j;
     for (i = 0;
 i < 2;
 i++)     {
         for (j = 0;
 j < 2;
 j++)             l_667[i][j] = (-10L);
     }
     (*p_35) = ((g_172.f6 = ((*l_664)--)) | (l_667[0][0] != (252UL || ((*l_668) |= (6UL && 65535UL)))));
     return p_35;
 }
  int main (void) {
     int i, j;
     int print_hash_value = 0;
     func_1();
     transparent_crc(g_172.f5, "g_172.f5", print_hash_value);
     transparent_crc(g_172.f6, "g_172.f6", print_hash_value);
     for (i = 0;
 i < 4;
 i++)     {
         for (j = 0;
 j < 1;
 j++)         {
             transparent_crc(g_208[i][j].f0, "g_208[i][j].f0", print_hash_value);
         }
     }
     for (i = 0;
 i < 3;
 i++)     {
         for (j = 0;
 j < 5;
 j++)         {
         }
         if (print_hash_value) printf("index = [%d]\n", i);
     }
     platform_main_end(crc32_context ^ 0xFFFFFFFFUL, print_hash_value);
     return 0;
 }
