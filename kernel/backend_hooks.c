/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Weak defaults of the optional backend hooks (include/bulkhead/backend.h), all in this one
 * file.  A backend that needs one defines it in its own folder of gates/ (gates/README.md);
 * the rest of the kernel calls the hook and never asks which backend it runs under.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/workclock.h>
#include "stop.h"

__attribute__((weak)) uintptr_t bh_backend_resident(uint32_t compartment, uintptr_t start, uintptr_t end)
{
	(void)compartment;
	(void)start;
	return end;
}

__attribute__((weak)) void bh_backend_interrupt(uint32_t vector)
{
	bh_printf("bulkhead: CPU exception: unexpected interrupt, vector %u\n", vector);
	bh_printf("bulkhead: stopping with exit status %d (%s)\n", BH_EXIT_EXCEPTION, BH_EXIT_EXCEPTION_WHAT);
	bh_stop(BH_EXIT_EXCEPTION);
}

__attribute__((weak)) uint64_t bh_backend_work_clock(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return ((uint64_t)hi << 32) | lo;
}

__attribute__((weak)) int bh_backend_ring3(void)
{
	return 0;
}

uint64_t bh_work_clock(void)
{
	return bh_backend_work_clock();
}

__attribute__((weak)) void bh_backend_exit(int status)
{
	(void)status;
}

__attribute__((weak)) const char *bh_backend_timer_refusal(void)
{
	return 0;
}

__attribute__((weak)) const char *bh_backend_device_refusal(void)
{
	return 0;
}

__attribute__((weak)) int bh_backend_irq_on_interrupted_stack(void)
{
	return 0;
}

__attribute__((weak)) int bh_backend_wake_post(uint32_t tid)
{
	(void)tid;
	return 0;
}

__attribute__((weak)) uint64_t bh_backend_wake_posted(void)
{
	return 0;
}

__attribute__((weak)) void bh_backend_device_mapped(const struct bh_device_bar *b)
{
	(void)b;
}

__attribute__((weak)) int bh_backend_device_at(uintptr_t addr, struct bh_device_bar *out)
{
	(void)addr;
	(void)out;
	return 0;
}

__attribute__((weak)) int bh_backend_report_domain(const struct bh_image *img, uint64_t domain)
{
	(void)img;
	(void)domain;
	return 0;
}
