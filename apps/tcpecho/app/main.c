/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tcpecho: a TCP echo server and its client, two threads of one image, over lwIP (libs/lwip) on its
 * loopback netif (127.0.0.1), through libc's socket calls only (plain POSIX C: nothing here knows
 * about compartments or lwIP).
 *
 * The server (a pthread) listens, accepts one client, and echoes what it reads until the client shuts
 * its side down.  The client (main) connects, sends ECHO_BYTES of a pattern in uneven pieces, reads
 * the echo back with poll and a non-blocking socket, compares, and checks errno on a few error paths.
 * Every line it prints starts with "tcpecho:"; the last says whether every byte came back.
 */
#define _POSIX_C_SOURCE 200809L   /* the POSIX declarations, on Linux and newlib alike */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define ECHO_PORT 7007
#define ECHO_BYTES (12 * 1024 + 345)   /* a few kilobytes, not a multiple of any chunk */
#define WAIT_S 120                     /* the longest select/poll wait: backend vm on a loaded host is slow */

static int listening;                  /* the server's listening socket, set before main connects */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static long echoed;                    /* bytes the server sent back */

static unsigned char pattern(size_t i)
{
	return (unsigned char)((i * 131 + 7) ^ (i >> 8));
}

static void *server(void *arg)
{
	(void)arg;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0) {
		printf("tcpecho: server socket failed: errno %d\n", errno);
		return (void *)1;
	}
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(ECHO_PORT);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 4) < 0) {
		printf("tcpecho: server bind/listen failed: errno %d\n", errno);
		return (void *)1;
	}
	pthread_mutex_lock(&lock);
	listening = s;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&lock);

	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	int c = accept(s, (struct sockaddr *)&peer, &plen);
	if (c < 0) {
		printf("tcpecho: accept failed: errno %d\n", errno);
		return (void *)1;
	}
	char who[INET_ADDRSTRLEN];
	printf("tcpecho: server accepted a client from %s\n",
	       inet_ntop(AF_INET, &peer.sin_addr, who, sizeof(who)) ? who : "?");
	char buf[1000];
	for (;;) {
		fd_set rd;                      /* wait with select, then read what is there */
		FD_ZERO(&rd);
		FD_SET(c, &rd);
		struct timeval tv = { .tv_sec = WAIT_S, .tv_usec = 0 };
		if (select(c + 1, &rd, NULL, NULL, &tv) != 1 || !FD_ISSET(c, &rd)) {
			printf("tcpecho: server select: nothing readable in %d s (errno %d)\n", WAIT_S, errno);
			return (void *)1;
		}
		ssize_t n = read(c, buf, sizeof(buf));
		if (n < 0) {
			printf("tcpecho: server read failed: errno %d\n", errno);
			return (void *)1;
		}
		if (n == 0)
			break;                  /* the client shut its side down */
		/* the first half and the second half gathered by writev, what did not go by write */
		struct iovec halves[2] = { { buf, (size_t)n / 2 }, { buf + n / 2, (size_t)(n - n / 2) } };
		ssize_t first = writev(c, halves, 2);
		if (first < 0) {
			printf("tcpecho: server writev failed: errno %d\n", errno);
			return (void *)1;
		}
		echoed += first;
		for (ssize_t off = first; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w <= 0) {
				printf("tcpecho: server write failed: errno %d\n", errno);
				return (void *)1;
			}
			off += w;
			echoed += w;
		}
	}
	close(c);
	close(s);
	return NULL;
}

/* Reads until `want` bytes came back, with poll on a non-blocking socket. */
static long read_back(int s, unsigned char *got, long want)
{
	long have = 0;
	while (have < want) {
		struct pollfd p = { .fd = s, .events = POLLIN };
		int r = poll(&p, 1, WAIT_S * 1000);
		if (r <= 0) {
			printf("tcpecho: poll gave %d (errno %d) with %ld of %ld bytes back\n", r, errno, have, want);
			return have;
		}
		ssize_t n = recv(s, got + have, (size_t)(want - have), 0);
		if (n < 0 && errno == EAGAIN)
			continue;
		if (n <= 0) {
			printf("tcpecho: recv gave %ld (errno %d)\n", (long)n, errno);
			return have;
		}
		have += n;
	}
	return have;
}

/* errno where lwIP says no: binding the echo port again while the server listens (EADDRINUSE), sending on a stream socket that
 * is not connected (ENOTCONN), and a receive that waits SO_RCVTIMEO (100 ms) for nothing (EAGAIN),
 * which blocks this thread on the scheduler's timeout and comes back no earlier. */
