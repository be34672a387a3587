/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Boot files (apps/conffile): the run passes /etc/conffile/app.conf and /data/blob.bin from the host
 * (`./bulkhead run --file HOST:/GUEST`, QEMU fw_cfg); the kernel lists them, vfs copies them into
 * ramfs, and this program, unchanged C, reads them with fopen/fgets and open/read.
 * tests/test_bootfile.py computes the same digests from the host's copies.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned long djb2(unsigned long h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = h * 33 + p[i];
	return h;
}

int main(void)
{
	FILE *f = fopen("/etc/conffile/app.conf", "r");
	if (!f) {
		printf("conffile: cannot open /etc/conffile/app.conf: %s\n", strerror(errno));
		return 1;
	}
	char line[256];
	unsigned long h = 5381, bytes = 0;
	int lines = 0;
	while (fgets(line, sizeof line, f)) {
		size_t n = strlen(line);
		h = djb2(h, (const unsigned char *)line, n);
		bytes += n;
		lines++;
		char *eq = strchr(line, '=');
		if (line[0] != '#' && eq) {
			*eq = 0;
			line[strcspn(line, "\r\n")] = 0;
			eq[1 + strcspn(eq + 1, "\r\n")] = 0;
			printf("conffile: setting %s = %s\n", line, eq + 1);
		}
	}
	fclose(f);
	printf("conffile: app.conf %d lines, %lu bytes, djb2 %lu\n", lines, bytes, h);

	int fd = open("/data/blob.bin", O_RDONLY);
	if (fd < 0) {
		printf("conffile: cannot open /data/blob.bin: %s\n", strerror(errno));
		return 1;
	}
	static unsigned char buf[1000];
	long got, total = 0;
	h = 5381;
	while ((got = read(fd, buf, sizeof buf)) > 0) {
		h = djb2(h, buf, (size_t)got);
		total += got;
	}
	close(fd);
	printf("conffile: blob.bin %ld bytes, djb2 %lu\n", total, h);
	printf("conffile: a file nobody passed: %s\n", fopen("/etc/missing.conf", "r") ? "found" : strerror(errno));
	fflush(stdout);
	return 0;
}
