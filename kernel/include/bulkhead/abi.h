/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GENERATED from abi/abi.toml by `./bulkhead abi` (scripts/bulkhead/abigen.py): do not edit.
 *
 * Every constant and layout that crosses a language: the kernel and the gates (C and assembly), the
 * pass (C++: passes/ includes this header), the driver (scripts/bulkhead/abi.py) and the linker
 * template (its globals) all take them from that one file.
 */
#ifndef BULKHEAD_ABI_H
#define BULKHEAD_ABI_H

/* The ABI version: the pass references BH_ABI_SYMBOL, the kernel defines it (arch/x86_64/abi.S). */
#define BH_ABI_VERSION 5
#define BH_ABI_SYMBOL __bh_abi_v5
#define BH_ABI_SYMBOL_NAME "__bh_abi_v5"

#define BH_STACK_SIZE 0x10000   /* the default of [threads] stack_kib, in bytes: every per-thread stack (the shared stacks, the private stacks, the data shadow stacks, backend vm's machine stacks) has this much room above its guard page; an image's own size is the link-time symbol __bh_stack_slot (room + guard) */
#define BH_STACK_GUARD 4096   /* bytes of the unmapped guard page at the bottom of every per-thread stack slot (kernel/stackguard.c): an overflow faults there, never writes into the stack below */
#define BH_TRAPRET_SIZE 256   /* bytes of a compartment's trap-return area (in its bss): the last frame of a trap delivered on the IST stack (kernel/trap.c) */
#define BH_TRAPRET_ALIGN 64   /* alignment of a trap-return area */
#define BH_TRAP_STACK_SIZE 16384   /* bytes of the kernel's trap stack (kernel/trap.c bh_trap_stack, arch/x86_64/trap.S) */
#define BH_IST_STACK_SIZE 8192   /* bytes of the timer's IST stack (arch/x86_64/idt.c bh_ist_stack, trap.S, trap.c) */
#define BH_LOAD_ADDRESS 0x100000   /* where the image starts (1 MiB): PVH loaders put it at its physical address (linker/image.ld.j2, scripts/bulkhead/memory.py) */
#define BH_DEBUG_EXIT_PORT 0xf4   /* I/O port of QEMU's isa-debug-exit device, which bh_exit writes status + 1 to (kernel/exit.c, scripts/bulkhead/qemu.py) */
#define BH_DOMAIN_MACHINE_BIT 63   /* the bit of a trap domain that says it is a whole machine (backend vm: BH_DOMAIN_MACHINE | compartment; backend.h, gates/vm/gate.S) */
#define BH_TRAPRET_ARMED 0   /* offset in a trap-return area of the mpk trap exit's arming word: the exact PKRU it is about to install, written in the trap domain, checked and cleared after its WRPKRU (gates/mpk/domains.S, kernel/trap.c) */
#define BH_MPK_TRAP_NEST 16   /* mpk: traps nested deeper than this are a gate violation (gates/mpk/mpk.c bh_mpk_trap_saved, one saved PKRU per depth; domains.S) */
#define BH_VECTOR_SYSCALL 256   /* the vector trap.S records for a SYSCALL (arch/x86_64/trap.S bh_syscall_entry, trap.c): above every vector the CPU delivers */
#define BH_GDT_CODE 0x8   /* GDT selector: 64-bit kernel code, DPL 0 (arch/x86_64/boot.S; STAR's SYSCALL CS; SS = CS + 8) */
#define BH_GDT_DATA 0x10   /* GDT selector: kernel data, DPL 0 */
#define BH_GDT_TSS 0x18   /* GDT selector: the TSS (16 bytes: 0x18 and 0x20; arch/x86_64/idt.c) */
#define BH_GDT_USER_BASE 0x28   /* STAR[63:48] (arch/x86_64/cpu.c): SYSRET loads SS = this + 8 and CS = this + 16, with RPL 3; the slot itself is null (no 32-bit user code) */
#define BH_GDT_USER_DATA 0x30   /* GDT selector: user data, DPL 3 (| 3 in ring 3) */
#define BH_GDT_USER_CODE 0x38   /* GDT selector: 64-bit user code, DPL 3 (| 3 in ring 3) */
#define BH_RING3_IOPL_MASK 0x3000   /* RFLAGS.IOPL: cleared in every frame the kernel returns to ring 3 with (arch/x86_64/trap.S) */
#define BH_SVC_PUTC 1   /* kernel service (SYSCALL, rax): write the byte in rdi to the console (kernel/service.c; any domain) */
#define BH_SVC_EXIT 2   /* kernel service: stop the image with the status in rdi (bh_exit from ring 3; any domain; the judge names the caller) */
#define BH_SVC_VIOLATION 3   /* kernel service: a gate's check failed (gates/mpk/domains.S): rdi = BH_VIOLATION_*, rsi = the gate's return address, rdx = the icall target; reports with the caller's domain as the kernel saw it (any domain) */
#define BH_SVC_IDLE 4   /* kernel service: the idle halt (kernel/wake.c bh_idle; the kernel's domain only) */
#define BH_SVC_WAKE_AFTER 5   /* kernel service: arm thread rdi's wake-up rsi ticks from now (wake.c; the kernel's domain only) */
#define BH_SVC_WAKE_CANCEL 6   /* kernel service: disarm thread rdi's wake-up (wake.c; the kernel's domain only) */
#define BH_SVC_FWCFG 7   /* kernel service: fw_cfg (kernel/bootfile.c): select entry rdi (0xffff: keep), skip rsi bytes, read rdx bytes to r10 (checked writable by the caller's domain; the kernel's domain only) */
#define BH_SVC_DSS_SWITCH 8   /* kernel service: rekey the data shadow stacks for thread rdi (kernel/dss.c; the kernel's domain only) */
#define BH_DSS_ALL 0   /* [threads] dss = "all", the default without keyed private stacks (linker symbol __bh_dss_policy, kernel/dss.c): every thread's data shadow stacks carry the shared key, so any compartment reaches a switched-out thread's shared stack data */
#define BH_DSS_RUNNING 1   /* [threads] dss = "running": a switched-out thread's data shadow stacks carry key 0, which no domain opens */
#define BH_DSS_OWNER 2   /* [threads] dss = "owner", the default with keyed private stacks: a switched-out thread's data shadow stacks of the compartments that only lend their stack data (bh_dss_parkable, written by bulkhead-dss) carry their compartment's own key; a key fault there by the kernel's compartment or a thread runtime's (linker symbol __bh_dss_reach) re-keys that page to it until the thread runs again */
#define BH_SVC_TIMER_START 9   /* kernel service: start the statistics timer at rdi Hz (kernel/timer.c; the kernel's domain only) */
#define BH_SVC_TIMER_STOP 10   /* kernel service: stop it and write its statistics to rdi (checked; the kernel's domain only) */
#define BH_SVC_PCI 11   /* kernel service: a PCI operation of kernel/pci.c (rdi = BH_PCI_OP_*, then its arguments in rsi, rdx, r10): config space, BAR mapping, INTx routing (the kernel's domain only) */
#define BH_PCI_OP_FIND 1   /* SVC_PCI: bh_pci_find(vendor, device, nth) */
#define BH_PCI_OP_CONFIG_READ 2   /* SVC_PCI: bh_pci_config_read(dev, offset) */
#define BH_PCI_OP_BAR_SIZE 3   /* SVC_PCI: bh_pci_bar_size(dev, bar) */
#define BH_PCI_OP_BAR_MAP 4   /* SVC_PCI: bh_pci_bar_map_for(dev, bar, self) */
#define BH_PCI_OP_IRQ_WAKE 5   /* SVC_PCI: bh_pci_irq_wake_for(dev, tid, self) */
#define BH_PCI_OP_IRQ_TAKEN 6   /* SVC_PCI: bh_pci_irq_taken_for(dev, self) */
#define BH_PCI_OP_DMA_ENABLE 7   /* SVC_PCI: bh_pci_dma_enable_for(dev, self) */
#define BH_CONSOLE_STREAM_PORT 0x2f8   /* COM2: the kernel's record of who printed what from ring 3 (kernel/service.c), read by the host (scripts/bulkhead/qemu.py, ./bulkhead run --consoles) */
#define BH_CPUSTAT_FILE "/bulkhead/cpustat"   /* the boot file (fw_cfg opt/bulkhead/cpustat, any content) that asks the kernel for its busy/idle line when main returns (kernel/main.c, wake.c: `bulkhead: cpu: ...`; benchmarks/iperf/run.py) */
#define BH_CONSOLE_RECORD 30   /* a record of the console stream: this byte, the compartment's index, then the byte it printed (or CONSOLE_EXIT's index and the exit status) */
#define BH_CONSOLE_EXIT 253   /* console stream: an exit asked for from ring 3 is two records in this place of the compartment: (this, the compartment's index), then (this, the status) */
#define BH_VIOLATION_GATE 1   /* SVC_VIOLATION kind: a WRPKRU or WRGSBASE check (exit GATE_VIOLATION) */
#define BH_VIOLATION_ICALL 2   /* SVC_VIOLATION kind: a forged indirect call (exit ICALL_VIOLATION) */
#define BH_VIOLATION_ORDER 3   /* SVC_VIOLATION kind: a private gate's return half out of order (exit GATE_ORDER_VIOLATION) */
#define BH_SHARED_KEY 15   /* the protection key of the shared region under a backend with keys (0 without) */
#define BH_MAX_KEY 15   /* the highest protection key (x86 PKU: 16 keys) */
#define BH_MAX_KEYED_COMPARTMENTS 14   /* compartments under keys: keys 1-14 (0 is the default key, 15 the shared one) */
#define BH_THREADS_MAX 64   /* [threads] max: the most threads an image may have (libs/sched, backend vm) */
#define BH_SHARED_COMPARTMENT 0xffff   /* compartment index of a symbol placed in the shared region (struct bh_symbol) */
#define BH_NO_COMPONENT 0xffff   /* component index of pass-generated code (gate stubs) (struct bh_symbol) */
#define BH_SYM_FUNCTION 1   /* struct bh_symbol kind: a function */
#define BH_SYM_OBJECT 2   /* struct bh_symbol kind: an object */
#define BH_SYM_GATE 3   /* struct bh_symbol kind: a gate stub */
#define BH_VM_MAX 16   /* backend vm: compartments (= machines) per image (gates/vm/backend.toml max_compartments) */
#define BH_VM_MAGIC 0x314d5648   /* backend vm: "HVM1", bh_vm_params was written by the orchestrator (gates/vm/host.py) */
#define BH_VM_WAKE_EXIT 0   /* backend vm: a machine waits in HLT and is woken by its doorbell interrupt */
#define BH_VM_WAKE_POLL 1   /* backend vm: a machine polls its inbox */

