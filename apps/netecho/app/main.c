/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netecho: a TCP echo server on port 7, reached from the host through QEMU's user network
 * (app.toml hostfwd) and a virtio-net device (libs/netdev) feeding lwIP (libs/lwip).  It serves
 * clients one after the other, echoing each until it shuts its side down, then closes with SO_LINGER
 * (close returns once the client has acknowledged every byte and the FIN, so the image's exit cuts
 * nothing off); after CONNECTIONS clients it exits 0.
 *
 * The configuration tunes it with a boot file, /etc/netecho.conf ([files] "/etc/netecho.conf" = "...",
 * or ./bulkhead run --file), one setting a line:
 *   netdev poll | netdev irq   how the driver waits for frames: polling the receive ring at every turn
 *                              of the scheduler, or sleeping until the device's interrupt (the default)
 *   connections N              serve N clients, then exit (default 2)
 *   connections until-quit     serve until a client whose whole stream is the 4 bytes "quit" (echoed)
 *   timeout S                  a client that makes no progress for S seconds (does not read what is
 *                              echoed, or sends nothing) is dropped (default 60; SO_SNDTIMEO, SO_RCVTIMEO)
 * A client that resets, times out or fails is dropped with a line saying why, and the next is served.
 * Every line printed starts with "netecho:".
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <bhthread.h>
#include <bhtime.h>
#include "netdev.h"

#define ECHO_PORT 7
#define CONNECTIONS 2
#define UNTIL_QUIT 0          /* connections: no count, a "quit" client ends the server */
#define TIMEOUT_S 60
#define LINGER_S 10           /* the bound on close's wait for the client's acknowledgements */
#define RETRY_TICKS_DIV 100   /* a failed accept (no socket free yet) is retried after 10 ms */

struct settings {
	int mode;          /* NETDEV_IRQ or NETDEV_POLL */
	int connections;   /* or UNTIL_QUIT */
	int timeout_s;
};

static void setting(struct settings *s, const char *line)
{
	char *end;
	if (strncmp(line, "netdev poll", 11) == 0)
		s->mode = NETDEV_POLL;
	else if (strncmp(line, "netdev irq", 10) == 0)
		s->mode = NETDEV_IRQ;
	else if (strncmp(line, "connections until-quit", 22) == 0)
		s->connections = UNTIL_QUIT;
	else if (strncmp(line, "connections ", 12) == 0 && (s->connections = (int)strtol(line + 12, &end, 10)) > 0 &&
		 (*end == '\n' || *end == 0))
		;
	else if (strncmp(line, "timeout ", 8) == 0 && (s->timeout_s = (int)strtol(line + 8, &end, 10)) > 0 &&
		 (*end == '\n' || *end == 0))
		;
	else {
		if (strncmp(line, "connections ", 12) == 0)
			s->connections = CONNECTIONS;
		else if (strncmp(line, "timeout ", 8) == 0)
			s->timeout_s = TIMEOUT_S;
		if (line[0] != '#' && line[0] != '\n')
			printf("netecho: /etc/netecho.conf: ignored line: %s", line);
	}
}

static struct settings settings_from_config(void)
{
	struct settings s = { NETDEV_IRQ, CONNECTIONS, TIMEOUT_S };
	FILE *f = fopen("/etc/netecho.conf", "r");
	char line[256];
	int continued = 0;   /* the rest of a line longer than the buffer: not a line of its own */
	if (!f)
		return s;
	while (fgets(line, sizeof(line), f)) {
		int rest = continued;
		continued = !strchr(line, '\n');
		if (rest)
			continue;
		if (continued)
			printf("netecho: /etc/netecho.conf: ignored line: %s...\n", line);
		else
			setting(&s, line);
	}
	fclose(f);
	return s;
}

/* Echoes until the client shuts its side down (0) or fails (-1, errno); *total counts the bytes,
 * first[] keeps the stream's first 4 (the quit word). */
static int echo(int c, long *total, char first[4])
{
	static char buf[4096];
	for (;;) {
		ssize_t n = recv(c, buf, sizeof(buf), 0);
		if (n == 0)
			return 0;
		if (n < 0)
			return -1;
		for (ssize_t i = 0; i < n && *total + i < 4; i++)
			first[*total + i] = buf[i];
		for (ssize_t off = 0; off < n;) {
			ssize_t m = send(c, buf + off, (size_t)(n - off), 0);
			if (m <= 0)
				return -1;
			off += m;
		}
		*total += n;
	}
}

/* A client's socket: bounded waits both ways, and a close that waits for the acknowledgements. */
static int client_options(int c, int timeout_s)
{
	struct timeval tv = { .tv_sec = timeout_s };
	struct linger lg = { .l_onoff = 1, .l_linger = LINGER_S };
	return setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) | setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) |
	       setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

/* Drops a failed client: a reset (linger 0) so that nothing it left unread keeps the server. */
static void drop(int c, int i, long total, int err, int timeout_s)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	if (err == EAGAIN || err == EWOULDBLOCK)
		printf("netecho: connection %d: dropped after %ld bytes: no progress for %d s (the client "
		       "does not read, or sends nothing)\n", i, total, timeout_s);
	else
		printf("netecho: connection %d: dropped after %ld bytes: %s\n", i, total, strerror(err));
	setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c);
}

/* accept's failures that a later accept may not have: no socket or memory free now, a client that
 * left before it was taken */
static int transient(int err)
{
	return err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM || err == ECONNABORTED ||
	       err == ECONNRESET || err == EAGAIN;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);   /* the host waits for the "listening" line */
	struct settings cfg = settings_from_config();
	if (netdev_start(cfg.mode) != 0)
		return 1;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(ECHO_PORT),
				 .sin_addr.s_addr = htonl(INADDR_ANY) };
	if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(s, 4) != 0) {
		perror("netecho: socket, bind or listen");
		return 2;
	}
	if (cfg.connections == UNTIL_QUIT)
		printf("netecho: listening on port %d until a client says quit\n", ECHO_PORT);
	else
		printf("netecho: listening on port %d for %d connection(s)\n", ECHO_PORT, cfg.connections);
	int quit = 0;
	for (int i = 1; !quit && (cfg.connections == UNTIL_QUIT || i <= cfg.connections); i++) {
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			int err = errno;
			if (!transient(err)) {
				perror("netecho: accept");
				return 3;
			}
			printf("netecho: accept: %s; retrying\n", strerror(err));
			bh_thread_sleep(time_tsc_hz() / RETRY_TICKS_DIV);
			i--;
			continue;
		}
		long total = 0;
		char first[4] = { 0 };
		if (client_options(c, cfg.timeout_s) != 0 || echo(c, &total, first) != 0) {
			drop(c, i, total, errno, cfg.timeout_s);
			continue;
		}
		quit = cfg.connections == UNTIL_QUIT && total == 4 && memcmp(first, "quit", 4) == 0;
		if (close(c) != 0)
			printf("netecho: connection %d: close: %s\n", i, strerror(errno));
		printf("netecho: connection %d: %ld bytes echoed\n", i, total);
	}
	close(s);
	printf("netecho: done: %lu frames received, %lu sent, %lu dropped, %lu interrupts\n",
	       (unsigned long)netdev_count(NETDEV_RX_FRAMES), (unsigned long)netdev_count(NETDEV_TX_FRAMES),
	       (unsigned long)netdev_count(NETDEV_RX_DROPPED), (unsigned long)netdev_count(NETDEV_IRQS));
	return 0;
}
