/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kmain: the boot sequence after boot.S, in the kernel's compartment.
 *   console -> IDT -> image check -> page tables -> backend -> banner
 *   -> enter the kernel's domain -> (ring 3, where the backend runs compartments there)
 *   -> main(1, {image name, NULL}, {NULL}) -> exit with its status.
 */
#include <stdint.h>
#include <bulkhead/backend.h>
#include <bulkhead/bootfile.h>
#include <bulkhead/console.h>
#include <bulkhead/exit.h>
#include <bulkhead/image.h>
#include <bulkhead/pic.h>
#include <bulkhead/string.h>
#include <bulkhead/wake.h>
#include "arch/x86_64/x86.h"
#include "dss_internal.h"
#include "audit.h"
#include "image.h"
#include "stop.h"

int main(void);   /* the application's: main(void) or the hosted main(int argc, char **argv[, char **envp]) */
void kmain(void); /* called by boot.S */
void bh_ring3_enter(void); /* arch/x86_64/trap.S: returns in ring 3 */
#include "stackguard.h"

/* Whether component c has any symbol in compartment i (the table has no direct map). */
static int component_in(const struct bh_image *img, uint32_t c, uint32_t i)
{
	for (uint32_t s = 0; s < img->nsymbols; s++)
		if (img->symbols[s].component == c && img->symbols[s].compartment == i)
			return 1;
	return 0;
}

/* Whether component c has any symbol at all: one whose code was all inlined into its callers (or
 * that nothing used) has none, and the image does not record where it was configured. */
static int component_has_code(const struct bh_image *img, uint32_t c)
{
	for (uint32_t i = 0; i < img->ncompartments; i++)
		if (component_in(img, c, i))
			return 1;
	return 0;
}

static void banner(const struct bh_image *img)
{
	bh_printf("bulkhead: image '%s', backend %s, %u compartment%s\n", img->name, img->backend,
		  img->ncompartments, img->ncompartments == 1 ? "" : "s");
	for (uint32_t i = 0; i < img->ncompartments; i++) {
		const struct bh_compartment *c = &img->compartments[i];
		bh_printf("bulkhead:   compartment %u '%s' key %u:", i, c->name, c->key);
		for (uint32_t k = 0; k < img->ncomponents; k++)
			if (component_in(img, k, i))
				bh_printf(" %s", img->components[k]);
		bh_printf("\n");
	}
	/* Every configured component is named: those without code of their own on a line of their own. */
	uint32_t codeless = 0;
	for (uint32_t k = 0; k < img->ncomponents; k++) {
		if (component_has_code(img, k))
			continue;
		bh_printf(codeless++ ? " %s" : "bulkhead:   configured, no code of its own left (inlined into its "
			  "callers, or unused): %s", img->components[k]);
	}
	if (codeless)
		bh_printf("\n");
}

/*
 * The hosted signature, main(int argc, char **argv, char **envp): argv {the image's name, the words
 * of the boot file /etc/argv if there is one, NULL}, envp {NULL}.  /etc/argv ([files] "/etc/argv" in
 * the configuration, or `./bulkhead run --file HOST:/etc/argv`) holds one argument per line, taken
 * as it is (no quoting, no expansion; an empty line is an empty argument; a final newline ends the
 * last one): how a configuration gives an unchanged program (apps/iperf3) its command line.  At most
 * ARGV_MAX arguments and ARGV_TEXT bytes; more is refused with a line naming the file, and main gets
 * the image's name alone.  main may live in any compartment, so all of it is in the shared data
 * (explicit section: the kernel's own globals are never shared by policy); C lets main write them,
 * and the kernel never reads them back.  Without them main would receive whatever the kernel left in
 * the argument registers (the kernel's compartment index from bh_backend_enter, as argc).
 */
#define ARGV0_MAX 128
#define ARGV_MAX 64
#define ARGV_TEXT BH_BOOTFILE_CHUNK
static char bh_argv0[ARGV0_MAX] __attribute__((section(".bh.shared.data")));
static char bh_argv_text[ARGV_TEXT] __attribute__((section(".bh.shared.data")));
static char *bh_argv[ARGV_MAX + 2] __attribute__((section(".bh.shared.data")));
static char *bh_envp[1] __attribute__((section(".bh.shared.data")));
static int bh_argc = 1;

