/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's compiler and platform port for bulkhead: newlib's headers for types, errno values, timeval,
 * fd_set and the fcntl flags (so lwIP's O_NONBLOCK is libc's), diagnostics on the kernel's console.
 */
#ifndef BULKHEAD_LWIP_ARCH_CC_H
#define BULKHEAD_LWIP_ARCH_CC_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/types.h>
#include <bulkhead/console.h>

#define LWIP_TIMEVAL_PRIVATE 0     /* newlib's struct timeval */
/* newlib's ssize_t (long); lwIP defines its own (int) unless SSIZE_MAX says the system has one */
#ifndef SSIZE_MAX
#define SSIZE_MAX __LONG_MAX__
#endif

/* Diagnostics and assertions: bh_printf is domain-neutral (no libc crossing, no stdio state).  An
 * assertion stops the image with the file and line (lwIP's state is no longer to be trusted). */
void bhnet_assert_failed(const char *msg, int line, const char *file) __attribute__((noreturn));
#define LWIP_PLATFORM_DIAG(x) do { bh_printf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) bhnet_assert_failed((x), __LINE__, __FILE__)

/* errno: lwIP sets it for the calling thread in this compartment (bhnet.c); the contract hands it to
 * libc as a -errno result.  newlib's errno itself lives in libc's compartment and is not touched here. */
void bhnet_set_errno(int err);
#define set_errno(err) bhnet_set_errno(err)

/* Debian's lwIP (patch "port", for the Hurd) reads and writes a sockaddr's length through these
 * macros, which its own port header defines; lwIP's native sockaddr (lwip/sockets.h) has the BSD
 * length byte, so they are the plain field accesses upstream's sockets.c had. */
#define IP4ADDR_SOCKADDR_SET_LEN(sin) ((sin)->sin_len = sizeof(struct sockaddr_in))
#define IP6ADDR_SOCKADDR_SET_LEN(sin6) ((sin6)->sin6_len = sizeof(struct sockaddr_in6))
#define IPADDR_SOCKADDR_GET_LEN(addr) ((addr)->sa.sa_len)

/* Initial sequence numbers and ephemeral ports: the TSC's low bits (not a cryptographic source) */
uint32_t bhnet_rand(void);
#define LWIP_RAND() bhnet_rand()

#endif
