/* SPDX-License-Identifier: BSD-3-Clause */
/* What iperf3 3.12's configure makes of src/version.h.in: the version of the sources compiled. */
#define IPERF_VERSION "3.12"
