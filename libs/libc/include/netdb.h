/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Address lookup for numeric hosts and services only (libs/libc/netdb.c; there is no resolver):
 * getaddrinfo takes a dotted IPv4 address, "localhost", or no host (AI_PASSIVE: INADDR_ANY, else the
 * loopback address) and a decimal port; getnameinfo answers numerically.  Linux's numbers and layout.
 */
#ifndef BULKHEAD_NETDB_H
#define BULKHEAD_NETDB_H

#include <sys/socket.h>
#include <netinet/in.h>

struct addrinfo {
	int ai_flags;
	int ai_family;
	int ai_socktype;
	int ai_protocol;
	socklen_t ai_addrlen;
	struct sockaddr *ai_addr;
	char *ai_canonname;
	struct addrinfo *ai_next;
};

#define AI_PASSIVE 0x0001
#define AI_CANONNAME 0x0002
#define AI_NUMERICHOST 0x0004
#define AI_V4MAPPED 0x0008
#define AI_ALL 0x0010
#define AI_ADDRCONFIG 0x0020
#define AI_NUMERICSERV 0x0400

#define NI_NUMERICHOST 0x0001
#define NI_NUMERICSERV 0x0002
#define NI_NOFQDN 0x0004
#define NI_NAMEREQD 0x0008
#define NI_DGRAM 0x0010
#define NI_MAXHOST 1025
#define NI_MAXSERV 32

#define EAI_BADFLAGS (-1)
#define EAI_NONAME (-2)
#define EAI_AGAIN (-3)
#define EAI_FAIL (-4)
#define EAI_FAMILY (-6)
#define EAI_SOCKTYPE (-7)
#define EAI_SERVICE (-8)
#define EAI_MEMORY (-10)
#define EAI_SYSTEM (-11)
#define EAI_OVERFLOW (-12)

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *res);
const char *gai_strerror(int code);
int getnameinfo(const struct sockaddr *addr, socklen_t addrlen, char *host, socklen_t hostlen, char *serv,
		socklen_t servlen, int flags);

#endif
