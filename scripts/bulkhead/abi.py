"""GENERATED from abi/abi.toml by `./bulkhead abi` (scripts/bulkhead/abigen.py): do not edit.

Every constant and layout that crosses a language, for the driver, the tests and (JINJA) the linker
template; kernel/include/bulkhead/abi.h holds the same for C, assembly and the pass.
"""
from __future__ import annotations

ABI_VERSION = 5
ABI_SYMBOL = "__bh_abi_v5"     # the pass references it, the kernel defines it

STACK_SIZE = 0x10000     # the default of [threads] stack_kib, in bytes: every per-thread stack (the shared stacks, the private stacks, the data shadow stacks, backend vm's machine stacks) has this much room above its guard page; an image's own size is the link-time symbol __bh_stack_slot (room + guard)
STACK_GUARD = 4096     # bytes of the unmapped guard page at the bottom of every per-thread stack slot (kernel/stackguard.c): an overflow faults there, never writes into the stack below
TRAPRET_SIZE = 256     # bytes of a compartment's trap-return area (in its bss): the last frame of a trap delivered on the IST stack (kernel/trap.c)
TRAPRET_ALIGN = 64     # alignment of a trap-return area
TRAP_STACK_SIZE = 16384     # bytes of the kernel's trap stack (kernel/trap.c bh_trap_stack, arch/x86_64/trap.S)
IST_STACK_SIZE = 8192     # bytes of the timer's IST stack (arch/x86_64/idt.c bh_ist_stack, trap.S, trap.c)
LOAD_ADDRESS = 0x100000     # where the image starts (1 MiB): PVH loaders put it at its physical address (linker/image.ld.j2, scripts/bulkhead/memory.py)
DEBUG_EXIT_PORT = 0xf4     # I/O port of QEMU's isa-debug-exit device, which bh_exit writes status + 1 to (kernel/exit.c, scripts/bulkhead/qemu.py)
DOMAIN_MACHINE_BIT = 63     # the bit of a trap domain that says it is a whole machine (backend vm: BH_DOMAIN_MACHINE | compartment; backend.h, gates/vm/gate.S)
TRAPRET_ARMED = 0     # offset in a trap-return area of the mpk trap exit's arming word: the exact PKRU it is about to install, written in the trap domain, checked and cleared after its WRPKRU (gates/mpk/domains.S, kernel/trap.c)
MPK_TRAP_NEST = 16     # mpk: traps nested deeper than this are a gate violation (gates/mpk/mpk.c bh_mpk_trap_saved, one saved PKRU per depth; domains.S)
VECTOR_SYSCALL = 256     # the vector trap.S records for a SYSCALL (arch/x86_64/trap.S bh_syscall_entry, trap.c): above every vector the CPU delivers
GDT_CODE = 0x8     # GDT selector: 64-bit kernel code, DPL 0 (arch/x86_64/boot.S; STAR's SYSCALL CS; SS = CS + 8)
GDT_DATA = 0x10     # GDT selector: kernel data, DPL 0
GDT_TSS = 0x18     # GDT selector: the TSS (16 bytes: 0x18 and 0x20; arch/x86_64/idt.c)
GDT_USER_BASE = 0x28     # STAR[63:48] (arch/x86_64/cpu.c): SYSRET loads SS = this + 8 and CS = this + 16, with RPL 3; the slot itself is null (no 32-bit user code)
GDT_USER_DATA = 0x30     # GDT selector: user data, DPL 3 (| 3 in ring 3)
GDT_USER_CODE = 0x38     # GDT selector: 64-bit user code, DPL 3 (| 3 in ring 3)
RING3_IOPL_MASK = 0x3000     # RFLAGS.IOPL: cleared in every frame the kernel returns to ring 3 with (arch/x86_64/trap.S)
SVC_PUTC = 1     # kernel service (SYSCALL, rax): write the byte in rdi to the console (kernel/service.c; any domain)
SVC_EXIT = 2     # kernel service: stop the image with the status in rdi (bh_exit from ring 3; any domain; the judge names the caller)
SVC_VIOLATION = 3     # kernel service: a gate's check failed (gates/mpk/domains.S): rdi = BH_VIOLATION_*, rsi = the gate's return address, rdx = the icall target; reports with the caller's domain as the kernel saw it (any domain)
SVC_IDLE = 4     # kernel service: the idle halt (kernel/wake.c bh_idle; the kernel's domain only)
SVC_WAKE_AFTER = 5     # kernel service: arm thread rdi's wake-up rsi ticks from now (wake.c; the kernel's domain only)
SVC_WAKE_CANCEL = 6     # kernel service: disarm thread rdi's wake-up (wake.c; the kernel's domain only)
SVC_FWCFG = 7     # kernel service: fw_cfg (kernel/bootfile.c): select entry rdi (0xffff: keep), skip rsi bytes, read rdx bytes to r10 (checked writable by the caller's domain; the kernel's domain only)
SVC_DSS_SWITCH = 8     # kernel service: rekey the data shadow stacks for thread rdi (kernel/dss.c; the kernel's domain only)
DSS_ALL = 0     # [threads] dss = "all", the default without keyed private stacks (linker symbol __bh_dss_policy, kernel/dss.c): every thread's data shadow stacks carry the shared key, so any compartment reaches a switched-out thread's shared stack data
DSS_RUNNING = 1     # [threads] dss = "running": a switched-out thread's data shadow stacks carry key 0, which no domain opens
DSS_OWNER = 2     # [threads] dss = "owner", the default with keyed private stacks: a switched-out thread's data shadow stacks of the compartments that only lend their stack data (bh_dss_parkable, written by bulkhead-dss) carry their compartment's own key; a key fault there by the kernel's compartment or a thread runtime's (linker symbol __bh_dss_reach) re-keys that page to it until the thread runs again
SVC_TIMER_START = 9     # kernel service: start the statistics timer at rdi Hz (kernel/timer.c; the kernel's domain only)
SVC_TIMER_STOP = 10     # kernel service: stop it and write its statistics to rdi (checked; the kernel's domain only)
SVC_PCI = 11     # kernel service: a PCI operation of kernel/pci.c (rdi = BH_PCI_OP_*, then its arguments in rsi, rdx, r10): config space, BAR mapping, INTx routing (the kernel's domain only)
PCI_OP_FIND = 1     # SVC_PCI: bh_pci_find(vendor, device, nth)
PCI_OP_CONFIG_READ = 2     # SVC_PCI: bh_pci_config_read(dev, offset)
PCI_OP_BAR_SIZE = 3     # SVC_PCI: bh_pci_bar_size(dev, bar)
PCI_OP_BAR_MAP = 4     # SVC_PCI: bh_pci_bar_map_for(dev, bar, self)
PCI_OP_IRQ_WAKE = 5     # SVC_PCI: bh_pci_irq_wake_for(dev, tid, self)
PCI_OP_IRQ_TAKEN = 6     # SVC_PCI: bh_pci_irq_taken_for(dev, self)
PCI_OP_DMA_ENABLE = 7     # SVC_PCI: bh_pci_dma_enable_for(dev, self)
CONSOLE_STREAM_PORT = 0x2f8     # COM2: the kernel's record of who printed what from ring 3 (kernel/service.c), read by the host (scripts/bulkhead/qemu.py, ./bulkhead run --consoles)
CPUSTAT_FILE = "/bulkhead/cpustat"     # the boot file (fw_cfg opt/bulkhead/cpustat, any content) that asks the kernel for its busy/idle line when main returns (kernel/main.c, wake.c: `bulkhead: cpu: ...`; benchmarks/iperf/run.py)
CONSOLE_RECORD = 30     # a record of the console stream: this byte, the compartment's index, then the byte it printed (or CONSOLE_EXIT's index and the exit status)
CONSOLE_EXIT = 253     # console stream: an exit asked for from ring 3 is two records in this place of the compartment: (this, the compartment's index), then (this, the status)
VIOLATION_GATE = 1     # SVC_VIOLATION kind: a WRPKRU or WRGSBASE check (exit GATE_VIOLATION)
VIOLATION_ICALL = 2     # SVC_VIOLATION kind: a forged indirect call (exit ICALL_VIOLATION)
VIOLATION_ORDER = 3     # SVC_VIOLATION kind: a private gate's return half out of order (exit GATE_ORDER_VIOLATION)
SHARED_KEY = 15     # the protection key of the shared region under a backend with keys (0 without)
MAX_KEY = 15     # the highest protection key (x86 PKU: 16 keys)
MAX_KEYED_COMPARTMENTS = 14     # compartments under keys: keys 1-14 (0 is the default key, 15 the shared one)
THREADS_MAX = 64     # [threads] max: the most threads an image may have (libs/sched, backend vm)
SHARED_COMPARTMENT = 0xffff     # compartment index of a symbol placed in the shared region (struct bh_symbol)
NO_COMPONENT = 0xffff     # component index of pass-generated code (gate stubs) (struct bh_symbol)
SYM_FUNCTION = 1     # struct bh_symbol kind: a function
SYM_OBJECT = 2     # struct bh_symbol kind: an object
SYM_GATE = 3     # struct bh_symbol kind: a gate stub
VM_MAX = 16     # backend vm: compartments (= machines) per image (gates/vm/backend.toml max_compartments)
VM_MAGIC = 0x314d5648     # backend vm: "HVM1", bh_vm_params was written by the orchestrator (gates/vm/host.py)
VM_WAKE_EXIT = 0     # backend vm: a machine waits in HLT and is woken by its doorbell interrupt
VM_WAKE_POLL = 1     # backend vm: a machine polls its inbox