/* Exit statuses (bh_exit): 0-63 are main's return value (& 63); each status below has one meaning. */
#define BH_EXIT_ISOLATION_FAULT 64   /* a page fault caused by a protection key (mpk), or an access to another compartment's memory (vm): the report names the object and the code that touched it */
#define BH_EXIT_ISOLATION_FAULT_WHAT "isolation fault"
#define BH_EXIT_EXCEPTION 65   /* any CPU exception other than a page fault (#UD, #GP, ...), and an interrupt no backend expects */
#define BH_EXIT_EXCEPTION_WHAT "CPU exception"
#define BH_EXIT_NO_PKU 66   /* the backend needs PKU and the CPU has none (printed by the backend) */
#define BH_EXIT_NO_PKU_WHAT "no protection keys on this CPU"
#define BH_EXIT_GATE_VIOLATION 67   /* PKRU after a gate's WRPKRU (or the trap exit's) is not the domain that code must install: a jump into the middle of a gate */
#define BH_EXIT_GATE_VIOLATION_WHAT "gate integrity violation"
#define BH_EXIT_BOOT_ERROR 68   /* bad image table, page-table pool exhausted, overlapping regions, a domain that denies its own or the shared key */
#define BH_EXIT_BOOT_ERROR_WHAT "boot error"
#define BH_EXIT_LONGJMP 69   /* a longjmp whose target is outside the calling compartment's code, or (private stacks) above the crossing it waits in (kernel/setjmp.c) */
#define BH_EXIT_LONGJMP_WHAT "longjmp across compartments"
#define BH_EXIT_STRAY_ACCESS 70   /* a page fault no protection key caused: an unmapped page, a write to a read-only page, execution of a no-execute page, a reserved bit */
#define BH_EXIT_STRAY_ACCESS_WHAT "stray access"
#define BH_EXIT_ICALL_VIOLATION 71   /* a call through a function pointer to no code of the caller's compartment, no shared code and no entry of another compartment (bulkhead-icall's check) */
#define BH_EXIT_ICALL_VIOLATION_WHAT "indirect call violation"
#define BH_EXIT_GATE_ORDER_VIOLATION 72   /* a private-stack gate's return half entered while its caller's compartment was not waiting on that callee */
#define BH_EXIT_GATE_ORDER_VIOLATION_WHAT "gate order violation"
#define BH_EXIT_HEAP_MISUSE 73   /* bh_free of a block that is no live block of that heap, a double free, a corrupted block header (kernel/heap.c) */
#define BH_EXIT_HEAP_MISUSE_WHAT "heap corruption or misuse"
#define BH_EXIT_VM_REFUSED 74   /* backend vm: a machine refused a message: a call to no code of its compartment, a reply nobody waits for, an unknown thread or compartment */
#define BH_EXIT_VM_REFUSED_WHAT "vm message refused"
#define BH_EXIT_THREAD_MISUSE 75   /* libs/sched: thread 0 (main's) called bh_thread_exit instead of returning from main */
#define BH_EXIT_THREAD_MISUSE_WHAT "thread misuse"
#define BH_EXIT_DEADLOCK 76   /* every thread is blocked and none has a timeout, so nothing can ever wake one (libs/sched: the report lists what each waits on) */
#define BH_EXIT_DEADLOCK_WHAT "deadlock"
#define BH_EXIT_STACK_OVERFLOW 77   /* a thread ran off the bottom of one of its stacks into the unmapped guard page below it ([threads] stack_kib, kernel/stackguard.c): the report names the thread, the compartment and the kind of stack */
#define BH_EXIT_STACK_OVERFLOW_WHAT "stack overflow"
#define BH_EXIT_VM_OTHER_MACHINE_STOPPED 123   /* backend vm, set by the host (gates/vm/host.py), never by a guest: the machine of a compartment other than the kernel's stopped before the kernel's machine exited (a fault there, or its own bh_exit); the image's status is only ever the kernel machine's, so the host says which machine stopped and with what status, and keeps each machine's console apart */
#define BH_EXIT_VM_OTHER_MACHINE_STOPPED_WHAT "another compartment's machine stopped first"
/* Bit (status - 64): statuses 64-127 that ring-3 code may ask for (abi.toml ring3 = true). */
#define BH_EXIT_RING3_MASK 0x1a20ull

