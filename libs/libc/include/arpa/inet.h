/* SPDX-License-Identifier: BSD-3-Clause */
/* Numeric IPv4 text conversions (libs/libc/socket.c). */
#ifndef BULKHEAD_ARPA_INET_H
#define BULKHEAD_ARPA_INET_H

#include <netinet/in.h>

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
in_addr_t inet_addr(const char *cp);

#endif
