/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What iperf3 3.12's configure would generate (src/iperf_config.h.in) for bulkhead's libc (newlib and
 * libs/libc's system-call layer), written by hand because configure cannot run against a target
 * that is not a hosted Linux.  Every HAVE_ that iperf_config.h.in lists is here, set or not, with why.
 * iperf3's own sources are compiled unchanged (apps/iperf3/iperf3/component.toml).
 */
#ifndef BULKHEAD_IPERF_CONFIG_H
#define BULKHEAD_IPERF_CONFIG_H

/* Set: libs/libc/syscalls.c has clock_gettime (CLOCK_MONOTONIC, CLOCK_REALTIME on the TSC). */
#define HAVE_CLOCK_GETTIME 1
/* Not set: no CPU affinity (one CPU; no cpuset_setaffinity, sched_setaffinity or
 * SetProcessAffinityMask): `-A` is refused as "not supported". */
#undef HAVE_CPUSET_SETAFFINITY
#undef HAVE_CPU_AFFINITY
#undef HAVE_SCHED_SETAFFINITY
#undef HAVE_SETPROCESSAFFINITYMASK
/* Not set: no processes, so no daemon(): `-D` is refused. */
#undef HAVE_DAEMON
/* Not set: no dynamic loading. */
#undef HAVE_DLFCN_H
/* Set: libs/libc/include/endian.h (glibc's byte-order macros; newlib has only machine/endian.h).
 * Not <sys/endian.h>, the BSDs'. */
#define HAVE_ENDIAN_H 1
#undef HAVE_SYS_ENDIAN_H
/* Not set: no IP_MTU_DISCOVER/IP_DONTFRAG(MENT) in lwIP's socket options (`--dont-fragment`). */
#undef HAVE_DONT_FRAGMENT
#undef HAVE_IP_DONTFRAG
#undef HAVE_IP_DONTFRAGMENT
#undef HAVE_IP_MTU_DISCOVER
/* Not set: IPv4 only (lwIP is built without IPv6), so no flow labels. */
#undef HAVE_FLOWLABEL
/* Set: newlib has getline. */
#define HAVE_GETLINE 1
/* Not set: no <linux/tcp.h> and no TCP_INFO (lwIP keeps no struct tcp_info): tcp_info.c reports
 * retransmits, cwnd and RTT as unavailable, as on a system without TCP_INFO. */
#undef HAVE_LINUX_TCP_H
#undef HAVE_TCP_INFO_SND_WND
/* Not set: no SCTP in lwIP (`--sctp` is refused). */
#undef HAVE_NETINET_SCTP_H
#undef HAVE_SCTP_H
#undef HAVE_STRUCT_SCTP_ASSOC_VALUE
/* Set: libs/libc/include/poll.h. */
#define HAVE_POLL_H 1
/* Not set: no sendfile (`-Z`, zero copy, is refused). */
#undef HAVE_SENDFILE
/* Not set: no SO_BINDTODEVICE, SO_MAX_PACING_RATE, TCP_CONGESTION or TCP_USER_TIMEOUT in lwIP
 * (`--bind-dev`, `--fq-rate`, `-C`, `--snd-timeout` are refused). */
#undef HAVE_SO_BINDTODEVICE
#undef HAVE_SO_MAX_PACING_RATE
#undef HAVE_TCP_CONGESTION
#undef HAVE_TCP_USER_TIMEOUT
/* Not set: no OpenSSL, so no authentication (`--rsa-*`, `--username`). */
#undef HAVE_SSL
/* Set: newlib's headers. */
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDIO_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_SOCKET_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define STDC_HEADERS 1

#define PACKAGE "iperf"
#define PACKAGE_BUGREPORT "https://github.com/esnet/iperf"
#define PACKAGE_NAME "iperf"
#define PACKAGE_STRING "iperf 3.12"
#define PACKAGE_TARNAME "iperf"
#define PACKAGE_URL "https://software.es.net/iperf/"
#define PACKAGE_VERSION "3.12"
#define VERSION "3.12"

#endif