/* Offsets and sizes of the layouts below, for assembly. */
#define BH_REGION_SIZE 16
#define BH_REGION_OFF_START 0
#define BH_REGION_OFF_END 8
#define BH_COMPARTMENT_SIZE 96
#define BH_COMPARTMENT_OFF_NAME 0
#define BH_COMPARTMENT_OFF_KEY 8
#define BH_COMPARTMENT_OFF_PKRU 12
#define BH_COMPARTMENT_OFF_TEXT 16
#define BH_COMPARTMENT_OFF_RODATA 32
#define BH_COMPARTMENT_OFF_DATA 48
#define BH_COMPARTMENT_OFF_BSS 64
#define BH_COMPARTMENT_OFF_HEAP 80
#define BH_SYMBOL_SIZE 32
#define BH_SYMBOL_OFF_ADDR 0
#define BH_SYMBOL_OFF_SIZE 8
#define BH_SYMBOL_OFF_NAME 16
#define BH_SYMBOL_OFF_COMPONENT 24
#define BH_SYMBOL_OFF_COMPARTMENT 26
#define BH_SYMBOL_OFF_KIND 28
#define BH_AUDIT_GATE_SIZE 32
#define BH_AUDIT_GATE_OFF_COUNT 0
#define BH_AUDIT_GATE_OFF_STUB 8
#define BH_AUDIT_GATE_OFF_CALLEE 16
#define BH_AUDIT_GATE_OFF_FROM 24
#define BH_AUDIT_GATE_OFF_TO 28
#define BH_IMAGE_SIZE 64
#define BH_IMAGE_OFF_VERSION 0
#define BH_IMAGE_OFF_NCOMPARTMENTS 4
#define BH_IMAGE_OFF_NCOMPONENTS 8
#define BH_IMAGE_OFF_NSYMBOLS 12
#define BH_IMAGE_OFF_KERNEL_COMPARTMENT 16
#define BH_IMAGE_OFF_SHARED_KEY 20
#define BH_IMAGE_OFF_NAME 24
#define BH_IMAGE_OFF_BACKEND 32
#define BH_IMAGE_OFF_COMPARTMENTS 40
#define BH_IMAGE_OFF_COMPONENTS 48
#define BH_IMAGE_OFF_SYMBOLS 56

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* a half-open byte range [start, end), both page aligned by the linker script (16 bytes) */
struct bh_region {
	uintptr_t start;   /* 0 */
	uintptr_t end;   /* 8 */
};

