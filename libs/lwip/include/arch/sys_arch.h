/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's OS types on libs/sched (sys_arch.c): every object is a scheduler index, as sched names its
 * objects; a mailbox is a ring of pointers with two counting semaphores (items, free slots).
 */
#ifndef BULKHEAD_LWIP_ARCH_SYS_ARCH_H
#define BULKHEAD_LWIP_ARCH_SYS_ARCH_H

#define BH_MBOX_MAX 64      /* the largest mailbox (lwipopts.h's *_MBOX_SIZE are at most this) */

typedef struct { int id; } sys_sem_t;          /* id < 0: invalid */
typedef struct { int id; } sys_mutex_t;
typedef struct {
	int items, room;                        /* semaphores: messages waiting, free places */
	unsigned head, count, size;
	void *ring[BH_MBOX_MAX];
} sys_mbox_t;                                  /* items < 0: invalid */
typedef int sys_thread_t;
typedef int sys_prot_t;

#define SYS_MBOX_NULL_ID (-1)

#endif
