/* Regression for the pass's marshalling thunks (passes/test/marshal-stack-args.ll): crossings whose
 * arguments are stack-passed under the System V ABI (a struct by value, more than 6 integer
 * arguments) between compartments on the shared stack.  The byval source is a global of the
 * caller's compartment (the thunk must not read it: the caller copies it to its stack).
 * case.json puts main and g_big in component p0, the vault_* functions in p1. */
#include <stdint.h>
#include <stdio.h>

struct big { int64_t a[5]; uint8_t tag; };                 /* 48 bytes: byval */
struct bits { unsigned x : 3; unsigned y : 17; int z : 9; }; /* 4 bytes: one register */

static struct big g_big = {{1, -2, 3, -4, 5}, 9};
static uint64_t crc = 0xFFFFFFFFu;

static void mix(uint64_t v) { crc = (crc ^ v) * 0x100000001B3ull; }

uint64_t vault_sum(struct big b, int64_t p1, int64_t p2, int64_t p3, int64_t p4, int64_t p5,
                   int64_t p6, int8_t p7, struct bits k)
{
	uint64_t s = (uint64_t)p7 + (uint64_t)k.x + (uint64_t)k.y + (uint64_t)(int64_t)k.z;
	for (int i = 0; i < 5; i++)
		s = s * 31 + (uint64_t)b.a[i];
	b.a[0] = 777;           /* the callee's copy: the caller's g_big must not change */
	return s + b.tag + (uint64_t)(p1 ^ p2 ^ p3 ^ p4 ^ p5 ^ p6);
}

struct big vault_make(int seed, int64_t p1, int64_t p2, int64_t p3, int64_t p4, int64_t p5, int64_t p6)
{
	struct big b = {{seed + p1, seed + p2, seed + p3, seed + p4, seed + p5 + p6}, (uint8_t)seed};
	return b;
}

int main(void)
{
	struct bits k = {5, 70000, -100};
	for (int i = 0; i < 4; i++) {
		mix(vault_sum(g_big, i, 2, 3, 4, 5, 6, (int8_t)-i, k));
		struct big m = vault_make(i, 10, 20, 30, 40, 50, 60);
		mix(vault_sum(m, 1, 2, 3, 4, 5, 6, 7, k));
		mix((uint64_t)g_big.a[0]);
	}
	printf("checksum = %X\n", (unsigned)(crc ^ (crc >> 32)));
	return 0;
}
