/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vm backend's C half: which VM this is, the RPC protocol over the shared
 * inboxes, the two ways of waiting, and the server loop of the VMs that do not
 * run main() (gates/vm/README.md).
 *
 * Runs in every VM as part of the kernel's compartment (each VM boots its own
 * copy of the kernel).  Uses nothing but the kernel's public headers.
 */
#include <stddef.h>
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include <bulkhead/pci.h>
#include <bulkhead/pic.h>
#include <bulkhead/string.h>
#include "vm.h"

/* Every offset gate.S and gates/vm/host.py use is checked in vm_abi.h (abi/abi.toml); the
 * thread id must fit before the statistics, which start on their own cache line. */
_Static_assert(BH_VM_BOX_OFF_TID + 4 <= BH_VM_BOX_OFF_CALLS_MADE, "the thread fits before the statistics");

/* Patched per VM by gates/vm/host.py (symbol bh_vm_params); volatile: never constant-folded. */
volatile struct bh_vm_params bh_vm_params = { .magic = 0, .self = 0xffffffffu };

/* The inboxes, in the shared region (the same guest-physical memory in every VM). */
struct bh_vm_box bh_vm_boxes[BH_VM_MAX] __attribute__((section(".bh.shared.data")));

static uint64_t consumed;    /* this VM's inbox: the last seq handled (private) */
static uint64_t waited;      /* TSC spent waiting for messages, doorbell handlers included (private) */
static uint32_t self;
static const struct bh_image *image;

void bh_vm_call(struct bh_vm_regs *r);
static int is_machine_local(uint32_t to, uint64_t fn);   /* the PCI exports (below) */
/* gate.S.  noescape: they keep nothing of the frame they get past the call, so bulkhead-dss leaves the
 * message copies and thread contexts of this file on the machine's own stack (not on its data shadow
 * stack, in the shared memory, where another machine could rewrite a callee or a stack pointer). */
void bh_vm_invoke(struct bh_vm_regs *r __attribute__((noescape)));

/*
 * Threads.  Every thread has a stack in every machine (linker/image.ld.j2: in machine i, the t-th
 * __bh_stack_slot-byte stack slot of compartment i's bss, that machine's own RAM), and in each machine a context: the
 * chain of calls it is running or waiting in there.  Only one thread runs in the whole image, so a
 * machine's CPU runs one context (bh_vm_cur's) and the others wait: those the scheduler switched
 * away from (libs/sched, in its machine), and those parked here in a wait loop because a message
 * came for another thread.  A message for thread t wakes t's context: the parked one, or, the
 * first time t comes to this machine, a new one on t's stack that serves calls (thread_server).
 */
#define THREADS_MAX BH_THREADS_MAX
struct bh_thread_ctx {
	uint64_t rbx, rbp, r12, r13, r14, r15, rsp;
};
void bh_vm_switch(struct bh_thread_ctx *save __attribute__((noescape)),
		  const struct bh_thread_ctx *load __attribute__((noescape)));   /* gate.S */
extern char __bh_threads_max[];   /* linker script */
extern char __bh_stack_slot[];    /* linker script: each thread's stack slot, its guard page included */

uint32_t bh_vm_cur;                      /* the thread this machine runs (also set by __bh_thread_switch) */
static struct bh_thread_ctx parked[THREADS_MAX];
static uint8_t is_parked[THREADS_MAX];

static uint32_t nthreads(void)
{
	uintptr_t n = (uintptr_t)__bh_threads_max;
	return n < THREADS_MAX ? (uint32_t)n : THREADS_MAX;
}

/* ---- the doorbell: COM2 (0x2f8, IRQ 3), wired by the orchestrator to every other VM's COM2 ---- */
#define COM2 0x2f8
#define BELL_IRQ 3

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}
static inline uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}
static inline void barrier(void) { __asm__ volatile("" ::: "memory"); }

static int wake_mode(uint32_t c) { return bh_vm_params.wake[c]; }

