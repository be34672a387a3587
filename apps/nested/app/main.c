/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Nested interrupts under mpk.  Built with policy audit = "on": the peer reads this compartment's
 * private table through a pointer it was handed, 24 times.  Each read is a key violation that the
 * kernel reports and resumes (kernel/audit.c); the report runs with interrupts on, and the timer
 * ticks fast enough that ticks land inside it: an interrupt nested in a trap handler.  Ticks also
 * land in both compartments, in the gates and on the audited instruction itself (its key open).
 * Both sides check on every call that their domain is the one they had, and the sum of the reads
 * shows that each read really happened.
 */
#include <stdint.h>
#include <bulkhead/cpu.h>
#include <bulkhead/console.h>
#include <bulkhead/timer.h>

uint64_t peer_read(int i);
uint64_t peer_wrong(void);

static uint64_t table[8] = { 3, 1, 4, 1, 5, 9, 2, 6 };   /* private: the peer may not read it */

const uint64_t *app_table(void) { return table; }

/* Work in this compartment outside any trap handler, between the reads: the audit's reports take
 * almost all of the run, and without it whether any tick lands outside a handler was a matter of a
 * few instructions (3 of 309 ticks, then none after an unrelated kernel change). */
static volatile uint64_t sink;

static void outside_work(uint64_t x)
{
	for (int k = 0; k < 60000; k++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	sink = x;
}

int main(void)
{
	uint32_t mine = bh_rdpkru();
	uint64_t sum = 0, wrong = 0;
	if (bh_timer_start(200000) != 0)
		return 2;
	for (int i = 0; i < 24; i++) {
		sum += peer_read(i);
		wrong += bh_rdpkru() != mine;
		outside_work(sum + (uint64_t)i);
	}
	struct bh_timer_stats st;
	bh_timer_stop(&st);
	bh_printf("nested: sum %lu\n", (unsigned long)sum);
	bh_printf("nested: domain changes seen by app %lu, by peer %lu\n", (unsigned long)wrong,
		  (unsigned long)peer_wrong());
	bh_printf("nested: %lu ticks, %lu nested in a trap handler, %lu on an audited instruction, "
		  "%lu in a foreign domain\n", (unsigned long)st.ticks, (unsigned long)st.nested,
		  (unsigned long)st.in_audit_step, (unsigned long)st.bad_domain);
	return 0;
}
