/* SPDX-License-Identifier: BSD-3-Clause */
/* POSIX unnamed semaphores (libs/pthread; newlib has no <semaphore.h>): a libs/sched semaphore. */
#ifndef BULKHEAD_SEMAPHORE_H
#define BULKHEAD_SEMAPHORE_H

#include <time.h>

typedef struct {
	int id;   /* the libs/sched semaphore */
} sem_t;

int sem_init(sem_t *sem, int pshared, unsigned value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abstime);
int sem_post(sem_t *sem);
int sem_getvalue(sem_t *sem, int *value);

#endif
