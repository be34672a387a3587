/* SPDX-License-Identifier: BSD-3-Clause */
/* IPv4 addresses (libc's socket layer; Linux's layout). */
#ifndef BULKHEAD_NETINET_IN_H
#define BULKHEAD_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;

struct in_addr {
	in_addr_t s_addr;
};

struct sockaddr_in {
	sa_family_t sin_family;
	in_port_t sin_port;          /* network byte order */
	struct in_addr sin_addr;     /* network byte order */
	unsigned char sin_zero[8];
};

#define IPPROTO_IP BHNET_IPPROTO_IP
#define IPPROTO_TCP BHNET_IPPROTO_TCP
#define IPPROTO_UDP BHNET_IPPROTO_UDP

#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)
#define INADDR_NONE ((in_addr_t)0xffffffff)
#define INET_ADDRSTRLEN 16

static inline uint16_t htons(uint16_t x) { return __builtin_bswap16(x); }
static inline uint16_t ntohs(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t htonl(uint32_t x) { return __builtin_bswap32(x); }
static inline uint32_t ntohl(uint32_t x) { return __builtin_bswap32(x); }

#endif
