/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's options for bulkhead (libs/lwip): an OS port (NO_SYS 0) on libs/sched's cooperative threads,
 * IPv4 and TCP/UDP, the netconn and socket APIs (lwip_* names only: libc's socket layer is the POSIX
 * face), the loopback netif (127.0.0.1), every buffer in lwIP's own static memory (its heap and pools
 * are globals of this component, so they stay in its compartment).
 */
#ifndef BULKHEAD_LWIPOPTS_H
#define BULKHEAD_LWIPOPTS_H

#include <bhnet.h>

#define NO_SYS                          0
#define SYS_LIGHTWEIGHT_PROT            1    /* sys_arch_protect: a no-op here (sys_arch.c says why) */
#define LWIP_TCPIP_CORE_LOCKING         1    /* socket calls run the core in the caller's thread, under a mutex */
#define LWIP_TCPIP_CORE_LOCKING_INPUT   0

/* memory: lwIP's heap and pools, static, in this component */
#define MEM_ALIGNMENT                   8
#define MEM_SIZE                        (512 * 1024)
#define MEMP_NUM_NETCONN                BHNET_MAX_SOCKETS
#define MEMP_NUM_TCP_PCB                BHNET_MAX_SOCKETS
#define MEMP_NUM_TCP_PCB_LISTEN         8
#define MEMP_NUM_UDP_PCB                8
#define MEMP_NUM_TCP_SEG                256
#define MEMP_NUM_PBUF                   64
#define MEMP_NUM_NETBUF                 32
#define MEMP_NUM_TCPIP_MSG_INPKT        64
#define MEMP_NUM_TCPIP_MSG_API          32
#define PBUF_POOL_SIZE                  128
#define LWIP_NETCONN_SEM_PER_THREAD     0

/* protocols */
#define LWIP_IPV4                       1
#define LWIP_IPV6                       0
#define LWIP_ARP                        1
#define LWIP_ETHERNET                   1
#define LWIP_ICMP                       1
#define LWIP_RAW                        0
#define LWIP_UDP                        1
#define LWIP_TCP                        1
#define LWIP_DHCP                       0
#define LWIP_DNS                        0
#define LWIP_IGMP                       0
#define IP_REASSEMBLY                   1
#define IP_FRAG                         1
#define TCP_MSS                         1460
#define TCP_WND                         (16 * TCP_MSS)
#define TCP_SND_BUF                     (16 * TCP_MSS)
#define TCP_SND_QUEUELEN                (4 * TCP_SND_BUF / TCP_MSS)
#define LWIP_TCP_KEEPALIVE              1
#define SO_REUSE                        1
#define LWIP_SO_RCVTIMEO                1
#define LWIP_SO_SNDTIMEO                1
#define LWIP_SO_RCVBUF                  1
#define LWIP_SO_LINGER                  1

/* netifs: the loopback interface now; a device's netif (virtio-net) later (README.md) */
#define LWIP_HAVE_LOOPIF                1
#define LWIP_NETIF_LOOPBACK             1
#define LWIP_LOOPBACK_MAX_PBUFS         0
#define LWIP_SINGLE_NETIF               0

/* APIs: netconn and sockets, lwip_* names only */
#define LWIP_NETCONN                    1
#define LWIP_SOCKET                     1
#define LWIP_COMPAT_SOCKETS             0
#define LWIP_POSIX_SOCKETS_IO_NAMES     0
#define LWIP_SOCKET_OFFSET              0
#define LWIP_SOCKET_SELECT              1
#define LWIP_SOCKET_POLL                1
#define LWIP_NETIF_API                  0
#define LWIP_STATS                      0

/* threads: the tcpip thread and its mailboxes (sys_arch.c: a mailbox holds at most BH_MBOX_MAX) */
#define TCPIP_THREAD_NAME               "tcpip"
#define TCPIP_MBOX_SIZE                 64
#define DEFAULT_TCP_RECVMBOX_SIZE       64
#define DEFAULT_UDP_RECVMBOX_SIZE       64
#define DEFAULT_RAW_RECVMBOX_SIZE       16
#define DEFAULT_ACCEPTMBOX_SIZE         16
#define DEFAULT_THREAD_STACKSIZE        0    /* every thread has its stacks from libs/sched */

#define LWIP_NO_CTYPE_H                 1    /* lwIP's own isdigit etc.: newlib's ctype reads libc's locale */
#define LWIP_ERRNO_STDINCLUDE           1    /* newlib's errno values; errno itself: cc.h set_errno */

#endif