static int more_errno(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(ECHO_PORT);
	a.sin_addr.s_addr = htonl(INADDR_ANY);
	int inuse = bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == EADDRINUSE;
	/* POSIX says ENOTCONN; Linux says EPIPE for a TCP socket never connected */
	int notconn = send(s, "x", 1, MSG_NOSIGNAL) < 0 && (errno == ENOTCONN || errno == EPIPE);
	a.sin_port = htons(ECHO_PORT + 3);
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
	char b[4];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int timedout = bind(u, (struct sockaddr *)&a, sizeof(a)) == 0
		&& setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0
		&& recv(u, b, sizeof(b), 0) < 0 && errno == EAGAIN;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (!inuse || !notconn || !timedout || ms < 100)
		printf("tcpecho: EADDRINUSE %d, ENOTCONN %d, timeout %d after %ld ms\n", inuse, notconn, timedout, ms);
	close(s);
	close(u);
	return inuse && notconn && timedout && ms >= 100;
}

/* One datagram over UDP: sendto, a peek that leaves it queued, recvfrom with the sender's address. */
static int udp_roundtrip(void)
{
	int rx = socket(AF_INET, SOCK_DGRAM, 0), tx = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a, from;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(ECHO_PORT + 2);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (rx < 0 || tx < 0 || bind(rx, (struct sockaddr *)&a, sizeof(a)) < 0)
		return 0;
	static const char msg[] = "a datagram through lwIP";
	if (sendto(tx, msg, sizeof(msg), 0, (struct sockaddr *)&a, sizeof(a)) != (ssize_t)sizeof(msg))
		return 0;
	char peek[8], got[64];
	socklen_t flen = sizeof(from);
	int ok = recv(rx, peek, sizeof(peek), MSG_PEEK) == (ssize_t)sizeof(peek) && memcmp(peek, msg, sizeof(peek)) == 0
		&& recvfrom(rx, got, sizeof(got), 0, (struct sockaddr *)&from, &flen) == (ssize_t)sizeof(msg)
		&& memcmp(got, msg, sizeof(msg)) == 0 && flen == sizeof(from)
		&& ntohl(from.sin_addr.s_addr) == INADDR_LOOPBACK && from.sin_port != 0;
	/* the same through sendmsg (gathered from two buffers) and recvmsg (scattered into two) */
	struct iovec out[2] = { { (void *)msg, 10 }, { (void *)(msg + 10), sizeof(msg) - 10 } };
	struct msghdr m = { .msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = out, .msg_iovlen = 2 };
	char p1[5], p2[64];
	struct iovec in[2] = { { p1, sizeof(p1) }, { p2, sizeof(p2) } };
	struct msghdr r = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = in, .msg_iovlen = 2 };
	ok = ok && sendmsg(tx, &m, 0) == (ssize_t)sizeof(msg) && recvmsg(rx, &r, 0) == (ssize_t)sizeof(msg)
		&& memcmp(p1, msg, 5) == 0 && memcmp(p2, msg + 5, sizeof(msg) - 5) == 0 && r.msg_flags == 0
		&& r.msg_namelen == sizeof(from) && ntohl(from.sin_addr.s_addr) == INADDR_LOOPBACK;
	/* a datagram longer than the buffers: cut, and said so */
	in[1].iov_len = 3;
	r.msg_iovlen = 2;
	ok = ok && sendto(tx, msg, sizeof(msg), 0, (struct sockaddr *)&a, sizeof(a)) == (ssize_t)sizeof(msg)
		&& recvmsg(rx, &r, 0) == 8 && (r.msg_flags & MSG_TRUNC) && memcmp(p2, msg + 5, 3) == 0;
	close(rx);
	close(tx);
	return ok;
}