static void bell_init(void)
{
	bh_pic_init(1u << BELL_IRQ);   /* everything masked but the doorbell's IRQ */
	/* COM2: 8N1, FIFO (trigger 1 byte), receive interrupt, OUT2 (the IRQ line on a PC). */
	outb(COM2 + 3, 0x80);
	outb(COM2 + 0, 0x01);
	outb(COM2 + 1, 0x00);
	outb(COM2 + 3, 0x03);
	outb(COM2 + 2, 0x07);
	outb(COM2 + 4, 0x0b);
	outb(COM2 + 1, 0x01);
	while (inb(COM2 + 5) & 1)
		(void)inb(COM2);
}

/* A port write: a VM exit; QEMU sends the byte to the orchestrator, which forwards it to `to`. */
static void ring(uint32_t to)
{
	for (int i = 0; i < 100000 && !(inb(COM2 + 5) & 0x20); i++)
		;
	outb(COM2, (uint8_t)to);
}

void bh_backend_interrupt(uint32_t vector)
{
	uint64_t t0 = tsc();
	if (vector == BH_PIC_VECTOR_BASE + BELL_IRQ) {
		while (inb(COM2 + 5) & 1)
			(void)inb(COM2);
		bh_vm_boxes[self].wakeups = bh_vm_boxes[self].wakeups + 1;
	}
	bh_pic_eoi();   /* (spurious IRQ 7 needs none, and gets one harmlessly) */
	bh_vm_boxes[self].irq_tsc = bh_vm_boxes[self].irq_tsc + (tsc() - t0);
}

static void serve(struct bh_vm_regs *m, uint32_t from, uint64_t t0);
static uint32_t receive(struct bh_vm_regs *m, uint32_t *from);

/* A thread's first context in this machine: serves its calls, forever (on the thread's stack). */
static __attribute__((noreturn)) void thread_server(void)
{
	struct bh_vm_regs m;
	uint32_t from;
	for (;;) {
		uint32_t kind = receive(&m, &from);
		uint64_t t0 = tsc();
		if (kind != BH_VM_CALL) {
			bh_printf("bulkhead: vm '%s': unexpected reply from compartment %u to thread %u, which "
				  "made no call here\n", image->compartments[self].name, from, bh_vm_cur);
			bh_exit(BH_EXIT_VM_REFUSED);
		}
		serve(&m, from, t0);
	}
}

/* Hands this machine to thread t, which a message has come for; returns when one comes for us. */
static void hand_over(uint32_t t)
{
	uint32_t me = bh_vm_cur;
	struct bh_thread_ctx fresh = { 0 };
	const struct bh_thread_ctx *load = &parked[t];
	if (!is_parked[t]) {
		/* Thread t's stack here, with thread_server as the address bh_vm_switch's ret takes. */
		uint64_t *top = (uint64_t *)(uintptr_t)(bh_vm_params.stacks + (uintptr_t)__bh_stack_slot * ((uintptr_t)t + 1));
		top[-2] = (uint64_t)(uintptr_t)thread_server;
		fresh.rsp = (uint64_t)(uintptr_t)&top[-2];
		load = &fresh;
	}
	is_parked[t] = 0;
	is_parked[me] = 1;
	bh_vm_cur = t;
	bh_vm_switch(&parked[me], load);
	/* Back: the message now in the inbox is ours (whoever got it switched here). */
}

/* Waits until this VM's inbox holds a new message for the thread this machine runs, and copies it
 * out; a message for another thread first hands the machine over to that thread (hand_over). */
static uint32_t receive(struct bh_vm_regs *m, uint32_t *from)
{
	volatile struct bh_vm_box *box = &bh_vm_boxes[self];
	for (;;) {
		/* Publish the work done so far before waiting: while this VM waits, another one runs
		 * and may read the sum (bh_backend_work_clock). */
		uint64_t w0 = tsc();
		box->busy_tsc = w0 - waited + box->irq_tsc;
		if (wake_mode(self) == BH_VM_WAKE_POLL) {
			while (box->seq == consumed)
				__asm__ volatile("pause");
		} else {
			for (;;) {
				__asm__ volatile("cli" ::: "memory");
				if (box->seq != consumed)
					break;
				__asm__ volatile("sti; hlt" ::: "memory");   /* sti's shadow: no wake-up is lost */
			}
		}
		waited += tsc() - w0;
		barrier();
		uint32_t t = box->tid;
		if (t == bh_vm_cur)
			break;
		if (t >= nthreads()) {
			bh_printf("bulkhead: vm '%s': a message for thread %u of %u\n", image->compartments[self].name,
				  t, nthreads());
			bh_exit(BH_EXIT_VM_REFUSED);
		}
		hand_over(t);
	}
	consumed = box->seq;
	*from = box->from;
	uint32_t kind = box->kind;
	memcpy(m, (const void *)&box->msg, sizeof(*m));
	/* What crossed is copied out: nothing of it stays in the memory every machine reads.  (The
	 * builtin with a constant size is inlined: 13 vector stores, no call of the byte loop.) */
	__builtin_memset((void *)&box->msg, 0, sizeof(box->msg));
	return kind;
}

