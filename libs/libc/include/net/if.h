/* SPDX-License-Identifier: BSD-3-Clause */
/* Network interfaces (libc's socket layer): the name length only; no interface may be named or
 * bound to here (SO_BINDTODEVICE is not provided), so no if_nametoindex. */
#ifndef BULKHEAD_NET_IF_H
#define BULKHEAD_NET_IF_H
#define IFNAMSIZ 16
#define IF_NAMESIZE IFNAMSIZ
#endif
