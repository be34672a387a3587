/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Timer interrupts under mpk: the kernel's timer fires every few thousand instructions while the
 * app crosses into the peer compartment in a tight loop, so ticks land in both compartments and in
 * the gates between them (between a WRPKRU and a stack switch too).  Each side checks, on every
 * call, that its domain (PKRU) is the one it had: the trap path must restore it exactly.
 */
#include <stdint.h>
#include <bulkhead/cpu.h>
#include <bulkhead/console.h>
#include <bulkhead/timer.h>

uint64_t peer_work(uint64_t x);
uint64_t peer_wrong(void);

int main(void)
{
	uint32_t mine = bh_rdpkru();
	uint64_t x = 1, wrong = 0;
	if (bh_timer_start(20000) != 0)
		return 2;
	for (int i = 0; i < 100000; i++) {
		x = peer_work(x);
		wrong += bh_rdpkru() != mine;
	}
	struct bh_timer_stats st;
	bh_timer_stop(&st);
	bh_printf("ticks: result %lx\n", (unsigned long)x);
	bh_printf("ticks: domain changes seen by app %lu, by peer %lu\n", (unsigned long)wrong,
		  (unsigned long)peer_wrong());
	bh_printf("ticks: %lu ticks, %lu in gates, %lu in compartments' code, %lu in a foreign domain\n",
		  (unsigned long)st.ticks, (unsigned long)st.in_gates, (unsigned long)st.in_compartments,
		  (unsigned long)st.bad_domain);
	return 0;
}