static void post(uint32_t to, uint32_t kind, const struct bh_vm_regs *m)
{
	volatile struct bh_vm_box *box = &bh_vm_boxes[to];
	memcpy((void *)&box->msg, m, sizeof(*m));
	box->kind = kind;
	box->from = self;
	box->tid = bh_vm_cur;
	barrier();
	box->seq = box->seq + 1;   /* the only writer right now: every other VM is waiting */
	barrier();
	if (wake_mode(to) == BH_VM_WAKE_EXIT)
		ring(to);
}

/* Serves one call: the callee must be code of this VM's compartment. */
static void serve(struct bh_vm_regs *m, uint32_t from, uint64_t t0)
{
	const struct bh_compartment *c = &image->compartments[self];
	if (from >= image->ncompartments || m->fn < c->text.start || m->fn >= c->text.end) {
		bh_printf("bulkhead: vm '%s': refused a call to 0x%016lx from compartment %u: not code of "
			  "this compartment\n", c->name, (unsigned long)m->fn, from);
		bh_exit(BH_EXIT_VM_REFUSED);
	}
	uint64_t t1 = tsc();
	bh_vm_invoke(m);
	uint64_t t2 = tsc();
	post(from, BH_VM_RETURN, m);
	uint64_t t3 = tsc();
	volatile struct bh_vm_box *box = &bh_vm_boxes[self];
	box->calls_served = box->calls_served + 1;
	box->serve_tsc = box->serve_tsc + (t1 - t0) + (t3 - t2);
}

/* Called by bh_vm_gate: send, then serve nested calls until our answer arrives. */
void bh_vm_call(struct bh_vm_regs *r)
{
	uint64_t t0 = tsc();
	uint32_t to = (uint32_t)r->target;
	if (to >= image->ncompartments) {
		bh_printf("bulkhead: vm: gate to compartment %u of %u\n", to, image->ncompartments);
		bh_exit(BH_EXIT_VM_REFUSED);
	}
	if (is_machine_local(to, r->fn)) {
		bh_vm_invoke(r);   /* this machine's own kernel (a PCI export: its devices) */
		return;
	}
	post(to, BH_VM_CALL, r);
	uint64_t spent = tsc() - t0;
	struct bh_vm_regs m;
	uint32_t from;
	for (;;) {
		uint32_t kind = receive(&m, &from);
		uint64_t t1 = tsc();
		if (kind == BH_VM_RETURN) {
			r->ret[0] = m.ret[0];
			r->ret[1] = m.ret[1];
			memcpy(r->xmm, m.xmm, 32);
			volatile struct bh_vm_box *box = &bh_vm_boxes[self];
			box->calls_made = box->calls_made + 1;
			box->call_tsc = box->call_tsc + spent + (tsc() - t1);
			return;
		}
		serve(&m, from, t1);   /* a nested call or a callback */
	}
}

/* The machines of the other compartments: thread 0's boot context only ever answers calls. */
static __attribute__((noreturn)) void serve_forever(void)
{
	bh_vm_boxes[self].ready = 1;
	thread_server();
}

/* The system part of each of the kernel compartment's regions (linker/image.ld.j2, backend vm). */
extern char __bh_vm_system_text_end[], __bh_vm_system_rodata_end[], __bh_vm_system_data_end[],
	__bh_vm_system_bss_end[];

/*
 * This machine holds its own compartment, and of the kernel's compartment only the system part
 * of each region (every machine boots its own kernel and backend runtime); the components
 * configured with the kernel live in the kernel's machine only, like any other compartment.
 */