/* one compartment of __bh_image (96 bytes) */
struct bh_compartment {
	const char *name;   /* 0 */
	uint32_t key;   /* 8: protection key of its pages (0 when the backend has none) */
	uint32_t pkru;   /* 12: PKRU value of its domain (mpk); 0 otherwise */
	struct bh_region text;   /* 16 */
	struct bh_region rodata;   /* 32 */
	struct bh_region data;   /* 48 */
	struct bh_region bss;   /* 64 */
	struct bh_region heap;   /* 80: its own heap (bh_malloc), inside bss */
};

/* one entry of __bh_image's symbol table (32 bytes) */
struct bh_symbol {
	uintptr_t addr;   /* 0 */
	uint64_t size;   /* 8: bytes for objects; 0 for functions (use the next symbol) */
	const char *name;   /* 16 */
	uint16_t component;   /* 24: index into bh_image.components, or BH_NO_COMPONENT */
	uint16_t compartment;   /* 26: index into bh_image.compartments, or BH_SHARED_COMPARTMENT */
	uint32_t kind;   /* 28: BH_SYM_FUNCTION, BH_SYM_OBJECT or BH_SYM_GATE */
};

/* one gate of an audit image (policy audit = "on"): __bh_audit_gates, emitted by passes/Finalize.cpp, ends with an entry whose stub is 0; the kernel's audit summary (kernel/audit.c) lists the calls each gate took (32 bytes) */
struct bh_audit_gate {
	uint64_t *count;   /* 0: the number of calls through the gate, counted before each call in the caller's code (a word of the shared data) */
	const void *stub;   /* 8: the gate stub __bh_gate_c<from>_<callee> */
	const void *callee;   /* 16: the function it enters (a marshalling thunk __bh_marshal_<callee> for a crossing the gate cannot carry in registers) */
	uint32_t from;   /* 24: the calling compartment */
	uint32_t to;   /* 28: the callee's compartment */
};

