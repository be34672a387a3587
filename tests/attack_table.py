"""The attack suite's one table (issue 13): attack x mode -> expected outcome.

tests/test_attacks.py runs every cell of it under the host-side judge, and `./bulkhead attacks-table`
(scripts/bulkhead/attacktable.py) renders it as the Markdown table of README.md and docs/design.md
section 7, so the documentation and the tests cannot drift apart.

Modes: `shared` (mpk, light gate: one shared stack), `private` (mpk, private stacks), `vm` (one QEMU
per compartment).  A cell missing from an attack's `modes` does not apply (the attack needs what that
backend does not have, e.g. a WRPKRU gate to jump into).  Configurations: configs/attacks/NAME.toml,
NAME-private.toml, NAME-vm.toml (or `config` instead of NAME).

Outcomes:
  * contained: the run ends in one of `status` as the host sees it (the exit status bh_exit was asked
    for; 64, 65, 67 only when the frames below bh_exit are the kernel's report, KERNEL_STOP; "halt": a
    final halt outside bh_exit, denial of service, which the threat model leaves open), every judged
    object is intact, no copy of a judged secret is anywhere outside its compartment, nothing of it
    reaches the console, and the console shows `shows`;
  * weakness: a documented, accepted weakness of the mode; the test asserts the weakness is real
    (`status` and `shows`), so a claim to the contrary cannot slip in;
  * open: isolation breaks today; the test asserts containment (any kernel stop) under
    `pytest.mark.xfail(strict=True)`, so the day it holds the suite fails until this table says so.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from bulkhead import abi  # noqa: E402  exit statuses (abi/abi.toml)

ISOLATION, STRAY, GATE = abi.EXIT_ISOLATION_FAULT, abi.EXIT_STRAY_ACCESS, abi.EXIT_GATE_VIOLATION
ICALL, ORDER = abi.EXIT_ICALL_VIOLATION, abi.EXIT_GATE_ORDER_VIOLATION
MODES = {"shared": "mpk light", "private": "mpk private", "vm": "vm"}
SUFFIX = {"shared": "", "private": "-private", "vm": "-vm"}
CONTAINED, WEAKNESS, OPEN = "contained", "weakness", "open"
OPEN_REASON = "isolation does not hold here yet"
# The kernel's own stops: the innermost frame below bh_exit, as the judge reads it from the host.
KERNEL_STOP = r"(bh_fault_\w+|bh_\w*violation_report)\+0x[0-9a-f]+"
# Every status with which the kernel stops a compartment it caught (not: no PKU, boot error).
KERNEL_STATUSES = tuple(st for st in abi.EXIT_WHAT if st not in (abi.EXIT_NO_PKU, abi.EXIT_BOOT_ERROR))
SECRET = "victim-secret-0123456789abcdef"
APP_SECRET = "app-secret-core-0123456789abcde"


@dataclass(frozen=True)
class Outcome:
    kind: str
    status: tuple = ()                 # ints: exit statuses; "halt": a final halt outside bh_exit
    shows: tuple[str, ...] = ()        # regular expressions the console must match
    note: str = ""                     # for the table


def contained(*status, shows: tuple[str, ...] = (), note: str = "") -> Outcome:
    return Outcome(CONTAINED, status, shows, note)


def weakness(status: int, *shows: str, note: str) -> Outcome:
    return Outcome(WEAKNESS, (status,), shows, note)


def open_(note: str, status: tuple[int, ...] = KERNEL_STATUSES) -> Outcome:
    return Outcome(OPEN, status, (), note)


@dataclass(frozen=True)
class Attack:
    name: str
    what: str
    modes: dict[str, Outcome]
    judge: tuple[str, ...] = ("victim_secret", "app_secret")
    digest: str = ""       # the guest-side digest check of the first suite: "after", "target", "none"
    config: str = ""       # configuration stem, when not the name
    copies_ok: str = ""    # where a copy of the secret is the victim's own doing (regular expression)
    new: bool = field(default=True, compare=False)   # written for issue 13
    # issue 14: the attack also runs under the declared policies (POLICIES), in DECLARED_MODES, with the
    # outcome of its default cell: what it tries is stopped at run time, whatever the configuration allows
    declared: bool = False
    # a configuration option the cell runs under that trades isolation away, asked for (the default does not)
    option: str = ""

    def config_stem(self, mode: str) -> str:
        return (self.config or self.name) + SUFFIX[mode]


def both(o: Outcome) -> dict[str, Outcome]:
    return {"shared": o, "private": o}


# Ring 3 fetching the kernel's entry code (a supervisor page, docs/design.md 7b).
_MTEXT = (r"access from ring 3 to the kernel's ring-0 memory \(a supervisor page\) on execute",
          r"address  0x[0-9a-f]+ in the kernel's entry code \(\.bh\.mtext\)")
_MTEXT = _MTEXT[0] + r"(?s:.*)" + _MTEXT[1]
# A privileged instruction in ring 3: #GP.
_GP = r"general protection fault \(#GP\)(?s:.*)ring     3: a privileged instruction"
# The same, or the fault of reading the kernel's tables first (SGDT/SIDT then a copy of them).
_GP_OR_SYS = (r"(general protection fault \(#GP\)(?s:.*)ring     3: a privileged instruction|"
              r"access from ring 3 to the kernel's ring-0 memory \(a supervisor page\) on read)")

# ---- the first suite (before issue 13): contained under both stack modes unless noted ----
_R = r"by       attack\+0x[0-9a-f]+ .*component 'attack_{}', compartment 'attacker'"
ATTACKS: list[Attack] = [
    Attack("read", "load another compartment's global through a leaked pointer", {
        **both(contained(ISOLATION, shows=(r"protection-key violation on read",
                                    r"address  victim_secret\+0x0 .*compartment 'victim'",
                                    _R.format("read"), r"error    0x25 = present read user protection-key"))),
        "vm": contained(ISOLATION, shows=(r"bulkhead: page fault", r"address  victim_secret\+0x0"),
                        note="not present in the attacker's machine")}, digest="after", new=False),
    Attack("write", "store to another compartment's global", {
        **both(contained(ISOLATION, shows=(r"protection-key violation on write",
                                    r"address  victim_secret\+0x0 .*compartment 'victim'",
                                    r"component 'attack_write', compartment 'attacker'", r"error    0x27 ="))),
        "vm": contained(ISOLATION, shows=(r"bulkhead: page fault", r"address  victim_secret\+0x0"))},
        digest="after", new=False),
    Attack("exec", "jump into another compartment's data", {
        **both(contained(STRAY, shows=(r"execution of a no-execute page", r"victim_secret\+0x0",
                                    r"domain   PKRU 0x[0-9a-f]+ \(compartment 'attacker' was running\)"))),
        "vm": contained(ISOLATION, STRAY, shows=(r"bulkhead: page fault",))}, digest="after", new=False),
    Attack("gate", "jump to a gate's entry WRPKRU with PKRU value 0", both(contained(GATE, shows=(
        r"attacks: jumping to the entry WRPKRU of __bh_gate_c0_victim_digest at",
        r"gate integrity violation: PKRU 0x00000000",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_gate', compartment 'attacker'"))), digest="none", new=False),
    Attack("gateret", "jump to a gate's return WRPKRU with PKRU value 0", both(contained(GATE, shows=(
        r"attacks: jumping to the return WRPKRU of __bh_gate_c0_victim_digest at",
        r"gate integrity violation: PKRU 0x00000000",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_gateret', compartment 'attacker'"))), digest="none", new=False),
    # The same two with the kernel in a compartment of its own: the attacked stub is then a light gate
    # (between compartments on the shared stack), whose own checks must hold (docs/design.md 7c).
    Attack("gate-ring3", "the same at a light gate between two non-kernel compartments", {"shared": contained(GATE, shows=(
        r"attacks: jumping to the entry WRPKRU of __bh_gate_c0_victim_digest at",
        r"gate integrity violation: PKRU 0x00000000",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_gate', compartment 'attacker'"),
        note="the light gate's check after its entry WRPKRU")}, digest="none"),
    Attack("gateret-ring3", "the same at a light gate between two non-kernel compartments", {"shared": contained(GATE, shows=(
        r"attacks: jumping to the return WRPKRU of __bh_gate_c0_victim_digest at",
        r"gate integrity violation: PKRU 0x00000000",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_gateret', compartment 'attacker'"),
        note="the light gate's check after its return WRPKRU")}, digest="none"),
    Attack("rodata", "write another compartment's constant", both(contained(STRAY, shows=(
        r"write to a read-only page on write", r"address  motto\+0x0 .*component 'victim'"))),
        digest="target", new=False),
    Attack("idt", "overwrite the interrupt descriptor table", both(contained(ISOLATION, shows=(
        r"access from ring 3 to the kernel's ring-0 memory \(a supervisor page\)",
        r"address  0x[0-9a-f]+ in the descriptor tables \(\.bh\.sys\)"))),
        digest="none", new=False),   # the IDT is not even readable: no digest before
    Attack("trapexit", "bh_backend_trap_exit(0): every key through the trap exit", both(contained(ISOLATION, shows=(
        _MTEXT, r"domain   PKRU 0x[0-9a-f]+ \(compartment 'attacker' was running\)"))),
        digest="none", new=False),
    Attack("forged", "call a non-entry function of another compartment (from assembly)", {
        **both(contained(ISOLATION, shows=(r"address  victim_secret\+0x0 .*compartment 'victim'",
                                    r"by       victim_reveal\+0x[0-9a-f]+ .*component 'victim', compartment 'victim'",
                                    r"PKRU 0x[0-9a-f]+ \(compartment 'attacker' was running\)"),
                         note="code runs in the caller's domain")),
        "vm": contained(ISOLATION, shows=(r"bulkhead: page fault",), note="not present in the attacker's machine")},
        digest="after", new=False),
    Attack("gateptr", "call a gate stub through a C function pointer", both(contained(ICALL, shows=(
        r"indirect call violation: a call through a pointer to 0x[0-9a-f]+",
        r"target   __bh_gate_c0_victim_digest\+0x0 ",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_gateptr', compartment 'attacker'"))), digest="none", new=False),
    Attack("tswitch", "make another thread current from outside the scheduler", both(contained(GATE, shows=(
        r"gate integrity violation: PKRU 0x[0-9a-f]+ is not the domain gate code required",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_tswitch', compartment 'attacker'"))), digest="none", new=False),
    Attack("heap", "write a block of another compartment's heap", {
        **both(contained(ISOLATION, shows=(r"protection-key violation on write",
                                    r"address  0x[0-9a-f]+ in the heap \(bh_malloc\) of compartment 'victim' \(key 2\)",
                                    _R.format("heap")))),
        "vm": contained(ISOLATION, shows=(r"bulkhead: page fault",))}, digest="none", new=False),
    Attack("icall", "call a forged pointer to a non-entry function from C", both(contained(ICALL, shows=(
        r"indirect call violation: a call through a pointer to 0x[0-9a-f]+",
        r"target   victim_reveal\+0x0 .*compartment 'victim'",
        r"caller   attack\+0x[0-9a-f]+ .*component 'attack_icall', compartment 'attacker'",
        r"PKRU 0x[0-9a-f]+ \(compartment 'attacker' was running\)"))), digest="none", new=False),
    # private stacks only: the light gate's documented weaknesses (FlexOS-light's model)
    Attack("stack", "read the caller's stack", {
        # the caller is the kernel's compartment: on its own stack in every mode (docs/design.md 7c)
        **both(contained(ISOLATION, shows=(
            r"protection-key violation on read",
            r"address  0x[0-9a-f]+ in the private stack of compartment 'core', thread 0 \(key 1\)",
            r"component 'attack_stack', compartment 'attacker'"),
            note="the caller is the kernel's compartment, on its own stack in every mode"))}, digest="none", new=False),
    Attack("slot", "overwrite the caller's saved gate state", {"private": contained(ISOLATION, shows=(
        r"protection-key violation on write", r"data region of compartment 'core'",
        r"component 'attack_slot', compartment 'attacker'"))}, digest="none", new=False),
    Attack("regs", "read the caller's callee-saved registers at entry", {
        **both(contained(10, shows=(r"caller registers visible at entry: 0 of 6",),
                         note="the caller is the kernel's compartment: its edges take the private gate in every mode"))},
           digest="after", new=False),
    Attack("leftover", "read the scratch registers the callee left", {
        "shared": weakness(11, r"registers holding victim bytes after return: [1-8]",
                           note="registers not scrubbed by the light gate between non-kernel compartments"),
        "private": contained(10, shows=(r"registers holding victim bytes after return: 0",))}, digest="after", new=False),
    Attack("probe", "argument and vector registers across the gate", {
        # entry: the kernel's compartment calls the attacker through the private gate, which scrubs; the
        # victim's return: a light gate between two compartments on the shared stack, which does not
        "shared": weakness(11, r"app values visible at entry: 0 of 6 argument registers, 0 of 16 vector registers",
                           r"vector registers not cleared after the victim returned: ([1-9]|1[0-6]) of 16",
                           note="registers not scrubbed by the light gate between non-kernel compartments"),
        "private": contained(10, shows=(
            r"app values visible at entry: 0 of 6 argument registers, 0 of 16 vector registers",
            r"vector registers not cleared after the victim returned: 0 of 16"))}, digest="after", new=False),
    Attack("mstack", "under vm: read, then rewrite, the kernel machine's stack from the attacker's machine", {
        "vm": contained(ISOLATION, abi.EXIT_STRAY_ACCESS, shows=(r"bulkhead: page fault",),
                        note="each machine's stacks are in its own RAM (gates/vm/README.md); tests/test_vm_attacks.py checks main ran once")}, declared=True),
    Attack("stale", "read a callee's dead stack frame through a dangling pointer", {
        "shared": weakness(11, r"victim bytes behind the stale pointer: [1-9]", note="the dead frame is on the shared stack (between non-kernel compartments)"),
        "private": contained(10, shows=(r"victim bytes behind the stale pointer: 0",)),
        "vm": contained(10, shows=(r"victim bytes behind the stale pointer: 0",),
                        note="the local lived on the victim's data shadow stack, zeroed (gates/vm/README.md)")},
        digest="after", new=False, declared=True),
    Attack("dss", "read and write another thread's data shadow stack, found from the image's layout", {"private": contained(ISOLATION, shows=(
        r"protection-key violation on read",
        r"address  0x[0-9a-f]+ in the data shadow stack of compartment 'victim', thread 1 .*its compartment's key while the thread is switched out",
        r"by       attack\+0x[0-9a-f]+ .*component 'attack_dss', compartment 'attacker'",
        r"hint     thread 1 is switched out: its stack data that compartment 'victim' only lends .*\(\[threads\] dss = \"owner\"\)"),
        note="[threads] dss = \"owner\", the default with private stacks: the victim only lends the local (bulkhead-dss)")},
        digest="none", new=False, copies_ok=r"0x[0-9a-f]+ in dss \(shared\)"),   # the victim thread's own shared local
    Attack("dss-running", "the same with [threads] dss = \"running\"", {"private": contained(ISOLATION, shows=(
        r"protection-key violation on read",
        r"address  0x[0-9a-f]+ in the data shadow stack of compartment 'victim', thread 1 .*key 0, no domain's",
        r"by       attack\+0x[0-9a-f]+ .*component 'attack_dss', compartment 'attacker'"))}, digest="none",
        copies_ok=r"0x[0-9a-f]+ in dss \(shared\)"),
    Attack("dss-all", "the same with [threads] dss = \"all\" asked for (FlexOS's model)", {"private": weakness(
        1, r"attacks: dss bytes overwritten: [1-9]", r"attacks: the victim thread's shared stack data CHANGED", r"NOT CONTAINED",
        note="an option, not the default: every thread's shared stack data is every compartment's, as in FlexOS's shared domain")}, digest="", new=False,
        option='[threads] dss = "all"'),
    Attack("order", "enter a return half out of order with a PKRU that passes its check", {"private": contained(ORDER, shows=(
        r"jumping into a return half at", r"gate order violation",
        r"PKRU 0x[0-9a-f]+ \(compartment 'core' was running\)"))}, digest="none", new=False),
]

# ---- issue 13: a compromised compartment tries to leave its domain ----
# Statuses of the new contained cells: any kernel stop (the judge checks the frames below bh_exit are the
# kernel's report), so that moving compartments to ring 3 may turn a page fault into a #GP.
_K = KERNEL_STATUSES
_VM_FAULT = (r"bulkhead: page fault",)
_RING0 = "runs in ring 0"
ATTACKS += [
    Attack("cr4", "clear CR4.PKE, then copy another compartment's secret", {
        **both(contained(*_K, shows=(_GP,), note="MOV to CR4 in ring 3: #GP")),
        "vm": contained(*_K, shows=_VM_FAULT, note="its own machine's CR4; the secret is not in that machine")}),
    Attack("cr0wp", "clear CR0.WP, then write a read-only constant (the victim's motto)",
           both(contained(*_K, shows=(_GP,), note="MOV to CR0 in ring 3: #GP")), judge=("victim_secret", "app_secret", "motto")),
    Attack("smc", "write an XOR-encoded WRPKRU into its own text (CR0.WP cleared) and run it",
           both(contained(*_K, shows=(_GP,), note="MOV to CR0 in ring 3: #GP; its text is not writable (W^X)"))),
    Attack("wx", "write into its own text", {**both(contained(*_K, shows=(r"write to a read-only page on write",))),
                                             "vm": contained(*_K, shows=_VM_FAULT)}),
    Attack("nx", "run code written into its own data", {
        **both(contained(*_K, shows=(r"execution of a no-execute page",))), "vm": contained(*_K, shows=_VM_FAULT)}),
    Attack("lidt", "an IDT of its own (in shared memory): #DB handler on IST 1, TF set across the victim's gate",
           both(contained(*_K, shows=(_GP_OR_SYS,), note="LIDT in ring 3: #GP; the IDT it copies is a supervisor page"))),
    Attack("lgdt", "load a GDT of its own", both(contained(*_K, shows=(_GP_OR_SYS,), note="LGDT in ring 3: #GP; the GDT it copies is a supervisor page"))),
    Attack("wrmsrfs", "WRMSR to IA32_FS_BASE", both(contained(*_K, shows=(_GP,), note="WRMSR in ring 3: #GP"))),
    Attack("wrmsrgs", "WRMSR to IA32_GS_BASE (the thread index the gates trust)", both(contained(*_K, shows=(_GP,), note="WRMSR in ring 3: #GP"))),
    Attack("portio", "a forged report (and forged judge lines) on COM1, then the exit port 0xf4", {
        **both(contained(*_K, shows=(_GP,), note="port I/O in ring 3 (IOPL 0, no I/O bitmap): #GP")),
        "vm": contained("halt", note="its own machine's console and port; the judge is not fooled")}),
    Attack("forge", "a forged fault report, then bh_exit(64) asked for by the attacker", {
        **both(contained(GATE, shows=(r"an exit status that only the kernel's own reports give",),
                         note="the exit service refuses the kernel's statuses to ring 3 (abi.toml ring3)")),
        "vm": contained(abi.EXIT_VM_OTHER_MACHINE_STOPPED, shows=(r"machine of compartment 'attacker' stopped first",),
                        note="the image's status is the kernel machine's: the attacker's own machine ending the "
                             "run (denial of service, outside the model) is reported as that, never as a verdict")},
           declared=True),
    Attack("enter", "bh_backend_enter(the victim's compartment), copy, switch back",
           both(contained(ISOLATION, shows=(_MTEXT,),
                          note="supervisor text: ring 3 cannot fetch it (and it works once, at boot: design.md 5e)"))),
    Attack("trapexitv", "bh_backend_trap_exit(the victim's PKRU), copy, switch back",
           both(contained(ISOLATION, shows=(_MTEXT,),
                          note="supervisor text: ring 3 cannot fetch it (and it installs only the PKRU its trap entry saved)"))),
    # The victim's stub into the kernel's compartment: a kernel edge, so the private gate in both modes
    # (docs/design.md 7c); its caller's wait slot is the victim's own, which the attacker cannot write.
    Attack("stubcall", "call the victim's own gate stub from assembly: return in the victim's domain", {
        "shared": contained(*_K, shows=(r"address  0x[0-9a-f]+ in the data region of compartment 'victim'",),
                            note="a kernel edge takes the private gate in light images too: the victim's wait slot is its own"),
        "private": contained(*_K, note="the return half's saved state is the caller's")}),
    # Light gates between two compartments that are not the kernel's keep FlexOS-light's model: a stub's
    # return half trusts whoever jumps to it.  Documented (docs/design.md section 7) and asserted here.
    Attack("stubcall-ring3", "the same between two non-kernel compartments (the kernel in a compartment of its own)", {
        "shared": weakness(1, r"NOT CONTAINED: returned from the victim's stub in the victim's domain",
                           r"copies of victim_secret outside its compartment: 0x[0-9a-f]+ in shared\.heap",
                           note="light gate between non-kernel compartments (FlexOS-light's model)"),
        "private": contained(*_K, note="the return half's saved state is the caller's")}),
    Attack("rethijack", "overwrite main's return address on the stack, resume in the core's domain", {
        "shared": contained(10, *_K, shows=(r"no return address into main on the attacker's stack|"
                                            r"protection-key violation on read",),
                            note="main's frame is on the kernel's compartment's own stack, in light images too: the "
                                 "scan finds none (or runs off the shared stack's top into another compartment's page)"),
        "private": contained(10, shows=(r"no return address into main on the attacker's stack",),
                             note="main's frame is on the core's own stack")}),
    Attack("kjump", "jump to a privileged instruction (cli; hlt) in kernel text", {
        # the boot text this attack scans is mapped non-executable (and supervisor) once the kernel's
        # page tables are in force; any other privileged instruction it reaches faults in ring 3
        **both(contained(*_K, note="boot text is NX (and supervisor) after boot; privileged instructions elsewhere #GP in ring 3")),
        "vm": contained(abi.EXIT_STRAY_ACCESS, note="its own machine's boot text is NX after boot")}),
    Attack("clihlt", "cli; hlt", {**both(contained(*_K, shows=(_GP,), note="CLI in ring 3 (IOPL 0): #GP")),
                                  "vm": contained("halt", note="its own machine")}),
    Attack("intn", "int $14 with every register at the victim's secret", {
        **both(contained(*_K, shows=(_GP,), note="the IDT's gates are DPL 0: #GP in ring 3")),
        "vm": contained(*_K, shows=_VM_FAULT)}),
    Attack("syscallnr", "SYSCALL with a forged service number",
           both(contained(abi.EXIT_GATE_VIOLATION, note="no service has this number: a gate violation naming the caller"))),
    Attack("syscallptr", "the kernel's services with pointers into another compartment (the fw_cfg copy onto the secret)",
           both(contained(abi.EXIT_GATE_VIOLATION, shows=(r"a service of the kernel's own code, called from another domain",),
                          note="fw_cfg is the kernel's domain's only (kernel/service.c), and checks the buffer against the caller's domain"))),
    Attack("xsetbv", "XSETBV (write XCR0)", both(contained(*_K, shows=(_GP,), note="XSETBV in ring 3: #GP"))),
    Attack("swapgs", "SWAPGS", both(contained(*_K, shows=(_GP,), note="SWAPGS in ring 3: #GP"))),
    Attack("invlpg", "INVLPG on the victim's page", both(contained(*_K, shows=(_GP,), note="INVLPG in ring 3: #GP"))),
    Attack("cr3", "MOV to CR3", both(contained(*_K, shows=(_GP,), note="MOV to CR3 in ring 3: #GP"))),
    # issue 14, callback targets by compartment: a function whose address the kernel takes only for itself
    Attack("kcallback", "call the kernel's address-taken bh_paging_init through a pointer of its type", {
        **both(contained(ICALL, shows=(
            r"indirect call violation: a call through a pointer to 0x[0-9a-f]+",
            r"target   bh_paging_init\+0x0 .*component 'kernel', compartment 'core'",
            r"caller   attack\+0x[0-9a-f]+ .*component 'attack_kcallback', compartment 'attacker'"))),
        "vm": contained(ICALL, shows=(r"target   bh_paging_init\+0x0 .*component 'kernel', compartment 'core'",),
                        note="confined: its address never leaves the kernel (manifest confined_functions)")},
        digest="none", declared=True),
]


def cells() -> list[tuple[Attack, str, Outcome]]:
    return [(a, m, o) for a in ATTACKS for m, o in a.modes.items()]


# ---- issue 14: the policy axis ----
# default: the configurations of configs/attacks as they are (no exports of the app's components, no
# calls, no shares, shared_globals = "share").  declared: least privilege by configuration
# (docs/design.md 4b): every component of the attack app declares its exports (declared_exports), every
# compartment its calls (DECLARED_CALLS) and policy shared_globals = "declared" (declared_config).
POLICIES = {"default": "default policies", "declared": "declared policies"}
DECLARED_MODES = ("shared", "private", "vm")
DECLARED_CALLS = {"core": ["victim", "attacker"], "victim": ["core"], "attacker": ["core", "victim"]}
# What each component of apps/attacks lets other compartments call or name (apps/attacks/include/attacks.h).
DECLARED_EXPORTS = {
    "victim": ["victim_digest", "victim_secret_ptr", "victim_motto", "victim_scratch", "victim_vectors",
               "victim_stale", "victim_heap_secret", "victim_dss_thread"],
    "app": ["app_hold", "app_stack_buffer"],
    "attack": ["attack", "attack_name"],
}


def policy_cells() -> list[tuple[Attack, str, Outcome]]:
    """The cells run a second time, under the declared policies."""
    return [(a, m, o) for a in ATTACKS if a.declared for m, o in a.modes.items() if m in DECLARED_MODES]


def declared_config(text: str) -> str:
    """A configuration of configs/attacks under the declared policies: its name with "-declared", each
    compartment's calls (DECLARED_CALLS) after its components line, and shared_globals = "declared"."""
    out = []
    compartment = None
    for line in text.splitlines():
        if line.startswith("name = ") and compartment is None:
            line = line[:-1] + '-declared"'
        elif line.startswith("name = "):
            compartment = line.split('"')[1]
        if line == "[[compartment]]":
            compartment = ""
        out.append(line)
        if line.startswith("components = ") and compartment:
            out.append("calls = [" + ", ".join(f'"{c}"' for c in DECLARED_CALLS[compartment]) + "]")
    return "\n".join(out) + '\n\n[policies]\nshared_globals = "declared"\n'


