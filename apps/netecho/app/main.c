/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netecho: a TCP echo server on port 7, reached from the host through QEMU's user network
 * (app.toml hostfwd) and a virtio-net device (libs/netdev) feeding lwIP (libs/lwip).  It serves
 * CONNECTIONS clients one after the other, echoing each until it shuts its side down, then exits 0.
 *
 * The configuration chooses how the driver waits for frames with a boot file, /etc/netecho.conf
 * ([files] "/etc/netecho.conf" = "..."): a line `netdev poll` polls the receive ring at every turn of
 * the scheduler; without it (or `netdev irq`) the device's interrupt wakes the driver's thread.
 * Every line printed starts with "netecho:".
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <bhthread.h>
#include <bhtime.h>
#include "netdev.h"

#define ECHO_PORT 7
#define CONNECTIONS 2

static int mode_from_config(void)
{
	FILE *f = fopen("/etc/netecho.conf", "r");
	int mode = NETDEV_IRQ;
	char line[256];
	int continued = 0;   /* the rest of a line longer than the buffer: not a line of its own */
	if (!f)
		return mode;
	while (fgets(line, sizeof(line), f)) {
		int rest = continued;
		continued = !strchr(line, '\n');
		if (rest)
			continue;
		if (strncmp(line, "netdev poll", 11) == 0)
			mode = NETDEV_POLL;
		else if (strncmp(line, "netdev irq", 10) == 0)
			mode = NETDEV_IRQ;
		else if (line[0] != '#' && line[0] != '\n')
			printf("netecho: /etc/netecho.conf: ignored line: %s%s", line, continued ? "...\n" : "");
	}
	fclose(f);
	return mode;
}

static int echo(int c, long *total)
{
	static char buf[4096];
	for (;;) {
		ssize_t n = recv(c, buf, sizeof(buf), 0);
		if (n == 0)
			return 0;
		if (n < 0) {
			perror("netecho: recv");
			return -1;
		}
		for (ssize_t off = 0; off < n;) {
			ssize_t m = send(c, buf + off, (size_t)(n - off), 0);
			if (m <= 0) {
				perror("netecho: send");
				return -1;
			}
			off += m;
		}
		*total += n;
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);   /* the host waits for the "listening" line */
	if (netdev_start(mode_from_config()) != 0)
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
	printf("netecho: listening on port %d for %d connection(s)\n", ECHO_PORT, CONNECTIONS);
	for (int i = 1; i <= CONNECTIONS; i++) {
		int c = accept(s, NULL, NULL);
		if (c < 0) {
			perror("netecho: accept");
			return 3;
		}
		long total = 0;
		int rc = echo(c, &total);
		close(c);
		printf("netecho: connection %d: %ld bytes echoed\n", i, total);
		if (rc != 0)
			return 4;
	}
	close(s);
	/* The image's exit ends QEMU at once, and with it whatever lwIP still had to send or resend to
	 * the last client (close returns before the peer acknowledges).  Give the stack 2 s to drain: a
	 * bound, not a proof (SO_LINGER, which would be one, left close hanging in some runs: README). */
	bh_thread_sleep(2 * time_tsc_hz());
	printf("netecho: done: %lu frames received, %lu sent, %lu dropped, %lu interrupts\n",
	       (unsigned long)netdev_count(NETDEV_RX_FRAMES), (unsigned long)netdev_count(NETDEV_TX_FRAMES),
	       (unsigned long)netdev_count(NETDEV_RX_DROPPED), (unsigned long)netdev_count(NETDEV_IRQS));
	return 0;
}
