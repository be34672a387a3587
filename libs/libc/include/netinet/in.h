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

#define IP_TOS BHNET_IP_TOS   /* level IPPROTO_IP: the type of service of what the socket sends */

#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)
#define INADDR_NONE ((in_addr_t)0xffffffff)
#define INET_ADDRSTRLEN 16

/* IPv6's types and names, Linux's layout, for programs that handle both families (iperf3): the stack
 * here is IPv4 only, so socket(AF_INET6, ...) fails with EAFNOSUPPORT and getaddrinfo answers
 * EAI_FAMILY for AF_INET6; nothing ever returns such an address. */
struct in6_addr {
	union {
		uint8_t __u6_addr8[16];
		uint16_t __u6_addr16[8];
		uint32_t __u6_addr32[4];
	} __in6_u;
};
#define s6_addr __in6_u.__u6_addr8
#define s6_addr16 __in6_u.__u6_addr16
#define s6_addr32 __in6_u.__u6_addr32

struct sockaddr_in6 {
	sa_family_t sin6_family;
	in_port_t sin6_port;
	uint32_t sin6_flowinfo;
	struct in6_addr sin6_addr;
	uint32_t sin6_scope_id;
};

#define INET6_ADDRSTRLEN 46
#define IN6ADDR_ANY_INIT { { { 0 } } }
extern const struct in6_addr in6addr_any;   /* libs/libc/socket.c */
#define IN6_IS_ADDR_LINKLOCAL(a) \
	((((const struct in6_addr *)(a))->s6_addr[0] == 0xfe) && ((((const struct in6_addr *)(a))->s6_addr[1] & 0xc0) == 0x80))
#define IN6_IS_ADDR_V4MAPPED(a) \
	(((const struct in6_addr *)(a))->s6_addr32[0] == 0 && ((const struct in6_addr *)(a))->s6_addr32[1] == 0 && \
	 ((const struct in6_addr *)(a))->s6_addr32[2] == htonl(0xffff))

static inline uint16_t htons(uint16_t x) { return __builtin_bswap16(x); }
static inline uint16_t ntohs(uint16_t x) { return __builtin_bswap16(x); }
static inline uint32_t htonl(uint32_t x) { return __builtin_bswap32(x); }
static inline uint32_t ntohl(uint32_t x) { return __builtin_bswap32(x); }

#endif
