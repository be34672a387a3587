/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A virtio-net driver (virtio 1.0, "modern" PCI transport: QEMU's virtio-net-pci with
 * disable-legacy=on), written from the OASIS virtio 1.1 specification (4.1 PCI, 2.6 split
 * virtqueues, 5.1 network device).  No port I/O: configuration space is read through the kernel
 * (bulkhead/pci.h), and the four register blocks the vendor capabilities point at (common, notify,
 * ISR, device) lie in memory BARs mapped with this compartment's key.
 *
 * Two split virtqueues of QSIZE entries, receive (0) and transmit (1), with their buffers: globals of
 * this component, so in this compartment's memory.  The device reads and writes them by DMA, which no
 * protection key governs (there is no IOMMU): a trusted driver only (README.md).  Receive: each
 * descriptor is one 2 KiB buffer the device writes a virtio_net_hdr and one frame into; a thread of
 * this driver takes the used ring, copies each frame to lwIP (bhnetif_input) and gives the buffer
 * back.  Transmit: a frame from lwIP is copied after a zeroed header into a free buffer, one
 * descriptor per frame; used ones are taken back (in whatever order the device completed them) when
 * the next frame needs room.
 */
#include <stdint.h>
#include <string.h>
#include <bulkhead/console.h>
#include <bulkhead/pci.h>
#include <bhnet.h>
#include <bhnetif.h>
#include <bhthread.h>
#include "netdev.h"

#define VIRTIO_VENDOR 0x1af4
#define VIRTIO_NET_MODERN 0x1041    /* 0x1040 + device type 1 (network): a modern-only device */

/* PCI configuration space */
#define PCI_STATUS 0x04              /* the high half of the command/status word */
#define PCI_STATUS_CAPS (1u << 20)
#define PCI_CAP_PTR 0x34
#define PCI_CAP_VENDOR 0x09

/* virtio_pci_cap.cfg_type */
#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR 3
#define CAP_DEVICE 4

/* struct virtio_pci_common_cfg */
#define C_DEVICE_FEATURE_SELECT 0x00
#define C_DEVICE_FEATURE 0x04
#define C_DRIVER_FEATURE_SELECT 0x08
#define C_DRIVER_FEATURE 0x0c
#define C_NUM_QUEUES 0x12
#define C_STATUS 0x14
#define C_QUEUE_SELECT 0x16
#define C_QUEUE_SIZE 0x18
#define C_QUEUE_ENABLE 0x1c
#define C_QUEUE_NOTIFY_OFF 0x1e
#define C_QUEUE_DESC 0x20
#define C_QUEUE_DRIVER 0x28
#define C_QUEUE_DEVICE 0x30

/* device status */
#define S_ACKNOWLEDGE 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_FAILED 128

/* features: all this driver uses */
#define F_NET_MAC (1ull << 5)
#define F_VERSION_1 (1ull << 32)

#define QSIZE 64                      /* entries per queue (the device's maximum may be larger) */
#define BUF 2048                      /* one buffer per descriptor: header + the largest frame */
#define NET_HDR 12                    /* struct virtio_net_hdr with num_buffers (VERSION_1) */
#define RXQ 0
#define TXQ 1
#define DESC_F_WRITE 2
#define AVAIL_F_NO_INTERRUPT 1
#define IRQ_SLEEP_TICKS (1ull << 24)  /* about 10 ms: the bound on a lost wake-up (see rx_wait) */
#define TX_WAIT_TURNS 100000          /* yields before a frame is dropped for want of a buffer */

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
struct avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[QSIZE];
	uint16_t used_event;
};
struct used_elem {
	uint32_t id;
	uint32_t len;
};
struct used {
	uint16_t flags;
	uint16_t idx;
	struct used_elem ring[QSIZE];
	uint16_t avail_event;
};

struct queue {
	struct desc desc[QSIZE] __attribute__((aligned(16)));
	struct avail avail __attribute__((aligned(2)));
	struct used used __attribute__((aligned(4)));
	uint8_t buf[QSIZE][BUF] __attribute__((aligned(64)));
	uint16_t last_used;     /* the next used entry this driver has not taken */
	uint16_t free;          /* transmit: how many descriptors are not the device's ... */
	uint16_t free_ids[QSIZE];   /* ... and which (the device may complete them in any order) */
	volatile uint16_t *notify;
};

static struct queue rxq, txq;
static int dev = BH_PCI_NONE;
static volatile uint8_t *common, *isr, *devcfg;
static volatile uint8_t *notify_base;
static uint32_t notify_mult;
static int poll_mode;
static uint64_t counts[4];

