/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * COM1 (0x3f8), 115200 8N1, by port I/O only.  bh_serial_putc is domain-neutral:
 * it touches no memory but its stack, so every compartment calls it directly.
 */
#include <stdint.h>
#include <bulkhead/console.h>
#include <bulkhead/service.h>
#include "x86.h"

#define COM1 0x3f8
#define UART_DATA 0         /* DLAB=0: transmit holding register; DLAB=1: divisor low */
#define UART_IER 1          /* DLAB=0: interrupt enable; DLAB=1: divisor high */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THR_EMPTY 0x20
#define PUTC_SPINS 100000   /* without a UART, inb reads 0xff: never wait forever anyway */

void bh_serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);    /* no interrupts: we poll */
	outb(COM1 + UART_LCR, 0x80);    /* DLAB on */
	outb(COM1 + UART_DATA, 0x01);   /* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x03);    /* 8N1, DLAB off */
	outb(COM1 + UART_FCR, 0xc7);    /* FIFO on, cleared */
	outb(COM1 + UART_MCR, 0x03);    /* DTR, RTS */
}

void bh_serial_putc(char c)
{
	if (bh_ring3()) {   /* port I/O is the ring-0 kernel's (kernel/service.c) */
		bh_service(BH_SVC_PUTC, (uint8_t)c, 0, 0, 0);
		return;
	}
	for (int i = 0; i < PUTC_SPINS && !(inb(COM1 + UART_LSR) & LSR_THR_EMPTY); i++)
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}
