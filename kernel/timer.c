/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The timer (include/bulkhead/timer.h).  The trap path handles its interrupt like any trap: the
 * backend's trap entry opens the trap domain and returns the interrupted one, the C side runs on
 * the kernel's trap stack, and the trap exit installs the interrupted domain again after checking
 * it is a compartment's (mpk).  What this file adds is the device set-up and the bookkeeping.
 */
#include <stdint.h>
#include <bulkhead/string.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/image.h>
#include <bulkhead/pic.h>
#include <bulkhead/service.h>
#include <bulkhead/timer.h>
#include "arch/x86_64/x86.h"
#include "ring0.h"
#include "audit.h"
#include "timer.h"

#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_HZ 1193182u

static struct bh_timer_stats stats;
static int running;   /* bh_timer_start's statistics timer */
static int waking;    /* the wake timer (wake.c): runs while a timeout is armed */

static void pit_program(uint32_t hz)
{
	/* PIT channel 0, mode 2 (rate generator), lobyte/hibyte. */
	uint32_t div = PIT_HZ / hz;
	if (div > 0xffff)
		div = 0xffff;
	outb(PIT_CMD, 0x34);
	outb(PIT_CH0, (uint8_t)div);
	outb(PIT_CH0, (uint8_t)(div >> 8));
}

/*
 * The wake timer.  Under backend vm it runs in the kernel's machine next to the doorbell's IRQ 3
 * (the 8259 already programmed by the backend: only IRQ 0 is opened); elsewhere it programs the
 * 8259 itself.  If bh_timer_start's timer runs, its ticks serve the wake-ups too.
 */
int bh_timer_wake_start(uint32_t hz)
{
	if (waking || running)
		return 0;
	pit_program(hz);
	/* First: a tick the 8259 latched while IRQ 0 was masked arrives as soon as it is opened. */
	waking = 1;
	bh_pic_unmask(0);
	return 0;
}

void bh_timer_wake_stop(void)
{
	if (!waking)
		return;
	bh_pic_mask(0);
	waking = 0;
}

int bh_timer_start_r0(uint32_t hz)
{
	const char *refusal = bh_backend_timer_refusal();
	if (refusal) {
		bh_printf("bulkhead: timer: not available with backend %s (%s)\n", __bh_image.backend, refusal);
		return -1;
	}
	if (hz < 19 || hz > PIT_HZ) {
		bh_printf("bulkhead: timer: %u Hz is outside what the PIT can do (19 to %u)\n", hz, PIT_HZ);
		return -1;
	}
	bh_pic_init(1u << 0);   /* everything masked but IRQ 0, the PIT */
	pit_program(hz);
	waking = 0;             /* its ticks serve the wake-ups from now on */
	memset(&stats, 0, sizeof(stats));
	running = 1;
	__asm__ volatile("sti" ::: "memory");
	return 0;
}

/* From ring 3 (mpk): the kernel's service runs the _r0 half (kernel/service.c). */
int bh_timer_start(uint32_t hz)
{
	if (bh_ring3())
		return (int)bh_service(BH_SVC_TIMER_START, hz, 0, 0, 0);
	return bh_timer_start_r0(hz);
}

void bh_timer_stop_r0(void)
{
	__asm__ volatile("cli" ::: "memory");
	if (running) {
		bh_pic_init(0);
		running = 0;
	}
}

/* The statistics are the kernel's compartment's memory: its code reads them in either ring. */
void bh_timer_stop(struct bh_timer_stats *out)
{
	if (bh_ring3())
		bh_service(BH_SVC_TIMER_STOP, 0, 0, 0, 0);
	else
		bh_timer_stop_r0();
	*out = stats;
}

int bh_timer_interrupt(const struct bh_trap_frame *f, uint64_t domain)
{
	if (f->vector != BH_TIMER_VECTOR || !(running || waking))
		return 0;
	bh_wake_tick();
	if (!running) {
		bh_pic_eoi();
		return 1;
	}
	stats.ticks++;
	if ((uintptr_t)__bh_gates_start <= f->rip && f->rip < (uintptr_t)__bh_gates_end)
		stats.in_gates++;
	const struct bh_image *img = &__bh_image;
	int found = 0;
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		const struct bh_compartment *c = &img->compartments[i];
		if (c->text.start <= f->rip && f->rip < c->text.end)
			stats.in_compartments++;
		if (c->pkru == (uint32_t)domain)
			found = 1;
	}
	if (bh_trap_depth > 1)
		stats.nested++;               /* the trap domain, in a handler: the exit checks it is one */
	else if (bh_audit_stepping())
		stats.in_audit_step++;        /* a compartment's domain with one key open (audit.c) */
	else if (!found && img->shared_key != 0)   /* mpk: the domain must be a compartment's */
		stats.bad_domain++;
	bh_pic_eoi();
	return 1;
}