uintptr_t bh_backend_resident(uint32_t compartment, uintptr_t start, uintptr_t end)
{
	const uint32_t kernel = __bh_image.kernel_compartment;
	if (compartment == bh_vm_params.self)
		return end;
	if (compartment != kernel)
		return start;
	const struct bh_compartment *k = &__bh_image.compartments[kernel];
	const struct {
		const struct bh_region *r;
		uintptr_t system_end;
	} parts[] = {
		{ &k->text, (uintptr_t)__bh_vm_system_text_end },
		{ &k->rodata, (uintptr_t)__bh_vm_system_rodata_end },
		{ &k->data, (uintptr_t)__bh_vm_system_data_end },
		{ &k->bss, (uintptr_t)__bh_vm_system_bss_end },
	};
	for (unsigned i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].r->start <= start && start < parts[i].r->end)
			return start < parts[i].system_end ? (end < parts[i].system_end ? end : parts[i].system_end)
							   : start;
	return start;
}

int bh_backend_init(const struct bh_image *img)
{
	image = img;
	if (bh_vm_params.magic != BH_VM_MAGIC || bh_vm_params.ncompartments != img->ncompartments ||
	    bh_vm_params.self >= img->ncompartments || img->ncompartments > BH_VM_MAX) {
		bh_printf("bulkhead: this image uses backend vm: one virtual machine per compartment. "
			  "Boot it with ./bulkhead run, which starts and wires them.\n");
		return BH_EXIT_BOOT_ERROR;
	}
	self = bh_vm_params.self;
	if (wake_mode(self) == BH_VM_WAKE_EXIT)
		bell_init();
	if (self != img->kernel_compartment)
		serve_forever();   /* the VMs of the other compartments only ever answer calls */
	bh_vm_boxes[self].ready = 1;
	return 0;
}

/*
 * The work clock (include/bulkhead/workclock.h): the instructions every VM has executed, waiting
 * excluded.  Only one thread runs in the whole image, so while this VM runs every other one waits
 * and its busy_tsc is up to date.  Under -icount each VM's TSC counts its own instructions plus its
 * idle time (spinning in poll mode, a halt's clock warp in exit mode); the sum leaves the idle time
 * out, so it means what one CPU's rdtsc means under mpk: the instructions the program needed.
 */
uint64_t bh_backend_work_clock(void)
{
	uint64_t sum = tsc() - waited + bh_vm_boxes[self].irq_tsc;
	for (uint32_t c = 0; c < image->ncompartments; c++)
		if (c != self)
			sum += bh_vm_boxes[c].busy_tsc;
	return sum;
}

void bh_backend_enter(uint32_t compartment)
{
	(void)compartment;   /* the domain is the VM itself */
}

uint64_t bh_backend_trap_enter(void)
{
	return BH_DOMAIN_MACHINE | bh_vm_params.self;   /* the domain is this machine */
}

/* Kernel hooks (include/bulkhead/backend.h). */

/* Each machine's 8259 carries the doorbell interrupt (bh_backend_interrupt): no PIT timer beside it. */
const char *bh_backend_timer_refusal(void)
{
	return "its machines' 8259 rings doorbells";
}

/* The doorbell is one of the 8259's lines, taken while a machine waits on one of its thread stacks; no
 * gate here runs on another compartment's stack, so device interrupts need no IST stack either. */
int bh_backend_irq_on_interrupted_stack(void)
{
	return 1;
}

/*
 * Devices (kernel/pci.c, include/bulkhead/pci.h).  A device is attached to one machine only, its
 * driver's (the configuration's [[compartment]] devices, gates/vm/host.py), and what PCI needs is that
 * machine's: its configuration ports, its page tables, its 8259.  So the PCI exports run in the
 * caller's machine, on its own kernel (every machine has one: the kernel's system part), not as RPCs
 * to the kernel's machine: bh_vm_call runs a call to one of these in place.  In any other machine the
 * same calls find no device (the kernel refuses a mapping there, and an access to the registers'
 * address is not present in its page tables).
 */
static const uintptr_t machine_local[] = {
	(uintptr_t)bh_pci_find,
	(uintptr_t)bh_pci_config_read,
	(uintptr_t)bh_pci_bar_size,
	(uintptr_t)bh_pci_bar_map_for,
	(uintptr_t)bh_pci_irq_wake_for,
	(uintptr_t)bh_pci_irq_taken_for,
	(uintptr_t)bh_pci_dma_enable_for,
};

