/* SPDX-License-Identifier: BSD-3-Clause */
/* libc-hello: newlib on bulkhead, whatever the compartments (configs/sqlite/hello-*.toml). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	int n = snprintf(buf, sizeof buf, "%d-%s-%05.2f-%llx", 42, "x", 3.14159, 0xdeadbeefcafeull);
	printf("hello: snprintf \"%s\" (%d)\n", buf, n);

	size_t total = 0;
	char *blocks[64];
	for (int i = 0; i < 64; i++) {
		blocks[i] = malloc(1000 + 1000 * i);
		memset(blocks[i], i, 1000 + 1000 * i);
		total += 1000 + 1000 * i;
	}
	int ok = 1;
	for (int i = 0; i < 64; i++) {
		ok &= blocks[i][999 + 1000 * i] == i;
		free(blocks[i]);
	}
	printf("hello: malloc %zu bytes in 64 blocks: %s\n", total, ok ? "ok" : "CORRUPT");

	/* a file on ramfs, written from the heap (another compartment's memory under mpk) */
	if (mkdir("/tmp", 0755) != 0)
		printf("hello: mkdir failed: %s\n", strerror(errno));
	int fd = open("/tmp/hello.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
	char *big = malloc(10000);
	for (int i = 0; i < 10000; i++)
		big[i] = (char)('a' + i % 26);
	long w = write(fd, big, 10000);
	lseek(fd, 5000, SEEK_SET);
	char *back = calloc(1, 10001);
	long r = read(fd, back, 10000);
	struct stat st;
	fstat(fd, &st);
	close(fd);
	printf("hello: file wrote %ld, read %ld from 5000, size %ld, match %s\n", w, r, (long)st.st_size,
	       memcmp(back, big + 5000, 5000) == 0 ? "yes" : "no");
	FILE *f = fopen("/tmp/stdio.txt", "w");
	fprintf(f, "line %d\n", 1);
	fprintf(f, "line %d\n", 2);
	fclose(f);
	f = fopen("/tmp/stdio.txt", "r");
	char line[32];
	int lines = 0;
	while (fgets(line, sizeof line, f))
		lines++;
	fclose(f);
	printf("hello: stdio file has %d lines; unlink %d; stat after unlink %d (errno %s)\n", lines,
	       unlink("/tmp/stdio.txt"), stat("/tmp/stdio.txt", &st), errno == ENOENT ? "ENOENT" : "?");

	struct timeval tv;
	gettimeofday(&tv, 0);
	clock_t c0 = clock();
	printf("hello: gettimeofday after 2025: %s; clock() %s\n", tv.tv_sec >= 1735689600 ? "yes" : "no",
	       c0 >= 0 ? "ok" : "bad");
	printf("hello: done\n");
	fflush(stdout);
	return 0;
}