# Exit statuses (bh_exit): 0-63 are main's return value (& 63); each status below has one meaning.
EXIT_ISOLATION_FAULT = 64     # isolation fault
EXIT_EXCEPTION = 65     # CPU exception
EXIT_NO_PKU = 66     # no protection keys on this CPU
EXIT_GATE_VIOLATION = 67     # gate integrity violation
EXIT_BOOT_ERROR = 68     # boot error
EXIT_LONGJMP = 69     # longjmp across compartments
EXIT_STRAY_ACCESS = 70     # stray access
EXIT_ICALL_VIOLATION = 71     # indirect call violation
EXIT_GATE_ORDER_VIOLATION = 72     # gate order violation
EXIT_HEAP_MISUSE = 73     # heap corruption or misuse
EXIT_VM_REFUSED = 74     # vm message refused
EXIT_THREAD_MISUSE = 75     # thread misuse
EXIT_DEADLOCK = 76     # deadlock
EXIT_STACK_OVERFLOW = 77     # stack overflow
EXIT_VM_OTHER_MACHINE_STOPPED = 123     # another compartment's machine stopped first
# status -> the words the kernel prints in "stopping with exit status N (...)"
EXIT_WHAT: dict[int, str] = {
    64: "isolation fault",
    65: "CPU exception",
    66: "no protection keys on this CPU",
    67: "gate integrity violation",
    68: "boot error",
    69: "longjmp across compartments",
    70: "stray access",
    71: "indirect call violation",
    72: "gate order violation",
    73: "heap corruption or misuse",
    74: "vm message refused",
    75: "thread misuse",
    76: "deadlock",
    77: "stack overflow",
    123: "another compartment's machine stopped first",
}
# statuses 64-127 that ring-3 code may ask for (abi.toml ring3 = true); the others are the kernel's own
EXIT_RING3: frozenset[int] = frozenset({69, 73, 75, 76})