static uint8_t rd8(volatile uint8_t *b, uint32_t off) { return b[off]; }
static uint16_t rd16(volatile uint8_t *b, uint32_t off) { return *(volatile uint16_t *)(b + off); }
static uint32_t rd32(volatile uint8_t *b, uint32_t off) { return *(volatile uint32_t *)(b + off); }
static void wr8(volatile uint8_t *b, uint32_t off, uint8_t v) { b[off] = v; }
static void wr16(volatile uint8_t *b, uint32_t off, uint16_t v) { *(volatile uint16_t *)(b + off) = v; }
static void wr32(volatile uint8_t *b, uint32_t off, uint32_t v) { *(volatile uint32_t *)(b + off) = v; }
static void wr64(volatile uint8_t *b, uint32_t off, uint64_t v)
{
	wr32(b, off, (uint32_t)v);   /* two 32-bit writes, low first, as the spec allows (4.1.3.1) */
	wr32(b, off + 4, (uint32_t)(v >> 32));
}

/* The address of a capability's block: its BAR, mapped once (with this compartment's key). */
static volatile uint8_t *cap_block(uint32_t cap, uint32_t *out_len)
{
	static uintptr_t bars[6];
	uint32_t w1 = bh_pci_config_read(dev, cap + 4);   /* bar, id, padding */
	uint32_t bar = w1 & 0xff;
	uint32_t offset = bh_pci_config_read(dev, cap + 8), length = bh_pci_config_read(dev, cap + 12);
	if (bar > 5)
		return 0;
	if (!bars[bar])
		bars[bar] = bh_pci_bar_map(dev, bar);
	if (!bars[bar] || (uint64_t)offset + length > bh_pci_bar_size(dev, bar))
		return 0;
	*out_len = length;
	return (volatile uint8_t *)(bars[bar] + offset);
}

/* The vendor capabilities (4.1.4): the first of each type this driver needs. */
static int find_blocks(void)
{
	if (!(bh_pci_config_read(dev, PCI_STATUS) & PCI_STATUS_CAPS))
		return -1;
	uint32_t cap = bh_pci_config_read(dev, PCI_CAP_PTR) & 0xfc;
	for (int guard = 0; cap && guard < 48; guard++) {
		uint32_t w0 = bh_pci_config_read(dev, cap);
		uint32_t next = (w0 >> 8) & 0xfc, type = (w0 >> 24) & 0xff, len = 0;
		if ((w0 & 0xff) == PCI_CAP_VENDOR) {
			if (type == CAP_COMMON && !common)
				common = cap_block(cap, &len);
			else if (type == CAP_ISR && !isr)
				isr = cap_block(cap, &len);
			else if (type == CAP_DEVICE && !devcfg)
				devcfg = cap_block(cap, &len);
			else if (type == CAP_NOTIFY && !notify_base) {
				notify_base = cap_block(cap, &len);
				notify_mult = bh_pci_config_read(dev, cap + 16);
			}
		}
		cap = next;
	}
	return common && isr && devcfg && notify_base ? 0 : -1;
}

static int setup_queue(uint16_t index, struct queue *q, int receive)
{
	wr16(common, C_QUEUE_SELECT, index);
	uint16_t max = rd16(common, C_QUEUE_SIZE);
	if (max < QSIZE) {
		bh_printf("netdev: queue %u holds %u entries, fewer than the driver's %u\n", index, max, QSIZE);
		return -1;
	}
	wr16(common, C_QUEUE_SIZE, QSIZE);
	for (uint16_t i = 0; i < QSIZE; i++)
		q->desc[i] = (struct desc){ .addr = (uint64_t)(uintptr_t)q->buf[i], .len = BUF,
					    .flags = receive ? DESC_F_WRITE : 0 };
	if (receive) {   /* every buffer to the device at once */
		for (uint16_t i = 0; i < QSIZE; i++)
			q->avail.ring[i] = i;
		q->avail.idx = QSIZE;
	} else {
		q->avail.flags = AVAIL_F_NO_INTERRUPT;   /* transmit completions are polled, never signalled */
		for (uint16_t i = 0; i < QSIZE; i++)
			q->free_ids[i] = i;
		q->free = QSIZE;
	}
	q->notify = (volatile uint16_t *)(notify_base + (uint32_t)rd16(common, C_QUEUE_NOTIFY_OFF) * notify_mult);
	wr64(common, C_QUEUE_DESC, (uintptr_t)q->desc);   /* identity mapped: the address is the bus address */
	wr64(common, C_QUEUE_DRIVER, (uintptr_t)&q->avail);
	wr64(common, C_QUEUE_DEVICE, (uintptr_t)&q->used);
	wr16(common, C_QUEUE_ENABLE, 1);
	return 0;
}

