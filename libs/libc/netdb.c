/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getaddrinfo, getnameinfo and gethostname without a resolver (include/netdb.h): numeric hosts and
 * services only, IPv4.  Results come from libc's malloc (like every libc allocation: readable by
 * another compartment only with [heap] libc = "shared", libs/README.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define HOSTNAME "bulkhead"   /* no network configuration names the machine */

/* A decimal port, 0..65535; -1 if `s` is not one. */
static long parse_port(const char *s)
{
	long v = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) > 65535)
			return -1;
	}
	return v;
}

static struct addrinfo *entry(in_addr_t addr, uint16_t port, int socktype, int protocol, int flags)
{
	struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in));
	if (!ai)
		return NULL;
	struct sockaddr_in *sin = (struct sockaddr_in *)(ai + 1);
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = addr;
	ai->ai_flags = flags;
	ai->ai_family = AF_INET;
	ai->ai_socktype = socktype;
	ai->ai_protocol = protocol ? protocol : socktype == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
	ai->ai_addrlen = sizeof(*sin);
	ai->ai_addr = (struct sockaddr *)sin;
	return ai;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo h = { 0 };
	if (hints)
		h = *hints;
	if (!res || (!node && !service))
		return EAI_NONAME;
	if (h.ai_flags & ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG
			   | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET)
		return EAI_FAMILY;
	if (h.ai_socktype != 0 && h.ai_socktype != SOCK_STREAM && h.ai_socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	in_addr_t addr;
	if (!node)
		addr = htonl((h.ai_flags & AI_PASSIVE) ? INADDR_ANY : INADDR_LOOPBACK);
	else if (strcmp(node, "localhost") == 0 && !(h.ai_flags & AI_NUMERICHOST))
		addr = htonl(INADDR_LOOPBACK);
	else if (inet_pton(AF_INET, node, &addr) != 1)
		return EAI_NONAME;          /* not numeric, and there is no resolver */
	long port = service ? parse_port(service) : 0;
	if (port < 0)
		return EAI_SERVICE;         /* service names need /etc/services: numeric only */
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM };
	struct addrinfo *head = NULL, **tail = &head;
	for (unsigned i = 0; i < 2; i++) {
		if (h.ai_socktype && h.ai_socktype != types[i])
			continue;
		struct addrinfo *ai = entry(addr, (uint16_t)port, types[i], h.ai_protocol, h.ai_flags);
		if (!ai) {
			freeaddrinfo(head);
			return EAI_MEMORY;
		}
		*tail = ai;
		tail = &ai->ai_next;
	}
	if (head && (h.ai_flags & AI_CANONNAME)) {
		head->ai_canonname = strdup(node ? node : "localhost");
		if (!head->ai_canonname) {
			freeaddrinfo(head);
			return EAI_MEMORY;
		}
	}
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
	while (res) {
		struct addrinfo *next = res->ai_next;
		free(res->ai_canonname);
		free(res);
		res = next;
	}
}

const char *gai_strerror(int code)
{
	switch (code) {
	case 0: return "Success";
	case EAI_BADFLAGS: return "Bad value for ai_flags";
	case EAI_NONAME: return "Name or service not known (numeric hosts only: there is no resolver)";
	case EAI_AGAIN: return "Temporary failure in name resolution";
	case EAI_FAIL: return "Non-recoverable failure in name resolution";
	case EAI_FAMILY: return "ai_family not supported";
	case EAI_SOCKTYPE: return "ai_socktype not supported";
	case EAI_SERVICE: return "Servname not supported for ai_socktype (numeric ports only)";
	case EAI_MEMORY: return "Memory allocation failure";
	case EAI_SYSTEM: return "System error";
	case EAI_OVERFLOW: return "Argument buffer overflow";
	default: return "Unknown error";
	}
}

int getnameinfo(const struct sockaddr *addr, socklen_t addrlen, char *host, socklen_t hostlen, char *serv,
		socklen_t servlen, int flags)
{
	if (flags & NI_NAMEREQD)
		return EAI_NONAME;          /* no resolver: no name to give */
	if (!addr || addrlen < sizeof(struct sockaddr_in) || addr->sa_family != AF_INET)
		return EAI_FAMILY;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)addr;
	if (host && hostlen && !inet_ntop(AF_INET, &sin->sin_addr, host, hostlen))
		return EAI_OVERFLOW;
	if (serv && servlen) {
		char tmp[6];
		unsigned p = ntohs(sin->sin_port), k = sizeof(tmp);
		tmp[--k] = 0;
		do {
			tmp[--k] = (char)('0' + p % 10);
			p /= 10;
		} while (p);
		if (sizeof(tmp) - k > servlen)
			return EAI_OVERFLOW;
		memcpy(serv, tmp + k, sizeof(tmp) - k);
	}
	return 0;
}

int gethostname(char *name, size_t len)
{
	if (!name) {
		errno = EFAULT;
		return -1;
	}
	if (len < sizeof(HOSTNAME)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, HOSTNAME, sizeof(HOSTNAME));
	return 0;
}
