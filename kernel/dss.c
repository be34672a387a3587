/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * [threads] dss = "running" (include/bulkhead/dss.h): the data shadow stacks of every thread but the
 * running one carry protection key 0, which no compartment's domain opens (only the trap domain
 * does); the running thread's carry the shared key, as without the policy.  The linker script lays
 * the data shadow stacks out as one block, compartment by compartment, one stack slot (__bh_stack_slot) per thread
 * in each (__bh_dss_start).
 */
#include <stdint.h>
#include <bulkhead/dss.h>
#include <bulkhead/image.h>
#include <bulkhead/service.h>
#include "arch/x86_64/x86.h"
#include "ring0.h"

#define DSS_SIZE ((uintptr_t)__bh_stack_slot)   /* one thread's slot, like the stack it shadows */
#define KEY_NONE 0                     /* no compartment's domain opens key 0 */

extern char __bh_dss_start[], __bh_threads_max[], __bh_stack_slot[];

static uint32_t running;              /* the thread whose data shadow stacks are reachable */

static void key_thread(const struct bh_image *img, uint32_t t, uint32_t key)
{
	uint32_t threads = (uint32_t)(uintptr_t)__bh_threads_max;
	for (uint32_t c = 0; c < img->ncompartments; c++) {
		uintptr_t dss = (uintptr_t)__bh_dss_start + ((uintptr_t)c * threads + t) * DSS_SIZE;
		bh_paging_rekey(dss, dss + DSS_SIZE, key);
	}
}

/* At boot (kernel/main.c, after paging): thread 0 runs, every other thread's are hidden. */
void bh_dss_boot(void)
{
	if (!bh_dss_running_only())
		return;
	uint32_t threads = (uint32_t)(uintptr_t)__bh_threads_max;
	for (uint32_t t = 1; t < threads; t++)
		key_thread(&__bh_image, t, KEY_NONE);
	running = 0;
}

/* The rekeying writes page tables (ring 0): from ring 3 (mpk) it is the kernel's service, which runs
 * bh_dss_switch_r0 (kernel/service.c). */
int bh_dss_switch(uint32_t next)
{
	if (bh_ring3())
		return (int)bh_service(BH_SVC_DSS_SWITCH, next, 0, 0, 0);
	return bh_dss_switch_r0(next);
}

int bh_dss_switch_r0(uint32_t next)
{
	const struct bh_image *img = &__bh_image;
	if (!bh_dss_running_only())
		return 0;
	if (next >= (uint32_t)(uintptr_t)__bh_threads_max)
		return -1;
	if (next == running)
		return 0;
	key_thread(img, running, KEY_NONE);
	key_thread(img, next, img->shared_key);
	running = next;
	return 0;
}
