/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stack guard pages (kernel/stackguard.c): the stack-size attribute is accepted up to the
 * configuration's [threads] stack_kib (configs/stackguard/: 32 KiB) and refused above it; then a
 * thread created with that attribute calls into another compartment ('deep'), which recurses until
 * the thread's stack there runs out.  The kernel must stop the image at the guard page below that
 * stack with a report naming the thread and the compartment (status 77): never let it write on
 * into the stack below it, which is thread 0's, main's own.
 */
#define _POSIX_C_SOURCE 200809L   /* the POSIX declarations of newlib's headers */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "deep.h"

#define STACK_KIB 32   /* configs/stackguard/*.toml: [threads] stack_kib */

static void *dive(void *arg)
{
	(void)arg;
	printf("stackguard: thread diving into compartment deep\n");
	fflush(stdout);
	deep_dive(1);
	return 0;
}

static const char *ename(int rc)
{
	return rc == 0 ? "ok" : rc == EINVAL ? "EINVAL" : "other";
}

int main(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	printf("stackguard: setstacksize %d KiB: %s\n", STACK_KIB + 4,
	       ename(pthread_attr_setstacksize(&a, (STACK_KIB + 4) * 1024)));
	printf("stackguard: setstacksize %d KiB: %s\n", STACK_KIB, ename(pthread_attr_setstacksize(&a, STACK_KIB * 1024)));
	fflush(stdout);
	pthread_t t;
	int rc = pthread_create(&t, &a, dive, 0);
	if (rc != 0) {
		printf("stackguard: pthread_create: %s\n", strerror(rc));
		return 1;
	}
	pthread_join(t, 0);
	printf("stackguard: the thread came back: its stack never ran out\n");
	return 2;
}