def declared_exports(component: str) -> list[str]:
    return DECLARED_EXPORTS["attack" if component.startswith("attack_") else component]


# The link-time cells of issue 14 (no run: the link decides), asserted by tests/test_confinement.py
# under backends none, mpk and vm (every stack mode links the same way).
LINK_TIME = [
    ("direct call", "call the victim's unexported functions by name from C",
     "possible: gated like any call (documented: no exports declared)", "refused at link time (file:line)",
     "test_direct_call_and_named_global_refused_when_declared_possible_by_default"),
    ("named global", "read the victim's global by name (extern)",
     "possible: shared by policy share (documented)", "refused at link time (file:line)",
     "test_direct_call_and_named_global_refused_when_declared_possible_by_default"),
    ("kernel API", "call the kernel's bh_paging_rekey to re-key the secret's page",
     "refused at link time (the kernel's exports)", "refused at link time (the kernel's exports)",
     "test_kernel_internals_are_out_of_reach_under_every_backend"),
]


def by_name(name: str) -> Attack:
    return next(a for a in ATTACKS if a.name == name)


# ---- the documentation, generated from the table (python3 tests/attack_table.py --write) ----
DOCS = "docs/attacks.md"
README = "README.md"
BEGIN, END = "<!-- attacks-table:begin (generated by tests/attack_table.py --write) -->", "<!-- attacks-table:end -->"
_WORD = {CONTAINED: "contained", WEAKNESS: "known weakness", OPEN: "**open**"}