int main(void)
{
	static unsigned char sent[ECHO_BYTES], got[ECHO_BYTES];
	pthread_t t;
	if (pthread_create(&t, NULL, server, NULL) != 0) {
		printf("tcpecho: pthread_create failed\n");
		return 1;
	}
	pthread_mutex_lock(&lock);
	while (!listening)
		pthread_cond_wait(&ready, &lock);
	pthread_mutex_unlock(&lock);

	/* errno on the error paths a client meets first */
	char junk[4];
	int bad = recv(1, junk, sizeof(junk), 0) < 0 && errno == ENOTSOCK;   /* stdout: open, not a socket */
	bad += recv(17, junk, sizeof(junk), 0) < 0 && errno == EBADF;          /* not open */
	bad += send(60, junk, sizeof(junk), 0) < 0 && errno == EBADF;
	bad += socket(12345, SOCK_STREAM, 0) < 0 && errno == EAFNOSUPPORT;
	printf("tcpecho: errno on bad descriptors and families: %s\n", bad == 4 ? "right" : "wrong");

	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(ECHO_PORT + 1);                 /* nobody listens there */
	inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
	int refused = connect(s, (struct sockaddr *)&a, sizeof(a)) < 0 && errno == ECONNREFUSED;
	printf("tcpecho: connect to a closed port: %s\n", refused ? "refused" : strerror(errno));
	close(s);

	/* the server's address as a program that takes it from its command line finds it */
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai = NULL, *pa = NULL;
	int gai = getaddrinfo("127.0.0.1", "7007", &hints, &ai);
	hints.ai_flags = AI_PASSIVE;
	int looked = gai == 0 && ai && !ai->ai_next && ai->ai_family == AF_INET && ai->ai_protocol == IPPROTO_TCP
		&& getaddrinfo(NULL, "7007", &hints, &pa) == 0 && ((struct sockaddr_in *)pa->ai_addr)->sin_addr.s_addr == htonl(INADDR_ANY)
		&& (hints.ai_flags = AI_NUMERICHOST, getaddrinfo("example.org", "7007", &hints, &pa->ai_next) == EAI_NONAME)
		&& getaddrinfo("127.0.0.1", "no-such-service", &hints, &pa->ai_next) == EAI_SERVICE;
	char host[64];
	looked += gethostname(host, sizeof(host)) == 0 && host[0] != 0;
	printf("tcpecho: getaddrinfo (numeric) and gethostname: %s\n", looked == 2 ? "right" : "wrong");
	if (gai != 0) {
		printf("tcpecho: getaddrinfo failed: %s\n", gai_strerror(gai));
		return 1;
	}
	freeaddrinfo(pa);
	s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (s < 0 || connect(s, ai->ai_addr, ai->ai_addrlen) < 0) {
		printf("tcpecho: connect failed: errno %d\n", errno);
		return 1;
	}
	freeaddrinfo(ai);
	int one = 1;
	setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	struct sockaddr_in me, them;
	socklen_t mlen = sizeof(me), tlen2 = sizeof(them);
	int named = getsockname(s, (struct sockaddr *)&me, &mlen) == 0 && getpeername(s, (struct sockaddr *)&them, &tlen2) == 0
		&& me.sin_family == AF_INET && ntohl(me.sin_addr.s_addr) == INADDR_LOOPBACK && ntohs(me.sin_port) != 0
		&& ntohs(them.sin_port) == ECHO_PORT && mlen == sizeof(me);
	printf("tcpecho: getsockname and getpeername: %s\n", named ? "right" : "wrong");
	int type = 0;
	socklen_t tlen = sizeof(type);
	getsockopt(s, SOL_SOCKET, SO_TYPE, &type, &tlen);
	printf("tcpecho: connected, SO_TYPE %s\n", type == SOCK_STREAM ? "SOCK_STREAM" : "wrong");
	/* while the server listens on the echo port */
	printf("tcpecho: errno of a used port, an unconnected send, a receive timeout: %s\n", more_errno() ? "right" : "wrong");

	int fl = fcntl(s, F_GETFL);
	fcntl(s, F_SETFL, fl | O_NONBLOCK);
	int nb = recv(s, got, 1, 0) < 0 && errno == EAGAIN;   /* nothing sent yet: would block */
	printf("tcpecho: non-blocking recv with nothing to read: %s\n", nb ? "EAGAIN" : "wrong");

	for (long i = 0; i < ECHO_BYTES; i++)
		sent[i] = pattern((size_t)i);
	long off = 0, piece = 1;
	long back = 0;
	struct timespec e0, e1;
	clock_gettime(CLOCK_MONOTONIC, &e0);
	while (off < ECHO_BYTES) {                          /* uneven pieces: 1, 3, 9, ... bytes */
		long n = ECHO_BYTES - off < piece ? ECHO_BYTES - off : piece;
		ssize_t w = send(s, sent + off, (size_t)n, 0);
		if (w < 0 && errno == EAGAIN) {
			back += read_back(s, got + back, off - back);   /* make room: drain the echo */
			continue;
		}
		if (w <= 0) {
			printf("tcpecho: send failed: errno %d\n", errno);
			return 1;
		}
		off += w;
		piece = piece * 3 % 5000 + 1;
	}
	back += read_back(s, got + back, ECHO_BYTES - back);
	clock_gettime(CLOCK_MONOTONIC, &e1);
	/* not compared by the tests: under --icount, virtual microseconds = thousands of guest instructions */
	printf("tcpecho-cost: the echo took %ld us\n",
	       (long)(e1.tv_sec - e0.tv_sec) * 1000000 + (e1.tv_nsec - e0.tv_nsec) / 1000);
	shutdown(s, SHUT_WR);
	void *rc;
	pthread_join(t, &rc);
	close(s);

	printf("tcpecho: udp datagram with MSG_PEEK, recvfrom, sendmsg/recvmsg, MSG_TRUNC: %s\n", udp_roundtrip() ? "right" : "wrong");

	int same = back == ECHO_BYTES && memcmp(sent, got, ECHO_BYTES) == 0;
	printf("tcpecho: server echoed %ld bytes, client got %ld back\n", echoed, back);
	printf("tcpecho: sent %d bytes, echo %s\n", ECHO_BYTES, same && rc == NULL ? "identical" : "DIFFERENT");
	fflush(stdout);
	return same && rc == NULL ? 0 : 1;
}
