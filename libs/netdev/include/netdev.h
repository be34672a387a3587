/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netdev: a driver for QEMU's virtio-net-pci, modern (virtio 1.0, `disable-legacy=on`), in the
 * compartment of its configuration's choosing (libs/netdev/README.md).  It brings the device up and
 * hands it to the network stack as an lwIP netif (libs/lwip/include/bhnetif.h): frames cross between
 * the two compartments by copy through bhnetif_frames, a shared exchange buffer.
 */
#ifndef BULKHEAD_NETDEV_H
#define BULKHEAD_NETDEV_H

#include <stdint.h>

#define NETDEV_IRQ 0    /* the device's INTx line (through the 8259) wakes the receive thread */
#define NETDEV_POLL 1   /* the receive thread looks at the ring at every turn of the scheduler */

/* Finds the device, negotiates VIRTIO_F_VERSION_1 and VIRTIO_NET_F_MAC, sets up one receive and one
 * transmit queue, starts lwIP with a netif on it (10.0.2.15/24, gateway 10.0.2.2: QEMU's user
 * network) and a receive thread (one of [threads] max) in `mode` (NETDEV_IRQ or NETDEV_POLL).
 * 0, or -1 with the reason on the console. */
int netdev_start(int mode);

/* What the driver counted so far (scalars: no pointer crosses). */
#define NETDEV_RX_FRAMES 0
#define NETDEV_TX_FRAMES 1
#define NETDEV_RX_DROPPED 2   /* received frames not handed on: too short, too long, or no room in the stack */
#define NETDEV_IRQS 3         /* the device's interrupts the kernel took */
uint64_t netdev_count(int which);

#endif
