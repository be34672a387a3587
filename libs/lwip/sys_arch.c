/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's OS layer (sys_arch) on libs/sched and libs/time.
 *
 * Threads are sched's cooperative threads: a thread runs until it blocks, yields or ends, and the
 * kernel's timer interrupt never runs lwIP code.  So nothing can interleave inside lwIP's short
 * critical sections, and sys_arch_protect has nothing to do (lwIP still calls it; a preemptive
 * scheduler would need a real lock here).  Semaphores and mutexes are sched's, with its timeouts
 * (TSC ticks of libs/time's clock); a mailbox is a ring with two counting semaphores.
 */
#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/sys.h"
#include <bhthread.h>
#include <bhtime.h>

/* milliseconds -> sched's timeout in TSC ticks; 0 means "forever" to lwIP */
static uint64_t ms_to_ticks(u32_t ms)
{
	if (ms == 0)
		return BH_FOREVER;
	return (uint64_t)ms * time_tsc_hz() / 1000u;
}

u32_t sys_now(void)
{
	return (u32_t)(time_monotonic_ns() / 1000000u);
}

void sys_init(void)
{
}

sys_prot_t sys_arch_protect(void)
{
	return 0;
}

void sys_arch_unprotect(sys_prot_t pval)
{
	LWIP_UNUSED_ARG(pval);
}

/* ---- semaphores ---- */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	int id = bh_sem_create(count);
	sem->id = id < 0 ? -1 : id;
	return id < 0 ? ERR_MEM : ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	if (sem->id >= 0)
		bh_sem_destroy(sem->id);
	sem->id = -1;
}

void sys_sem_signal(sys_sem_t *sem)
{
	bh_sem_post(sem->id);
}

/* Waits on a sched semaphore; the milliseconds it took, or SYS_ARCH_TIMEOUT. */
static u32_t wait_sem(int id, u32_t timeout_ms)
{
	u32_t start = sys_now();
	int rc = bh_sem_wait(id, ms_to_ticks(timeout_ms));
	if (rc == BH_ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	LWIP_ASSERT("sys_arch: sched refused a semaphore wait", rc == 0);
	return sys_now() - start;
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	return wait_sem(sem->id, timeout);
}

int sys_sem_valid(sys_sem_t *sem)
{
	return sem->id >= 0;
}

void sys_sem_set_invalid(sys_sem_t *sem)
{
	sem->id = -1;
}

/* ---- mutexes ---- */

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	int id = bh_mutex_create(0);
	mutex->id = id < 0 ? -1 : id;
	return id < 0 ? ERR_MEM : ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	if (mutex->id >= 0)
		bh_mutex_destroy(mutex->id);
	mutex->id = -1;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	int rc = bh_mutex_lock(mutex->id, BH_FOREVER);
	LWIP_ASSERT("sys_arch: sched refused a mutex lock", rc == 0);
	LWIP_UNUSED_ARG(rc);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	bh_mutex_unlock(mutex->id);
}

int sys_mutex_valid(sys_mutex_t *mutex)
{
	return mutex->id >= 0;
}

void sys_mutex_set_invalid(sys_mutex_t *mutex)
{
	mutex->id = -1;
}

/* ---- mailboxes ---- */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0 || size > BH_MBOX_MAX)
		size = BH_MBOX_MAX;
	mbox->items = bh_sem_create(0);
	mbox->room = bh_sem_create((unsigned)size);
	if (mbox->items < 0 || mbox->room < 0) {
		if (mbox->items >= 0)
			bh_sem_destroy(mbox->items);
		if (mbox->room >= 0)
			bh_sem_destroy(mbox->room);
		mbox->items = mbox->room = SYS_MBOX_NULL_ID;
		return ERR_MEM;
	}
	mbox->head = mbox->count = 0;
	mbox->size = (unsigned)size;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	if (mbox->items >= 0) {
		bh_sem_destroy(mbox->items);
		bh_sem_destroy(mbox->room);
	}
	mbox->items = mbox->room = SYS_MBOX_NULL_ID;
}

/* The caller holds a place (a `room` count): no other thread runs between the wait and this. */
static void put(sys_mbox_t *mbox, void *msg)
{
	mbox->ring[(mbox->head + mbox->count) % mbox->size] = msg;
	mbox->count++;
	bh_sem_post(mbox->items);
}

static void *take(sys_mbox_t *mbox)
{
	void *msg = mbox->ring[mbox->head];
	mbox->head = (mbox->head + 1) % mbox->size;
	mbox->count--;
	bh_sem_post(mbox->room);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	int rc = bh_sem_wait(mbox->room, BH_FOREVER);
	LWIP_ASSERT("sys_arch: sched refused a mailbox wait", rc == 0);
	LWIP_UNUSED_ARG(rc);
	put(mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (bh_sem_wait(mbox->room, 0) != 0)
		return ERR_MEM;
	put(mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	u32_t waited = wait_sem(mbox->items, timeout);
	if (waited == SYS_ARCH_TIMEOUT)
		return SYS_ARCH_TIMEOUT;
	void *m = take(mbox);
	if (msg)
		*msg = m;
	return waited;
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	if (bh_sem_wait(mbox->items, 0) != 0)
		return SYS_MBOX_EMPTY;
	void *m = take(mbox);
	if (msg)
		*msg = m;
	return 0;
}

int sys_mbox_valid(sys_mbox_t *mbox)
{
	return mbox->items >= 0;
}

void sys_mbox_set_invalid(sys_mbox_t *mbox)
{
	mbox->items = mbox->room = SYS_MBOX_NULL_ID;
}

/* ---- threads ---- */

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn thread, void *arg, int stacksize, int prio)
{
	LWIP_UNUSED_ARG(stacksize);
	LWIP_UNUSED_ARG(prio);
	int id = bh_thread_create(thread, arg);
	if (id < 0) {
		bh_printf("lwip: no thread slot for '%s': raise [threads] max in the configuration\n", name);
		LWIP_ASSERT("sys_thread_new: no free thread slot", 0);
	}
	return id;
}