def _cell(o: Outcome | None) -> str:
    if o is None:
        return "n/a"
    status = "/".join(str(s) for s in o.status) if o.kind != OPEN and len(o.status) < 3 else \
        ("a kernel stop" if o.kind == CONTAINED else "")
    text = _WORD[o.kind] + (f" ({status})" if status and o.kind == CONTAINED else "")
    return text + (f": {o.note}" if o.note else "")


def markdown_table() -> str:
    rows = ["| # | attack | what the attacker compartment does | " + " | ".join(MODES.values()) + " |",
            "|---|---|---|" + "---|" * len(MODES)]
    for i, a in enumerate(ATTACKS, 1):
        rows.append(f"| {i} | `{a.name}` | {a.what} | " + " | ".join(_cell(a.modes.get(m)) for m in MODES) + " |")
    return "\n".join(rows)


def policy_table() -> str:
    rows = ["| attack | what the attacker does | mode | " + " | ".join(POLICIES.values()) + " |",
            "|---|---|---|" + "---|" * len(POLICIES)]
    for a, m, o in policy_cells():
        rows.append(f"| `{a.name}` | {a.what} | {MODES[m]} | {_cell(o)} | {_cell(o)} |")
    for name, what, default, declared, test in LINK_TIME:
        rows.append(f"| {name} | {what} | every backend (link time) | {default} | {declared} |")
    return "\n".join(rows)


