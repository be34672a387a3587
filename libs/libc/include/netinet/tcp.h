/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef BULKHEAD_NETINET_TCP_H
#define BULKHEAD_NETINET_TCP_H
#include <bhnet.h>
#define TCP_NODELAY BHNET_TCP_NODELAY
#define TCP_MAXSEG BHNET_TCP_MAXSEG
#endif