# Layouts (x86-64 System V): struct -> size, struct -> field -> offset.
SIZES: dict[str, int] = {
    "bh_region": 16,
    "bh_compartment": 96,
    "bh_symbol": 32,
    "bh_audit_gate": 32,
    "bh_image": 64,
    "bh_vm_params": 40,
    "bh_vm_regs": 208,
    "bh_vm_box": 320,
}
OFFSETS: dict[str, dict[str, int]] = {
    "bh_region": {"start": 0, "end": 8},
    "bh_compartment": {"name": 0, "key": 8, "pkru": 12, "text": 16, "rodata": 32, "data": 48, "bss": 64, "heap": 80},
    "bh_symbol": {"addr": 0, "size": 8, "name": 16, "component": 24, "compartment": 26, "kind": 28},
    "bh_audit_gate": {"count": 0, "stub": 8, "callee": 16, "from": 24, "to": 28},
    "bh_image": {"version": 0, "ncompartments": 4, "ncomponents": 8, "nsymbols": 12, "kernel_compartment": 16, "shared_key": 20, "name": 24, "backend": 32, "compartments": 40, "components": 48, "symbols": 56},
    "bh_vm_params": {"magic": 0, "self": 4, "ncompartments": 8, "reserved": 12, "wake": 16, "stacks": 32},
    "bh_vm_regs": {"fn": 0, "target": 8, "gpr": 16, "ret": 64, "xmm": 80},
    "bh_vm_box": {"seq": 0, "kind": 8, "from": 12, "msg": 16, "tid": 224, "calls_made": 256, "call_tsc": 264, "calls_served": 272, "serve_tsc": 280, "wakeups": 288, "ready": 296, "irq_tsc": 304, "busy_tsc": 312},
}