def summary() -> str:
    counts = {m: {k: 0 for k in _WORD} for m in MODES}
    options: dict[str, list[str]] = {m: [] for m in MODES}
    for a, m, o in cells():
        if a.option:
            options[m].append(f"1 {_WORD[o.kind].strip('*')} under the option {a.option} (`{a.name}`)")
        else:
            counts[m][o.kind] += 1
    parts = [f"{MODES[m]}: " + ", ".join([f"{n} {_WORD[k].strip('*')}" for k, n in counts[m].items() if n] + options[m])
             for m in MODES]
    return (f"{len(ATTACKS)} attacks, {len(cells())} runs judged from the host ({'; '.join(parts)}); "
            f"{len(policy_cells())} of them again under the declared policies (issue 14), each with the same outcome.  "
            f"Every cell, with its note: [docs/attacks.md](docs/attacks.md).")


def _statuses() -> str:
    return ", ".join(f"{st} {abi.EXIT_WHAT[st]}" for st in KERNEL_STATUSES)


def docs_page() -> str:
    return f"""# The attack suite: attack x mode -> outcome

Generated from `tests/attack_table.py` (`python3 tests/attack_table.py --write`; tests/test_attacks_table.py
fails when this page or README.md's summary differ from the table).  Every cell is a run of
`configs/attacks/NAME[-private|-vm].toml` under the host-side judge (`./bulkhead run CONFIG --judge
victim_secret --judge app_secret`, docs/design.md section 7), in `tests/test_attacks.py`:

* **contained (S)**: the run ends with status S as the host reads it ({_statuses()}, each only when the
  frames below `bh_exit` are the kernel's report; "a kernel stop": any of them; 10: a measuring attack
  found nothing; halt: the attacker stopped the CPU, denial of service, outside the threat model),
  the judged objects are intact and no copy of a secret is outside its compartment;
* **known weakness**: documented and accepted for that mode; the test asserts that it is real;
* **open**: isolation breaks (no cell today); the test asserts containment under
  `xfail(strict=True, reason="{OPEN_REASON}")`, so it fails the day the attack is stopped, until
  this table is updated;
* n/a: the attack needs what the mode does not have (a WRPKRU gate, private stacks, threads).

{BEGIN}
{markdown_table()}
{END}

## Issue 14: attack x mode x policy -> outcome

Least privilege by configuration (docs/design.md 4b).  *default*: the configurations above as they are
(no exports declared by the app's components, no `calls`, no `shares`, `shared_globals = "share"`);
*declared*: the same configuration with `calls` per compartment, `shared_globals = "declared"`, and
`exports` in every component of the app (`declared_config` and `DECLARED_EXPORTS` in
tests/attack_table.py; tests/test_attacks.py `test_attack_is_contained_declared`).  Run-time attacks
are stopped by the mode, so their outcome is the same under both policies; what a configuration
forbids is refused when the image is linked:

{policy_table()}
"""


def _replace(text: str, body: str) -> str:
    a, b = text.index(BEGIN), text.index(END)
    return text[:a] + BEGIN + "\n" + body + "\n" + text[b:]


def expected_files(root) -> dict:
    readme = (root / README).read_text()
    return {root / DOCS: docs_page(), root / README: _replace(readme, summary())}


if __name__ == "__main__":
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent
    if sys.argv[1:] == ["--write"]:
        for path, text in expected_files(root).items():
            path.write_text(text)
            print(f"wrote {path.relative_to(root)}")
    else:
        print(markdown_table())