/* __bh_image: emitted by the pass (passes/Finalize.cpp), read by the kernel at boot and in reports (64 bytes) */
struct bh_image {
	uint32_t version;   /* 0: BH_ABI_VERSION */
	uint32_t ncompartments;   /* 4 */
	uint32_t ncomponents;   /* 8 */
	uint32_t nsymbols;   /* 12: symbols[] is NOT sorted */
	uint32_t kernel_compartment;   /* 16: compartment holding the component "kernel" */
	uint32_t shared_key;   /* 20: key of the shared region (BH_SHARED_KEY with keys, 0 without) */
	const char *name;   /* 24: configuration name */
	const char *backend;   /* 32: the backend's name */
	const struct bh_compartment *compartments;   /* 40 */
	const char *const *components;   /* 48 */
	const struct bh_symbol *symbols;   /* 56 */
};


#ifndef __cplusplus
_Static_assert(sizeof(struct bh_region) == BH_REGION_SIZE, "bh_region: abi/abi.toml");
_Static_assert(offsetof(struct bh_region, start) == BH_REGION_OFF_START, "bh_region.start: abi/abi.toml");
_Static_assert(offsetof(struct bh_region, end) == BH_REGION_OFF_END, "bh_region.end: abi/abi.toml");
_Static_assert(sizeof(struct bh_compartment) == BH_COMPARTMENT_SIZE, "bh_compartment: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, name) == BH_COMPARTMENT_OFF_NAME, "bh_compartment.name: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, key) == BH_COMPARTMENT_OFF_KEY, "bh_compartment.key: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, pkru) == BH_COMPARTMENT_OFF_PKRU, "bh_compartment.pkru: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, text) == BH_COMPARTMENT_OFF_TEXT, "bh_compartment.text: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, rodata) == BH_COMPARTMENT_OFF_RODATA, "bh_compartment.rodata: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, data) == BH_COMPARTMENT_OFF_DATA, "bh_compartment.data: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, bss) == BH_COMPARTMENT_OFF_BSS, "bh_compartment.bss: abi/abi.toml");
_Static_assert(offsetof(struct bh_compartment, heap) == BH_COMPARTMENT_OFF_HEAP, "bh_compartment.heap: abi/abi.toml");
_Static_assert(sizeof(struct bh_symbol) == BH_SYMBOL_SIZE, "bh_symbol: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, addr) == BH_SYMBOL_OFF_ADDR, "bh_symbol.addr: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, size) == BH_SYMBOL_OFF_SIZE, "bh_symbol.size: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, name) == BH_SYMBOL_OFF_NAME, "bh_symbol.name: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, component) == BH_SYMBOL_OFF_COMPONENT, "bh_symbol.component: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, compartment) == BH_SYMBOL_OFF_COMPARTMENT, "bh_symbol.compartment: abi/abi.toml");
_Static_assert(offsetof(struct bh_symbol, kind) == BH_SYMBOL_OFF_KIND, "bh_symbol.kind: abi/abi.toml");
_Static_assert(sizeof(struct bh_audit_gate) == BH_AUDIT_GATE_SIZE, "bh_audit_gate: abi/abi.toml");
_Static_assert(offsetof(struct bh_audit_gate, count) == BH_AUDIT_GATE_OFF_COUNT, "bh_audit_gate.count: abi/abi.toml");
_Static_assert(offsetof(struct bh_audit_gate, stub) == BH_AUDIT_GATE_OFF_STUB, "bh_audit_gate.stub: abi/abi.toml");
_Static_assert(offsetof(struct bh_audit_gate, callee) == BH_AUDIT_GATE_OFF_CALLEE, "bh_audit_gate.callee: abi/abi.toml");
_Static_assert(offsetof(struct bh_audit_gate, from) == BH_AUDIT_GATE_OFF_FROM, "bh_audit_gate.from: abi/abi.toml");
_Static_assert(offsetof(struct bh_audit_gate, to) == BH_AUDIT_GATE_OFF_TO, "bh_audit_gate.to: abi/abi.toml");
_Static_assert(sizeof(struct bh_image) == BH_IMAGE_SIZE, "bh_image: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, version) == BH_IMAGE_OFF_VERSION, "bh_image.version: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, ncompartments) == BH_IMAGE_OFF_NCOMPARTMENTS, "bh_image.ncompartments: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, ncomponents) == BH_IMAGE_OFF_NCOMPONENTS, "bh_image.ncomponents: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, nsymbols) == BH_IMAGE_OFF_NSYMBOLS, "bh_image.nsymbols: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, kernel_compartment) == BH_IMAGE_OFF_KERNEL_COMPARTMENT, "bh_image.kernel_compartment: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, shared_key) == BH_IMAGE_OFF_SHARED_KEY, "bh_image.shared_key: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, name) == BH_IMAGE_OFF_NAME, "bh_image.name: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, backend) == BH_IMAGE_OFF_BACKEND, "bh_image.backend: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, compartments) == BH_IMAGE_OFF_COMPARTMENTS, "bh_image.compartments: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, components) == BH_IMAGE_OFF_COMPONENTS, "bh_image.components: abi/abi.toml");
_Static_assert(offsetof(struct bh_image, symbols) == BH_IMAGE_OFF_SYMBOLS, "bh_image.symbols: abi/abi.toml");

