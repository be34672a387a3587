/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bhnetif: how a network device driver (libs/netdev, in a compartment of its own or not) hands frames
 * to lwIP (libs/lwip/netif.c, in lwIP's compartment).  No pointer into either side's memory crosses:
 * a frame is copied into `bhnetif_frames`, which both sides name, so the pass moves it to the shared
 * region (as bhnet_xfer), and the calls carry only its length.
 *   receive:  the driver copies a frame into .rx and calls bhnetif_input(len); lwIP copies it into a
 *             pbuf of its own pool and posts it to the tcpip thread (tcpip_input).
 *   transmit: lwIP copies a pbuf chain into .tx (under its core lock: one frame at a time) and calls
 *             the driver's transmit function, which copies it into its own ring before it returns.
 * The cost is one copy on each side per frame (besides lwIP's own), and one crossing each way.
 */
#ifndef BULKHEAD_BHNETIF_H
#define BULKHEAD_BHNETIF_H

#include <stdint.h>

#define BHNETIF_FRAME_MAX 1514   /* Ethernet: 14 bytes of header, MTU 1500, no FCS, no VLAN tag */

struct bhnetif_frames {
	uint8_t rx[BHNETIF_FRAME_MAX];
	uint8_t tx[BHNETIF_FRAME_MAX];
};
extern struct bhnetif_frames bhnetif_frames;

/* The driver's transmit: sends bhnetif_frames.tx[0 .. len); 0, or -1 (the frame is dropped). */
typedef int (*bhnetif_transmit_fn)(unsigned len);

/* Starts lwIP if it is not yet running and adds a netif for the device with this MAC address (the
 * low 48 bits, first byte lowest), IPv4 address, netmask and gateway (host order), as the default
 * netif; lwIP calls `transmit` for each frame it sends.  0, or -1 (printed why). */
int bhnetif_add(uint64_t mac, uint32_t ip, uint32_t mask, uint32_t gw, bhnetif_transmit_fn transmit);

/* Hands the frame in bhnetif_frames.rx[0 .. len) to lwIP.  0, or -1: dropped (no pbuf, or the tcpip
 * thread's mailbox is full). */
int bhnetif_input(unsigned len);

#endif