# The linker template's globals (scripts/bulkhead/image.py): every constant, by its name.
JINJA: dict[str, int] = {
    "ABI_VERSION": ABI_VERSION,
    "STACK_SIZE": STACK_SIZE,
    "STACK_GUARD": STACK_GUARD,
    "TRAPRET_SIZE": TRAPRET_SIZE,
    "TRAPRET_ALIGN": TRAPRET_ALIGN,
    "TRAP_STACK_SIZE": TRAP_STACK_SIZE,
    "IST_STACK_SIZE": IST_STACK_SIZE,
    "LOAD_ADDRESS": LOAD_ADDRESS,
    "DEBUG_EXIT_PORT": DEBUG_EXIT_PORT,
    "DOMAIN_MACHINE_BIT": DOMAIN_MACHINE_BIT,
    "TRAPRET_ARMED": TRAPRET_ARMED,
    "MPK_TRAP_NEST": MPK_TRAP_NEST,
    "VECTOR_SYSCALL": VECTOR_SYSCALL,
    "GDT_CODE": GDT_CODE,
    "GDT_DATA": GDT_DATA,
    "GDT_TSS": GDT_TSS,
    "GDT_USER_BASE": GDT_USER_BASE,
    "GDT_USER_DATA": GDT_USER_DATA,
    "GDT_USER_CODE": GDT_USER_CODE,
    "RING3_IOPL_MASK": RING3_IOPL_MASK,
    "SVC_PUTC": SVC_PUTC,
    "SVC_EXIT": SVC_EXIT,
    "SVC_VIOLATION": SVC_VIOLATION,
    "SVC_IDLE": SVC_IDLE,
    "SVC_WAKE_AFTER": SVC_WAKE_AFTER,
    "SVC_WAKE_CANCEL": SVC_WAKE_CANCEL,
    "SVC_FWCFG": SVC_FWCFG,
    "SVC_DSS_SWITCH": SVC_DSS_SWITCH,
    "DSS_ALL": DSS_ALL,
    "DSS_RUNNING": DSS_RUNNING,
    "DSS_OWNER": DSS_OWNER,
    "SVC_TIMER_START": SVC_TIMER_START,
    "SVC_TIMER_STOP": SVC_TIMER_STOP,
    "SVC_PCI": SVC_PCI,
    "PCI_OP_FIND": PCI_OP_FIND,
    "PCI_OP_CONFIG_READ": PCI_OP_CONFIG_READ,
    "PCI_OP_BAR_SIZE": PCI_OP_BAR_SIZE,
    "PCI_OP_BAR_MAP": PCI_OP_BAR_MAP,
    "PCI_OP_IRQ_WAKE": PCI_OP_IRQ_WAKE,
    "PCI_OP_IRQ_TAKEN": PCI_OP_IRQ_TAKEN,
    "PCI_OP_DMA_ENABLE": PCI_OP_DMA_ENABLE,
    "CONSOLE_STREAM_PORT": CONSOLE_STREAM_PORT,
    "CPUSTAT_FILE": CPUSTAT_FILE,
    "CONSOLE_RECORD": CONSOLE_RECORD,
    "CONSOLE_EXIT": CONSOLE_EXIT,
    "VIOLATION_GATE": VIOLATION_GATE,
    "VIOLATION_ICALL": VIOLATION_ICALL,
    "VIOLATION_ORDER": VIOLATION_ORDER,
    "SHARED_KEY": SHARED_KEY,
    "MAX_KEY": MAX_KEY,
    "MAX_KEYED_COMPARTMENTS": MAX_KEYED_COMPARTMENTS,
    "THREADS_MAX": THREADS_MAX,
    "SHARED_COMPARTMENT": SHARED_COMPARTMENT,
    "NO_COMPONENT": NO_COMPONENT,
    "SYM_FUNCTION": SYM_FUNCTION,
    "SYM_OBJECT": SYM_OBJECT,
    "SYM_GATE": SYM_GATE,
    "VM_MAX": VM_MAX,
    "VM_MAGIC": VM_MAGIC,
    "VM_WAKE_EXIT": VM_WAKE_EXIT,
    "VM_WAKE_POLL": VM_WAKE_POLL,
}