#else
/* For the pass: each layout's fields, in order, as LLVM types ("i32", "ptr", "struct bh_region"...),
 * so passes/Finalize.cpp builds its struct types from this file and nothing else. */
namespace bulkhead::abi {
struct FieldSpec {
  const char *Name;
  const char *Type;
  unsigned Count;
};
inline constexpr FieldSpec RegionFields[] = {
    {"start", "ptr", 1},
    {"end", "ptr", 1},
};
inline constexpr FieldSpec CompartmentFields[] = {
    {"name", "ptr", 1},
    {"key", "i32", 1},
    {"pkru", "i32", 1},
    {"text", "struct bh_region", 1},
    {"rodata", "struct bh_region", 1},
    {"data", "struct bh_region", 1},
    {"bss", "struct bh_region", 1},
    {"heap", "struct bh_region", 1},
};
inline constexpr FieldSpec SymbolFields[] = {
    {"addr", "ptr", 1},
    {"size", "i64", 1},
    {"name", "ptr", 1},
    {"component", "i16", 1},
    {"compartment", "i16", 1},
    {"kind", "i32", 1},
};
inline constexpr FieldSpec AuditgateFields[] = {
    {"count", "ptr", 1},
    {"stub", "ptr", 1},
    {"callee", "ptr", 1},
    {"from", "i32", 1},
    {"to", "i32", 1},
};
inline constexpr FieldSpec ImageFields[] = {
    {"version", "i32", 1},
    {"ncompartments", "i32", 1},
    {"ncomponents", "i32", 1},
    {"nsymbols", "i32", 1},
    {"kernel_compartment", "i32", 1},
    {"shared_key", "i32", 1},
    {"name", "ptr", 1},
    {"backend", "ptr", 1},
    {"compartments", "ptr", 1},
    {"components", "ptr", 1},
    {"symbols", "ptr", 1},
};
} // namespace bulkhead::abi
#endif
#endif /* __ASSEMBLER__ */

#endif