static int is_machine_local(uint32_t to, uint64_t fn)
{
	if (to != image->kernel_compartment)
		return 0;
	for (unsigned i = 0; i < sizeof(machine_local) / sizeof(machine_local[0]); i++)
		if (fn == machine_local[i])
			return 1;
	return 0;
}

/*
 * The BARs each machine's kernel mapped for its driver, in the shared memory (one row per machine, its
 * only writer), so that another machine's fault report can name the registers, which are not in its
 * page tables (an access there is an isolation fault, kernel/fault.c).  What a row says is only ever
 * printed: a machine that rewrites its row changes the words of another machine's report, not what
 * that machine can reach.
 */
#define BARS_PER_MACHINE 8
struct published_bar {
	uint32_t used;
	struct bh_device_bar b;
};
struct published_bar bh_vm_bars[BH_VM_MAX][BARS_PER_MACHINE] __attribute__((section(".bh.shared.data")));

void bh_backend_device_mapped(const struct bh_device_bar *b)
{
	volatile struct published_bar *row = bh_vm_bars[self];
	for (unsigned i = 0; i < BARS_PER_MACHINE; i++) {
		if (row[i].used && (row[i].b.start != b->start || row[i].b.size != b->size))
			continue;
		memcpy((void *)&row[i].b, b, sizeof(*b));
		barrier();
		row[i].used = 1;
		return;
	}
}

int bh_backend_device_at(uintptr_t addr, struct bh_device_bar *out)
{
	for (uint32_t c = 0; c < bh_vm_params.ncompartments && c < BH_VM_MAX; c++) {
		if (c == self)
			continue;
		for (unsigned i = 0; i < BARS_PER_MACHINE; i++) {
			const volatile struct published_bar *p = &bh_vm_bars[c][i];
			if (!p->used)
				continue;
			memcpy(out, (const void *)&p->b, sizeof(*out));
			if (out->owner == c && addr >= out->start && addr - out->start < out->size)
				return 1;
		}
	}
	return 0;
}

/*
 * A device's interrupt wakes a thread whose timeout the kernel's machine keeps (libs/sched's
 * bh_wake_* calls are RPCs to it): the driver's machine counts the mark in its own row of
 * bh_vm_wakes (one writer per row: no locked instruction across machines) and rings the kernel's
 * machine; that kernel takes the marks whose counts moved at its next yield point or halt.
 */
uint32_t bh_vm_wakes[BH_VM_MAX][THREADS_MAX] __attribute__((section(".bh.shared.data")));
static uint32_t wakes_seen[BH_VM_MAX][THREADS_MAX];   /* the kernel's machine: the counts taken so far */

int bh_backend_wake_post(uint32_t tid)
{
	const uint32_t kernel = __bh_image.kernel_compartment;
	if (self == kernel || tid >= THREADS_MAX)
		return 0;
	volatile uint32_t *count = &bh_vm_wakes[self][tid];
	*count = *count + 1;
	barrier();
	if (wake_mode(kernel) == BH_VM_WAKE_EXIT)
		ring(kernel);   /* ends its halt (bh_idle); a polling kernel's wake timer ticks anyway */
	return 1;
}

uint64_t bh_backend_wake_posted(void)
{
	if (self != __bh_image.kernel_compartment)
		return 0;
	uint64_t marks = 0;
	for (uint32_t c = 0; c < bh_vm_params.ncompartments && c < BH_VM_MAX; c++)
		for (uint32_t t = 0; t < nthreads(); t++) {
			uint32_t n = ((volatile uint32_t *)bh_vm_wakes[c])[t];
			if (c == self || n == wakes_seen[c][t])
				continue;
			wakes_seen[c][t] = n;
			marks |= 1ull << t;
		}
	return marks;
}

/* One machine per compartment: the domain the trap entry saved is the machine (gate.S). */
int bh_backend_report_domain(const struct bh_image *img, uint64_t domain)
{
	if (!(domain & BH_DOMAIN_MACHINE) || (uint32_t)domain >= img->ncompartments)
		return 0;
	bh_printf("bulkhead:   domain   the virtual machine of compartment '%s' (backend %s)\n",
		  img->compartments[(uint32_t)domain].name, img->backend);
	return 1;
}
