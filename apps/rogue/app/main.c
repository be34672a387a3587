/* SPDX-License-Identifier: BSD-3-Clause */
/* Test app for ./bulkhead verify: the smuggler hides a WRPKRU encoding in its code. */
int bh_printf(const char *fmt, ...);
unsigned smuggle(unsigned x);

int main(void)
{
	bh_printf("rogue: %u\n", smuggle(1));
	return 0;
}
