/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A network device's netif (include/bhnetif.h), in lwIP's compartment: the struct netif, the pbufs
 * and ARP's table stay lwIP's; the driver (libs/netdev, maybe in another compartment) sees only the
 * frames it is handed in bhnetif_frames (shared because both sides name it) and their lengths.
 */
#include <string.h>
#include "lwip/opt.h"
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#include <bulkhead/console.h>
#include <bhnetif.h>

void bhnet_start(void);   /* bhnet.c */

struct bhnetif_frames bhnetif_frames;

static struct netif nif;
static bhnetif_transmit_fn transmit;
static uint64_t mac_address;

/* lwIP's linkoutput: the frame, gathered from its pbuf chain, goes to the driver.  lwIP calls it with
 * its core lock held (socket calls and the tcpip thread alike), so .tx holds one frame at a time. */
static err_t link_output(struct netif *n, struct pbuf *p)
{
	LWIP_UNUSED_ARG(n);
	if (p->tot_len > BHNETIF_FRAME_MAX)
		return ERR_BUF;
	u16_t len = pbuf_copy_partial(p, bhnetif_frames.tx, p->tot_len, 0);
	return transmit(len) == 0 ? ERR_OK : ERR_IF;
}

static err_t init(struct netif *n)
{
	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = ETH_HWADDR_LEN;
	for (int i = 0; i < ETH_HWADDR_LEN; i++)
		n->hwaddr[i] = (u8_t)(mac_address >> (8 * i));
	n->mtu = BHNETIF_FRAME_MAX - SIZEOF_ETH_HDR;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
	n->output = etharp_output;
	n->linkoutput = link_output;
	return ERR_OK;
}

int bhnetif_add(uint64_t mac, uint32_t ip, uint32_t mask, uint32_t gw, bhnetif_transmit_fn fn)
{
	if (transmit) {
		bh_printf("lwip: a device's netif is already up; one is supported\n");
		return -1;
	}
	bhnet_start();
	transmit = fn;
	mac_address = mac;
	ip4_addr_t a, m, g;
	ip4_addr_set_u32(&a, lwip_htonl(ip));
	ip4_addr_set_u32(&m, lwip_htonl(mask));
	ip4_addr_set_u32(&g, lwip_htonl(gw));
	LOCK_TCPIP_CORE();
	struct netif *n = netif_add(&nif, &a, &m, &g, NULL, init, tcpip_input);
	if (n) {
		netif_set_default(n);
		netif_set_up(n);
	}
	UNLOCK_TCPIP_CORE();
	if (!n) {
		transmit = 0;
		bh_printf("lwip: netif_add refused the device's netif\n");
		return -1;
	}
	return 0;
}

int bhnetif_input(unsigned len)
{
	if (!transmit || len > BHNETIF_FRAME_MAX)
		return -1;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (!p)
		return -1;
	if (pbuf_take(p, bhnetif_frames.rx, (u16_t)len) != ERR_OK || nif.input(p, &nif) != ERR_OK) {
		pbuf_free(p);
		return -1;
	}
	return 0;
}