static void kick(struct queue *q, uint16_t index)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);   /* the ring's writes before the device looks */
	*q->notify = index;
}

static uint16_t used_idx(struct queue *q)
{
	return __atomic_load_n(&q->used.idx, __ATOMIC_ACQUIRE);
}

/* lwIP's linkoutput (through bhnetif_add): bhnetif_frames.tx[0 .. len) into a free transmit buffer. */
static int transmit(unsigned len)
{
	if (len > BHNETIF_FRAME_MAX)
		return -1;
	for (int turn = 0;; turn++) {
		for (uint16_t done = used_idx(&txq); txq.last_used != done; txq.last_used++) {
			uint32_t id = txq.used.ring[txq.last_used % QSIZE].id;
			if (id < QSIZE && txq.free < QSIZE)
				txq.free_ids[txq.free++] = (uint16_t)id;
		}
		if (txq.free)
			break;
		if (turn == TX_WAIT_TURNS)
			return -1;
		bh_thread_yield();   /* the device is still sending; lwIP's core lock keeps .tx ours */
	}
	uint16_t slot = txq.free_ids[--txq.free];
	memset(txq.buf[slot], 0, NET_HDR);
	memcpy(txq.buf[slot] + NET_HDR, bhnetif_frames.tx, len);
	txq.desc[slot].len = NET_HDR + len;
	txq.avail.ring[txq.avail.idx % QSIZE] = slot;
	__atomic_store_n(&txq.avail.idx, (uint16_t)(txq.avail.idx + 1), __ATOMIC_RELEASE);
	kick(&txq, TXQ);
	counts[NETDEV_TX_FRAMES]++;
	return 0;
}

/* Takes every frame the device has written, hands each to lwIP, gives the buffers back. */
static int receive(void)
{
	int n = 0;
	while (rxq.last_used != used_idx(&rxq)) {
		struct used_elem e = rxq.used.ring[rxq.last_used % QSIZE];
		uint32_t id = e.id % QSIZE;
		if (e.len > NET_HDR && e.len - NET_HDR <= BHNETIF_FRAME_MAX) {
			memcpy(bhnetif_frames.rx, rxq.buf[id] + NET_HDR, e.len - NET_HDR);
			if (bhnetif_input(e.len - NET_HDR) != 0)
				counts[NETDEV_RX_DROPPED]++;
			counts[NETDEV_RX_FRAMES]++;
		} else {
			counts[NETDEV_RX_DROPPED]++;   /* a length the device should never report */
		}
		rxq.desc[id].len = BUF;
		rxq.avail.ring[rxq.avail.idx % QSIZE] = (uint16_t)id;
		__atomic_store_n(&rxq.avail.idx, (uint16_t)(rxq.avail.idx + 1), __ATOMIC_RELEASE);
		rxq.last_used++;
		n++;
	}
	if (n)
		kick(&rxq, RXQ);
	return n;
}

/* The interrupt mode's wait.  Reading the ISR register acknowledges the device (it lowers INTx);
 * bh_pci_irq_wake unmasks the line, which the kernel masked when it took the interrupt, and names
 * this thread.  A frame that arrives after the last look at the ring but before the sleep begins
 * wakes nothing (the kernel only counts it), so the sleep is bounded: at most IRQ_SLEEP_TICKS late. */
static void rx_wait(int self)
{
	uint32_t before = bh_pci_irq_taken(dev);
	(void)rd8(isr, 0);
	if (bh_pci_irq_wake(dev, (uint32_t)self) < 0) {
		bh_printf("netdev: the interrupt could not be routed; polling instead\n");
		poll_mode = 1;
		return;
	}
	if (rxq.last_used != used_idx(&rxq) || bh_pci_irq_taken(dev) != before)
		return;
	bh_thread_sleep(IRQ_SLEEP_TICKS);
}

static void rx_thread(void *arg)
{
	(void)arg;
	int self = bh_thread_self();
	for (;;) {
		receive();
		if (poll_mode)
			bh_thread_yield();
		else
			rx_wait(self);
	}
}

/* Once: a second call (libc's bhnet_device_start after a program started the driver itself, or the
 * reverse) answers the first call's result without touching the device again. */
static int start_state;   /* 0: not yet; 1: up; -1: failed */

static int start_device(int mode);

int netdev_start(int mode)
{
	if (start_state == 0)
		start_state = start_device(mode) == 0 ? 1 : -1;
	return start_state > 0 ? 0 : -1;
}

/* libc calls this before the first socket (libs/libc/include/bhnet.h), with the mode of
 * /etc/netdev.conf: a program that never names the driver (apps/iperf3) gets its device so. */
