/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The real page tables: 4-level, 4 KiB pages, identity mapped, built once at
 * boot from the image table and the linker script's region symbols.
 *
 * - Every compartment's page and the shared ones are user pages (U/S=1 at every
 *   level): PKRU applies only to user pages, also for ring-0 accesses.  Where
 *   compartments run in ring 3 (bh_backend_ring3: mpk), the kernel's own ring-0
 *   state is on supervisor pages, which ring 3 can neither read, write nor
 *   execute whatever its PKRU: the boot region, .bh.sys (GDT, IDT, TSS), .bh.mtext
 *   (the trap and SYSCALL entry, the backend's trap domain switches), .bh.monitor
 *   (trap and IST stacks, the trap depth, saved domains) and the page tables.
 *   SMAP/SMEP stay off (docs/design.md 7b says why), CR0.WP is on (boot.S) so
 *   read-only holds for the kernel too.
 * - Each region gets its permissions (text RX, rodata R, data/bss/stack RW, all
 *   but text NX) and its protection key in PTE bits 62:59: a compartment's key
 *   for its regions, the shared key for everything else.
 * - Nothing else is mapped: not page 0, not the gaps between regions (the stack
 *   guard page), not memory outside the image.
 * - The tables themselves are kernel bss (the kernel's key): the page walker is
 *   not subject to PKRU.  Accessed/dirty bits are preset so it never writes them.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include <bulkhead/string.h>
#include "x86.h"
#include "../../ring0.h"

#define PAGE_SIZE 4096ull
#define PTE_P (1ull << 0)
#define PTE_RW (1ull << 1)
#define PTE_US (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_A (1ull << 5)
#define PTE_D (1ull << 6)
#define PTE_NX (1ull << 63)
#define PTE_KEY_SHIFT 59
#define PTE_ADDR 0x000ffffffffff000ull
#define PT_ENTRIES 512

enum perm { PERM_RX, PERM_R, PERM_RW };

/*
 * The pool of page-table pages: `[memory] page_tables` pages in the kernel compartment's bss (its
 * system part under backend vm), reserved by the linker script, so its size follows the
 * configuration without recompiling the kernel.  One PML4, one PDPT, a PD per GiB and a PT per
 * 2 MiB window the image touches (scripts/bulkhead/memory.py checks the count after the link).
 */
extern uint64_t __bh_pt_pool_start[][PT_ENTRIES], __bh_pt_pool_end[][PT_ENTRIES];

static unsigned pt_used;
static uint64_t *pml4;

static unsigned pt_pool_pages(void)
{
	return (unsigned)(__bh_pt_pool_end - __bh_pt_pool_start);
}

/* A zeroed table from the pool, or 0 when the pool is exhausted. */
static uint64_t *pt_alloc(void)
{
	if (pt_used == pt_pool_pages())
		return 0;
	uint64_t *t = __bh_pt_pool_start[pt_used++];
	memset(t, 0, PAGE_SIZE);
	return t;
}

/* The PTE slot for va; creates missing intermediate tables if create.  0 if absent
 * (or the pool ran out). */
static uint64_t *pte_slot(uintptr_t va, int create)
{
	uint64_t *table = pml4;
	for (int shift = 39; shift > 12; shift -= 9) {
		uint64_t *e = &table[(va >> shift) & (PT_ENTRIES - 1)];
		if (!(*e & PTE_P)) {
			uint64_t *next = create ? pt_alloc() : 0;
			if (!next)
				return 0;
			/* Intermediate levels allow everything; the leaf decides. */
			*e = (uintptr_t)next | PTE_P | PTE_RW | PTE_US | PTE_A;
		}
		table = (uint64_t *)(uintptr_t)(*e & PTE_ADDR);
	}
	return &table[(va >> 12) & (PT_ENTRIES - 1)];
}

/* Set by bh_paging_init: whether regions marked supervisor lose U/S (compartments in ring 3). */
static int ring3;

static uint64_t leaf_bits(enum perm perm, uint32_t key, int supervisor)
{
	uint64_t bits = PTE_P | PTE_A | ((uint64_t)key << PTE_KEY_SHIFT);
	if (!(supervisor && ring3))
		bits |= PTE_US;
	if (perm == PERM_RW)
		bits |= PTE_RW | PTE_D | PTE_NX;
	else if (perm == PERM_R)
		bits |= PTE_NX;
	return bits;
}

/* Maps [start, end) identity with perm and key.  Returns 0, or prints why and
 * returns BH_EXIT_BOOT_ERROR (pool exhausted, page already mapped by another region). */
static int map_region(const char *what, uintptr_t start, uintptr_t end, enum perm perm, uint32_t key,
		      int supervisor)
{
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t *pte = pte_slot(va, 1);
		if (!pte) {
			bh_printf("bulkhead: boot error: out of page tables mapping %s at 0x%016lx "
				  "(pool of %u pages; raise [memory] page_tables in the configuration)\n",
				  what, (unsigned long)va, pt_pool_pages());
			return BH_EXIT_BOOT_ERROR;
		}
		if (*pte & PTE_P) {
			bh_printf("bulkhead: boot error: %s overlaps another region at 0x%016lx\n", what,
				  (unsigned long)va);
			return BH_EXIT_BOOT_ERROR;
		}
		*pte = va | leaf_bits(perm, key, supervisor);
	}
	return 0;
}

static int map_shared(const struct bh_image *img)
{
	static const struct {
		const char *what;
		char *start, *end;
		enum perm perm;
		int supervisor;
	} shared[] = {
		/* Read-only and not executable: the boot code has run (kmain never returns to it), and its
		 * data (the early page tables) was written by it while the early map, RWX everywhere, was in
		 * force.  W^X from here on: no page is both writable and executable (./bulkhead verify
		 * checks the image for it; every permission below is RX, R or RW-NX). */
		{ "the boot region", __bh_boot_start, __bh_boot_end, PERM_R, 1 },
		/* Read-only: the IDT/GDT are complete (bh_idt_init ran before us). */
		/* The CPU reads them in ring 0 (a supervisor access whatever the ring the trap came from). */
		{ "the system tables (.bh.sys)", __bh_sys_start, __bh_sys_end, PERM_R, 1 },
		{ "the kernel's entry code (.bh.mtext)", __bh_mtext_start, __bh_mtext_end, PERM_RX, 1 },
		{ "the kernel's ring-0 state (.bh.monitor)", __bh_monitor_start, __bh_monitor_end, PERM_RW, 1 },
		{ "the shared text", __bh_shared_text_start, __bh_shared_text_end, PERM_RX },
		{ "the shared rodata", __bh_shared_rodata_start, __bh_shared_rodata_end, PERM_R },
		{ "the shared data", __bh_shared_data_start, __bh_shared_data_end, PERM_RW },
		{ "the shared bss", __bh_shared_bss_start, __bh_shared_bss_end, PERM_RW },
		{ "the shared stack", __bh_stack_start, __bh_stack_end, PERM_RW },
	};
	for (unsigned i = 0; i < sizeof(shared) / sizeof(shared[0]); i++) {
		int rc = map_region(shared[i].what, (uintptr_t)shared[i].start, (uintptr_t)shared[i].end,
				    shared[i].perm, img->shared_key, shared[i].supervisor);
		if (rc)
			return rc;
	}
	return 0;
}

/* Maps the part of each of compartment i's regions that this machine holds (all of it, but for
 * backend vm: bh_backend_resident). */
static int map_compartment(uint32_t i, const struct bh_compartment *c)
{
	const struct {
		const struct bh_region *r;
		enum perm perm;
	} parts[] = {
		{ &c->text, PERM_RX }, { &c->rodata, PERM_R }, { &c->data, PERM_RW }, { &c->bss, PERM_RW },
	};
	for (unsigned k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		const struct bh_region *r = parts[k].r;
		uintptr_t end = r->start == r->end ? r->end : bh_backend_resident(i, r->start, r->end);
		if (end < r->start || end > r->end || (end & (PAGE_SIZE - 1))) {
			bh_printf("bulkhead: boot error: the backend keeps a bad part of '%s' resident\n", c->name);
			return BH_EXIT_BOOT_ERROR;
		}
		int rc = map_region(c->name, r->start, end, parts[k].perm, c->key, 0);
		if (rc)
			return rc;
	}
	return 0;
}

/* Refuses to switch to tables that would not map what runs right after the switch. */
static int check_live(void)
{
	/* The stack by its frame address, not a local's: a local whose address becomes data would be
	 * moved to the data shadow stack and count as kept there (kernel/dss.c, bh_dss_parkable). */
	const struct {
		const char *what;
		uintptr_t addr;
	} live[] = {
		{ "the running code", (uintptr_t)&bh_paging_init },
		{ "the stack", (uintptr_t)__builtin_frame_address(0) },
		{ "the image table", (uintptr_t)&__bh_image },
	};
	for (unsigned i = 0; i < sizeof(live) / sizeof(live[0]); i++) {
		uint64_t *pte = pte_slot(live[i].addr, 0);
		if (!pte || !(*pte & PTE_P)) {
			bh_printf("bulkhead: boot error: no region of the image table maps %s (0x%016lx)\n",
				  live[i].what, (unsigned long)live[i].addr);
			return BH_EXIT_BOOT_ERROR;
		}
	}
	return 0;
}

void bh_paging_rekey(uintptr_t start, uintptr_t end, uint32_t key)
{
	/* One walk per leaf table (2 MiB): every thread switch re-keys data shadow stacks (kernel/dss.c). */
	const uintptr_t table_span = (uintptr_t)PT_ENTRIES * PAGE_SIZE;
	for (uintptr_t va = start; va < end;) {
		uintptr_t table_end = (va & ~(table_span - 1)) + table_span;
		uint64_t *pte = pte_slot(va, 0);
		if (!pte) {              /* no leaf table: nothing mapped up to its end */
			va = table_end;
			continue;
		}
		for (; va < end && va < table_end; va += PAGE_SIZE, pte++) {
			if (!(*pte & PTE_P))
				continue;
			*pte = (*pte & ~(0xfull << PTE_KEY_SHIFT)) | ((uint64_t)key << PTE_KEY_SHIFT);
			__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");   /* the TLB caches the key */
		}
	}
}

/* The page-table pool is in the kernel's compartment's bss (the linker script): with compartments in
 * ring 3 its pages become supervisor pages, so no domain's PKRU reaches them. */
static void supervise_pool(void)
{
	for (uintptr_t va = (uintptr_t)__bh_pt_pool_start; va < (uintptr_t)__bh_pt_pool_end; va += PAGE_SIZE) {
		uint64_t *pte = pte_slot(va, 0);
		if (pte && (*pte & PTE_P))
			*pte &= ~PTE_US;
	}
}

int bh_paging_supervisor(uintptr_t va)
{
	uint64_t *pte = pte_slot(va, 0);
	return pte && (*pte & PTE_P) && !(*pte & PTE_US);
}

int bh_paging_user_access(uint64_t pkru, uintptr_t p, uint64_t len, int write)
{
	if (len == 0)
		return 1;
	if (p + len < p)
		return 0;
	for (uintptr_t va = p & ~(PAGE_SIZE - 1); va < p + len; va += PAGE_SIZE) {
		uint64_t *pte = pte_slot(va, 0);
		if (!pte || !(*pte & PTE_P) || !(*pte & PTE_US) || (write && !(*pte & PTE_RW)))
			return 0;
		unsigned key = (unsigned)(*pte >> PTE_KEY_SHIFT) & 0xf;
		uint32_t deny = (uint32_t)(pkru >> (2 * key)) & 3;   /* access-disable, write-disable */
		if ((deny & 1) || (write && (deny & 2)))
			return 0;
	}
	return 1;
}

int bh_paging_init(const struct bh_image *img)
{
	ring3 = bh_backend_ring3();
	pml4 = pt_alloc();
	int rc = map_shared(img);
	for (uint32_t i = 0; !rc && i < img->ncompartments; i++)
		rc = map_compartment(i, &img->compartments[i]);
	if (!rc && ring3)
		supervise_pool();
	if (!rc)
		rc = check_live();
	if (rc)
		return rc;
	write_cr3((uintptr_t)pml4);
	return 0;
}

void bh_paging_unmap(uintptr_t start, uintptr_t end)
{
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t *pte = pte_slot(va, 0);
		if (!pte || !(*pte & PTE_P))
			continue;
		*pte = 0;
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	}
}

int bh_paging_map_device(uintptr_t start, uintptr_t end, uint32_t key)
{
	/* Registers: uncached (PCD|PWT), never executable. */
	uint64_t bits = leaf_bits(PERM_RW, key, 0) | PTE_PCD | PTE_PWT;
	if (start < (uintptr_t)__bh_image_end && end > (uintptr_t)__bh_image_start) {
		bh_printf("bulkhead: pci: a device range 0x%016lx-0x%016lx overlaps the image\n", (unsigned long)start,
			  (unsigned long)end);
		return -1;
	}
	for (uintptr_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t *pte = pte_slot(va, 1);
		if (!pte) {
			bh_printf("bulkhead: pci: out of page tables mapping a device at 0x%016lx (pool of %u pages; "
				  "raise [memory] page_tables in the configuration)\n", (unsigned long)va, pt_pool_pages());
			return -1;
		}
		if ((*pte & PTE_P) && *pte != (va | bits)) {
			bh_printf("bulkhead: pci: 0x%016lx is already mapped otherwise\n", (unsigned long)va);
			return -1;
		}
		*pte = va | bits;
		__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
	}
	return 0;
}