/* Reads /etc/argv into bh_argv[1..] (in ring 0, before any compartment runs: fw_cfg is port I/O). */
static void read_argv_file(void)
{
	static char path[BH_BOOTFILE_NAME] __attribute__((section(".bh.shared.data")));
	int n = bh_bootfile_count();
	for (int i = 0; i < n; i++) {
		int64_t size = bh_bootfile_stat(i, path);
		if (size < 0 || strcmp(path, "/etc/argv") != 0)
			continue;
		if (size >= ARGV_TEXT) {
			bh_printf("bulkhead: /etc/argv: %ld bytes, more than the %d an argument list may have; "
				  "main gets no arguments\n", (long)size, ARGV_TEXT - 1);
			return;
		}
		if (size > 0 && bh_bootfile_read(i, 0, bh_argv_text, (uint64_t)size) != size)
			return;
		bh_argv_text[size] = 0;
		int argc = 1;
		for (int64_t k = 0; k < size;) {
			if (argc > ARGV_MAX) {
				bh_printf("bulkhead: /etc/argv: more than %d arguments (lines); main gets none\n", ARGV_MAX);
				bh_argv[1] = 0;
				return;
			}
			bh_argv[argc++] = &bh_argv_text[k];
			while (k < size && bh_argv_text[k] != '\n')
				k++;
			bh_argv_text[k++] = 0;
		}
		bh_argv[argc] = 0;
		bh_argc = argc;
		return;
	}
}

/* Every integer argument register is set (the last three to 0): whatever signature the application
 * gave main, no value of the kernel's reaches it through an argument register. */
typedef int hosted_main_fn(int argc, char **argv, char **envp, long, long, long);

static int call_main(const struct bh_image *img)
{
	uint32_t n = 0;
	for (; img->name[n] && n < ARGV0_MAX - 1; n++)
		bh_argv0[n] = img->name[n];
	bh_argv0[n] = 0;
	bh_argv[0] = bh_argv0;
	bh_argv[bh_argc] = 0;
	bh_envp[0] = 0;
	/* Never inlined, even where main shares the kernel's compartment: its code stays the app's
	 * component's (fault reports name it; the kernel's system sections hold only the kernel). */
	int rc;
	[[clang::noinline]] rc = ((hosted_main_fn *)main)(bh_argc, bh_argv, bh_envp, 0, 0, 0);
	return rc;
}

/*
 * Asked for by the boot file BH_CPUSTAT_FILE (benchmarks/iperf/run.py): the TSC ticks from main's call
 * to its return, those spent halted in the idle loop (kernel/wake.c), and the rest, busy.  Under
 * -icount shift=0 busy is the instructions this machine executed for main (under backend vm: the
 * kernel's machine only).
 */
static void cpu_report(uint64_t tsc0, uint64_t halted0)
{
	uint64_t tsc = rdtsc() - tsc0, halted = bh_idle_ticks() - halted0;
	bh_printf("bulkhead: cpu: main ran %lu tsc ticks, %lu halted in %lu halts, %lu busy\n",
		  (unsigned long)tsc, (unsigned long)halted, (unsigned long)bh_idle_halts(),
		  (unsigned long)(tsc - halted));
}

void kmain(void)
{
	uint64_t entry = rdtsc();
	const struct bh_image *img = &__bh_image;
	bh_serial_init();
	bh_idt_init();
	bh_cpu_syscall_init();
	int rc = bh_image_check(img);
	if (rc == 0)
		rc = bh_paging_init(img);
	if (rc == 0)
		rc = bh_stack_guards_init(img);   /* the lowest page of every thread's stack slot */
	if (rc == 0)
		rc = bh_backend_init(img);
	if (rc == 0)
		bh_dss_boot();   /* [threads] dss = "owner" or "running": park the other threads' data shadow stacks */
	if (rc != 0)
		bh_stop(rc);
	/*
	 * Boot cost, read before anything is printed: console output waits on the host (the UART's
	 * transmit-ready bit), so instruction counts that include printing are not repeatable.  Under
	 * -icount shift=0 this is the instruction count from reset, firmware included.
	 */
	uint64_t ready = rdtsc();
	banner(img);
	bh_printf("bulkhead: boot: kmain entered at tsc %lu, ready at tsc %lu: %lu in the kernel\n",
		  (unsigned long)entry, (unsigned long)ready, (unsigned long)(ready - entry));
	read_argv_file();
	bh_backend_enter(img->kernel_compartment);
	if (bh_backend_ring3()) {
		/* Ring 3 runs with interrupts on (it cannot turn them off): the 8259s first, every line
		 * masked, so only what the kernel unmasks (the timer) ever interrupts. */
		bh_pic_init(0);
		bh_ring3_enter();   /* from here on the kernel's compartment runs in ring 3 too */
	}
	uint64_t main_tsc = rdtsc(), main_halted = bh_idle_ticks();
	rc = call_main(img);
	if (bh_bootfile_find(BH_CPUSTAT_FILE) >= 0)
		cpu_report(main_tsc, main_halted);
	bh_audit_summary();
	bh_stop(rc & 63);
}