_Static_assert(BHNET_DEVICE_IRQ == NETDEV_IRQ && BHNET_DEVICE_POLL == NETDEV_POLL, "one numbering of the modes");
int bhnet_device_start(int mode)
{
	return netdev_start(mode);
}

static int start_device(int mode)
{
	dev = bh_pci_find(VIRTIO_VENDOR, VIRTIO_NET_MODERN, 0);
	if (dev == BH_PCI_NONE) {
		bh_printf("netdev: no virtio-net device %04x:%04x (a modern one: QEMU's -device "
			  "virtio-net-pci,disable-legacy=on; app.toml devices = [\"virtio-net\"])\n",
			  VIRTIO_VENDOR, VIRTIO_NET_MODERN);
		return -1;
	}
	if (find_blocks() != 0) {
		bh_printf("netdev: the device's virtio capabilities or their BARs could not be mapped\n");
		return -1;
	}
	if (bh_pci_dma_enable(dev) != 0) {
		bh_printf("netdev: the kernel refused the device bus mastering (DMA)\n");
		return -1;
	}
	/* 3.1.1: reset, acknowledge, driver, features, FEATURES_OK, queues, DRIVER_OK */
	wr8(common, C_STATUS, 0);
	while (rd8(common, C_STATUS) != 0)
		;
	wr8(common, C_STATUS, S_ACKNOWLEDGE);
	wr8(common, C_STATUS, S_ACKNOWLEDGE | S_DRIVER);
	wr32(common, C_DEVICE_FEATURE_SELECT, 0);
	uint64_t offered = rd32(common, C_DEVICE_FEATURE);
	wr32(common, C_DEVICE_FEATURE_SELECT, 1);
	offered |= (uint64_t)rd32(common, C_DEVICE_FEATURE) << 32;
	uint64_t wanted = F_VERSION_1 | F_NET_MAC;
	if ((offered & wanted) != wanted) {
		bh_printf("netdev: the device does not offer VIRTIO_F_VERSION_1 and VIRTIO_NET_F_MAC "
			  "(features 0x%lx)\n", (unsigned long)offered);
		wr8(common, C_STATUS, S_FAILED);
		return -1;
	}
	wr32(common, C_DRIVER_FEATURE_SELECT, 0);
	wr32(common, C_DRIVER_FEATURE, (uint32_t)wanted);
	wr32(common, C_DRIVER_FEATURE_SELECT, 1);
	wr32(common, C_DRIVER_FEATURE, (uint32_t)(wanted >> 32));
	wr8(common, C_STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK);
	if (!(rd8(common, C_STATUS) & S_FEATURES_OK)) {
		bh_printf("netdev: the device refused the features\n");
		wr8(common, C_STATUS, S_FAILED);
		return -1;
	}
	if (rd16(common, C_NUM_QUEUES) < 2 || setup_queue(RXQ, &rxq, 1) != 0 || setup_queue(TXQ, &txq, 0) != 0) {
		wr8(common, C_STATUS, S_FAILED);
		return -1;
	}
	uint64_t mac = 0;
	for (int i = 0; i < 6; i++)
		mac |= (uint64_t)rd8(devcfg, (uint32_t)i) << (8 * i);
	wr8(common, C_STATUS, S_ACKNOWLEDGE | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	kick(&rxq, RXQ);
	bh_printf("netdev: virtio-net %02x:%02x:%02x:%02x:%02x:%02x, %u-entry queues, %s\n",
		  (unsigned)(mac & 0xff), (unsigned)(mac >> 8 & 0xff), (unsigned)(mac >> 16 & 0xff),
		  (unsigned)(mac >> 24 & 0xff), (unsigned)(mac >> 32 & 0xff), (unsigned)(mac >> 40 & 0xff),
		  QSIZE, mode == NETDEV_POLL ? "polling" : "interrupts (INTx)");
	poll_mode = mode == NETDEV_POLL;
	/* QEMU's user network: the guest is 10.0.2.15/24, the host's gateway 10.0.2.2 */
	if (bhnetif_add(mac, 0x0a00020f, 0xffffff00, 0x0a000202, transmit) != 0)
		return -1;
	if (bh_thread_create(rx_thread, 0) < 0) {
		bh_printf("netdev: no thread for the receive loop ([threads] max)\n");
		return -1;
	}
	return 0;
}

uint64_t netdev_count(int which)
{
	if (which == NETDEV_IRQS)
		return dev == BH_PCI_NONE ? 0 : bh_pci_irq_taken(dev);
	return which >= 0 && which < 4 ? counts[which] : 0;
}
