/* SPDX-License-Identifier: BSD-3-Clause */
/* The queue component's interface (apps/prodcons): scalars only cross. */
#ifndef PRODCONS_H
#define PRODCONS_H

#define QUEUE_CLOSED (-1L)
#define QUEUE_TIMEDOUT (-2L)

/* Appends v (>= 0), blocking while the queue is full. */
void queue_put(long v);
/* The oldest item; QUEUE_TIMEDOUT after timeout_ms with none, QUEUE_CLOSED once closed and empty. */
long queue_get(long timeout_ms);
/* No more items: every waiting consumer returns QUEUE_CLOSED once the queue is empty. */
void queue_close(void);
/* How many times a get waited on the condition variable, and how many of those timed out. */
unsigned long queue_waits(void);
unsigned long queue_timeouts(void);

#endif
