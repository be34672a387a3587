#!/usr/bin/python3
"""Differential testing of the bulkhead pass with Csmith programs (see README.md in this folder).

One *program* = a Csmith seed.  It is compiled once to bitcode, its definitions are split into K
components by a hash of (split seed, symbol name), and it is linked with the kernel once unisolated
(backend none, one compartment) and once per random *configuration* (backend, stack mode, 2-4
compartments grouping the components and the kernel, rodata policy).  Every image runs under QEMU;
its checksum must equal the unisolated image's and the native Linux build's.

Library for campaign.py, tests/test_differential.py and the creduce interestingness test; also a
small command line:

  difftest.py run SEED [--configs N]        one program, print the outcome of every build
  difftest.py case DIR                      re-run a saved case (failure or regression)
  difftest.py interesting DIR               creduce's test: exit 0 iff DIR/program.c still fails
  difftest.py reduce DIR                    creduce a saved failure in place (program.c kept as .orig)
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(HERE))

from bulkhead import abi, backends, components, config, image, paths, qemu, toolchain  # noqa: E402
from bulkhead.diag import BulkheadError  # noqa: E402

CSMITH = "csmith"
LLVM_DIS = toolchain.LLVM_DIS
CSMITH_INCLUDE = Path("/usr/include/csmith")
RUNTIME_INCLUDE = HERE / "runtime" / "include"
# Programs with threads (bhgen's thread units) include libs/sched's header in the guest: the harness
# then links the scheduler with the kernel and gives the image GUEST_THREADS threads.
THREAD_MARK = "<bhthread.h>"
SCHED_DIR = paths.LIBS_DIR / "sched"
GUEST_THREADS = 8
WORK = paths.BUILD / "differential"
FAILURES = WORK / "failures"

# Csmith options: small programs that finish fast under TCG.  Everything Csmith can generate stays
# enabled (structs by value, bitfields, unions, pointers, volatiles, packed structs, 64-bit math)
# except floats (off by default in Csmith 2.3; the guest printf has no %f either).
CSMITH_OPTS = ["--no-argc", "--max-funcs", "8", "--max-block-depth", "3", "--max-array-dim", "2",
               "--max-array-len-per-dim", "6", "--max-expr-complexity", "6"]
# Generator "csmith-wide": Csmith's own defaults (volatiles and volatile pointers on, deeper blocks,
# larger arrays and expressions) with up to 20 functions.  --no-argc stays: the probe's main calls the
# program's without arguments, and argc only selects Csmith's hash printing.
CSMITH_WIDE_OPTS = ["--no-argc", "--max-funcs", "20"]
CSMITH_PROFILES = {"csmith": CSMITH_OPTS, "csmith-wide": CSMITH_WIDE_OPTS}
NATIVE_TIMEOUT = 1.0        # s; slower programs are skipped (TCG would make them 10-100x slower)
QEMU_TIMEOUT = 30.0         # s per image run
# Backend vm: every crossing is an RPC between QEMU processes (TCG), 0.1-0.3 ms in exit mode with the
# doorbell relayed through ./bulkhead; a program with many crossings takes a minute or more without
# hanging (seed 958, vm-exit, 4 machines: 65 s, correct checksum).
QEMU_TIMEOUT_VM = 180.0
# vm poll mode: each machine spins on a host core.  More machines than that still work, only slower (the
# host time-slices the spinning machines): they get a longer limit instead of being left out.
POLL_VMS_FAST = max(2, (os.cpu_count() or 2) // 2)
QEMU_TIMEOUT_VM_CROWDED = 600.0
RETRY_FACTOR = 3            # a run that misses its limit gets one more try, this many times as long
# (backend vm once prefixed each machine's console lines with "[compartment] "; it no longer does)
CHECKSUM_RE = re.compile(r"^(?:\[[^\]]*\] )?checksum = ([0-9A-Fa-f]+)\s*$", re.M)

# How the program is compiled before the split.  "raw": clang -O2 without running LLVM's passes
# (-Xclang -disable-llvm-passes), so every function and global survives until the LTO link and the
# split produces many crossings (the pass sees exactly what clang emitted).  "O2": the toolchain's
# own flags (compile-time inlining folds most of a Csmith program into main).  "O2-noinline": O2
# with -fno-inline-functions (optimized IR, functions kept).
COMPILE_MODES = {"raw": ["-Xclang", "-disable-llvm-passes"], "O2": [],
                 "O2-noinline": ["-fno-inline-functions"]}
COMPILE_WEIGHTS = {"raw": 6, "O2": 1, "O2-noinline": 3}

OUTCOMES = ("ok", "refused", "isolation-fault", "mismatch", "crash", "hang", "link-error", "baseline-failure",
            "leak", "probe-missing", "skipped")
# leak: the isolation probe read a global of another compartment; probe-missing: it did not run
FAILING = ("mismatch", "crash", "hang", "link-error", "leak", "probe-missing")


# --------------------------------------------------------------------------------------------------
# Programs

def csmith(seed: int, out: Path, opts: list[str] = CSMITH_OPTS) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([CSMITH, "--seed", str(seed), *opts, "-o", str(out)], check=True,
                   capture_output=True, text=True)
    return out


def guest_cflags(mode: str) -> list[str]:
    return [*toolchain.cflags([RUNTIME_INCLUDE, CSMITH_INCLUDE, SCHED_DIR / "include", paths.KERNEL_DIR / "include"]),
            "-w", *COMPILE_MODES[mode]]


def uses_threads(src: Path) -> bool:
    return THREAD_MARK in src.read_text(errors="replace")


# The isolation probe (kernel/probe.c, policy probe = "on"): the program's main is renamed, and a main
# of the harness's runs it, then one probe function per component, each pinned to its component:
# it reads one global of every compartment through bh_probe_read and prints whether the read faulted.
PROBE_RE = re.compile(r"^(?:\[[^\]]*\] )?probe: (p\d+) -> (\S+) \(compartment (\d+)\): (fault|read)\s*$", re.M)
PROBE_RAN_RE = re.compile(r"^(?:\[[^\]]*\] )?probe: p\d+ targets \d+\s*$", re.M)
PROBE_C = """\
#include <bulkhead/probe.h>
int bh_printf(const char *fmt, ...);
int bh_diff_main(void);
/* Each probe reads before it makes any gated call: it tests the domain its gate entered. */
#define PROBE(i) \\
static volatile unsigned long bh_diffprobe_own_p##i = 0x5ec2e7; \\
void bh_diffprobe_p##i(int n) \\
{ \\
	int got[BH_PROBE_MAX]; \\
	for (int j = 0; j < n; j++) \\
		got[j] = bh_probe_read((const volatile void *)bh_probe_table[j].addr); \\
	bh_diffprobe_own_p##i++; \\
	bh_printf("probe: p" #i " targets %d\\n", n); \\
	for (int j = 0; j < n; j++) \\
		bh_printf("probe: p" #i " -> %s (compartment %u): %s\\n", bh_probe_table[j].name, \\
			  bh_probe_table[j].compartment, got[j] < 0 ? "fault" : "read"); \\
}
"""


def probe_source(k: int) -> str:
    calls = "".join(f"\tbh_diffprobe_p{i}(n);\n" for i in range(k))
    return (PROBE_C + "".join(f"PROBE({i})\n" for i in range(k))
            + f"int main(void)\n{{\n\tint rc = bh_diff_main();\n\tint n = bh_probe_targets();\n{calls}\treturn rc;\n}}\n")


def compile_guest(src: Path, out: Path, mode: str, k: int) -> Path:
    prog, probe = out.with_name("program.only.bc"), out.with_name("probe.bc")
    toolchain.run([toolchain.CLANG, *guest_cflags(mode), "-Dmain=bh_diff_main", "-c", str(src), "-o", str(prog)],
                  f"compiling {src.name} for the guest")
    (out.parent / "probe.c").write_text(probe_source(k))
    toolchain.run([toolchain.CLANG, *guest_cflags(mode), "-c", str(out.parent / "probe.c"), "-o", str(probe)],
                  "compiling the isolation probe")
    toolchain.run([toolchain.LLVM_LINK, str(prog), str(probe), "-o", str(out)], "linking the program and its probe")
    return out


def native(src: Path, workdir: Path, sanitize: bool = False, timeout: float = NATIVE_TIMEOUT) -> tuple[str, str | None]:
    """Build and run the program on Linux.  Returns (status, checksum): status ok/timeout/fail."""
    exe = workdir / ("native.san" if sanitize else "native")
    # -O0: no inlining, no loop deletion.  A gated crossing is opaque to the optimizer, so a program
    # is only fair game if it is fast without the optimizer's help (seed 1216: a 1.5-billion-iteration
    # loop around a pure call, deleted at -O1, runs for minutes through a gate).
    flags = ["-O0", "-w", f"-I{CSMITH_INCLUDE}", *(["-pthread"] if uses_threads(src) else [])]
    if sanitize:
        flags += ["-fsanitize=undefined,address", "-fno-sanitize=alignment", "-fno-sanitize-recover=all", "-Werror=return-type",
                  "-Werror=uninitialized", "-Werror=implicit-int", "-Werror=implicit-function-declaration"]
    proc = subprocess.run([toolchain.CLANG, *flags, str(src), "-o", str(exe)], capture_output=True, text=True)
    if proc.returncode != 0:
        return "fail", None
    def cpu_limit() -> None:       # CPU seconds, not wall-clock: a loaded host must not drop programs
        lim = max(1, int(timeout + 0.999))
        resource.setrlimit(resource.RLIMIT_CPU, (lim, lim))
    try:
        run = subprocess.run([str(exe)], capture_output=True, text=True, timeout=timeout * 30, preexec_fn=cpu_limit)
    except subprocess.TimeoutExpired:
        return "timeout", None
    if run.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return "timeout", None
    m = CHECKSUM_RE.search(run.stdout)
    if run.returncode != 0 or not m:
        return "fail", None
    return "ok", m.group(1).upper()


_DEF_RE = re.compile(r'^(?:define\b[^@]*@("(?:[^"\\]|\\.)*"|[-\w.$]+)\(|@("(?:[^"\\]|\\.)*"|[-\w.$]+) = )', re.M)


def definitions(bc: Path) -> list[str]:
    """Names of the functions and global variables defined in `bc` (declarations excluded)."""
    text = subprocess.run([LLVM_DIS, str(bc), "-o", "-"],
                          capture_output=True, text=True, check=True).stdout
    names = []
    for m in _DEF_RE.finditer(text):
        name = m.group(1) or m.group(2)
        line_end = text.find("\n", m.start())
        line = text[m.start():line_end]
        if m.group(2) and re.search(r"= (?:external |extern_weak )", line):
            continue
        if name.startswith('"'):
            name = name[1:-1]
        if not name.startswith("llvm."):
            names.append(name)
    return names


def split(names: list[str], seed: int, k: int) -> dict[str, str]:
    """Component of each definition: a hash of (seed, name), so a reduced program keeps its split."""
    out = {}
    for n in names:
        h = int.from_bytes(hashlib.sha256(f"{seed}:{n}".encode()).digest()[:4], "little")
        out[n] = f"p{h % k}"
    return out


def tag(bc: Path, mapping: dict[str, str], out: Path) -> Path:
    mfile = out.with_suffix(".map.json")
    mfile.write_text(json.dumps(mapping, indent=1, sort_keys=True))
    toolchain.run([toolchain.OPT, f"-load-pass-plugin={paths.PLUGIN}", f"-bulkhead-component-map={mfile}",
                   "-passes=bulkhead-tag<p0>", str(bc), "-o", str(out)], "tagging the split program")
    return out


# --------------------------------------------------------------------------------------------------
# Configurations

@dataclass
class Variant:
    """One build of a program: backend, its options (stack mode, ...), compartments (lists of component
    names), rodata and shared_globals policies.  Under shared_globals "escape" (the default) every
    global whose address may leave its compartment is shared, so a program computes the same in every
    configuration and an isolation fault is a failure (an address the escape analysis missed); under
    "share" (saved cases that show a fault) handing out a pointer to a global faults, by design."""
    name: str
    backend: str
    groups: list[list[str]]
    options: dict[str, str] = field(default_factory=dict)
    rodata: str = "shared"
    globals: str = "escape"

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


def unisolated(k: int) -> Variant:
    return Variant("unisolated", "none", [["kernel", *[f"p{i}" for i in range(k)]]])


# Backends the harness cannot run yet, and why (reported in every summary).  (vm runs: qemu.run starts
# one machine per compartment.)
UNRUNNABLE: dict[str, str] = {}


# (policy, value, the options it applies to): stack data that leaves a private stack lives on the data
# shadow stack by default, or in shared-heap blocks under this policy (configs/README.md).
POLICY_MODES = [("stack_data", "shared-heap", {"stack": "private"})]
POLICY_NAMES = {p for p, _, _ in POLICY_MODES}


def backend_modes(only: list[str] | None = None) -> list[tuple[str, dict[str, str]]]:
    """Every backend of gates/ (or those in `only`, from the whole backend search path: a conformance
    run's backend) with every combination of its options (the stack modes)."""
    out = []
    for name in (backends.shipped() if only is None else backends.available()):
        if (only is None and name in UNRUNNABLE) or (only is not None and name not in only):
            continue
        be = backends.load(name)
        combos: list[dict[str, str]] = [{}]
        for opt, values in sorted(be.options.items()):
            combos = [{**c, opt: v} for c in combos for v in values]
        # policies that change what a mode does with the same gates: each a mode of its own where it applies
        for policy, value, when in POLICY_MODES:
            combos += [{**c, policy: value} for c in combos if all(c.get(k) == v for k, v in when.items())]
        out += [(name, c) for c in combos]
    return out


def mode_name(backend: str, options: dict[str, str]) -> str:
    return "-".join([backend, *(options[o] for o in sorted(options))])


def random_variants(k: int, rng: random.Random, n: int, modes: list[tuple[str, dict[str, str]]] | None = None,
                    crowded_poll: bool = False) -> list[Variant]:
    """n configurations of 2-4 compartments, cycling through every backend and option combination."""
    modes = modes or backend_modes()
    items = ["kernel", *[f"p{i}" for i in range(k)]]
    out = []
    start = rng.randrange(len(modes))
    for j in range(n):
        backend, options = modes[(start + j) % len(modes)]
        most = min(4, len(items))
        if backend == "vm" and options.get("wake") == "poll" and not crowded_poll:
            most = min(most, POLL_VMS_FAST)   # the CI sample keeps its time; campaigns try crowded hosts
        ncomp = rng.randint(2, most)
        while True:
            owner = [rng.randrange(ncomp) for _ in items]
            # every compartment used, and the program's own components split over at least two of them:
            # a configuration that only separates the kernel tests little
            if len(set(owner)) == ncomp and (len(items) < 3 or len(set(owner[1:])) >= 2):
                break
        groups = [[it for it, o in zip(items, owner) if o == c] for c in range(ncomp)]
        rodata = rng.choice(["shared", "shared", "compartment"])
        out.append(Variant(f"{mode_name(backend, options)}-{ncomp}c-{j}", backend, groups, dict(options), rodata))
    return out


def make_config(v: Variant, prog_dir: Path, threads: bool = False) -> config.Config:
    be = backends.load(v.backend)
    comps = []
    policies = {"shared_globals": v.globals, "rodata": v.rodata, "probe": "on"}
    policies.update({k: val for k, val in v.options.items() if k in POLICY_NAMES})
    for i, g in enumerate(v.groups):
        options = {opt: vals[0] for opt, vals in be.options.items()}
        options.update({k: val for k, val in v.options.items() if k not in POLICY_NAMES})
        c = config.Compartment(name=f"comp{i}", index=i, backend=v.backend, components=list(g), options=options)
        c.key = i + 1 if be.keys else 0
        c.pkru = config.pkru_for(c.key) if be.keys else 0
        comps.append(c)
    found = {"kernel": components.kernel_component(), f"backend-{v.backend}": components.backend_component(v.backend)}
    for c in comps:
        if "kernel" in c.components:
            c.components.append(f"backend-{v.backend}")
            if threads:   # the scheduler with the kernel; the program's threads run in every compartment
                c.components.append("sched")
                found["sched"] = sched_component()
        for name in c.components:
            if name not in found:
                found[name] = components.Component(name=name, folder=prog_dir, sources=[], asm=[], include_dirs=[])
    return config.Config(path=prog_dir / f"{v.name}.toml", name=f"diff-{v.name}", app="differential",
                         backend=be, compartments=comps, policies=policies,
                         components=found, threads=GUEST_THREADS if threads else 1)


def sched_component() -> components.Component:
    return components.library_component("sched")


_system_cache: dict[str, tuple[list[Path], list[Path]]] = {}


def system_inputs(backend: str) -> tuple[list[Path], list[Path]]:
    """Bitcode and objects of the kernel and the backend (cached in build/components as usual)."""
    if backend not in _system_cache:
        stats = components.BuildStats()
        comps = [components.kernel_component(), components.backend_component(backend)]
        with contextlib.redirect_stderr(io.StringIO()):
            bcs = [components.bitcode(c, stats) for c in comps]
            objs = [o for c in comps for o in components.asm_objects(c)]
        _system_cache[backend] = (bcs, objs)
    return _system_cache[backend]


def prepare_system() -> None:
    """Build the plugin and every backend's system bitcode once (before workers start)."""
    toolchain.build_plugin()
    for b, _ in backend_modes():
        system_inputs(b)
    with contextlib.redirect_stderr(io.StringIO()):
        components.bitcode(sched_component(), components.BuildStats())


# --------------------------------------------------------------------------------------------------
# Building and running

@dataclass
class Result:
    variant: str
    outcome: str                  # one of OUTCOMES
    gated: bool = False           # the backend has a gate template (refusals possible)
    checksum: str | None = None
    status: int | None = None
    detail: str = ""
    refusals: list[dict] = field(default_factory=list)
    gates: int = 0
    marshalled: int = 0           # gates through a marshalling thunk (stack-passed arguments)
    shared_globals: int = 0
    link_s: float = 0.0
    run_s: float = 0.0
    probes: int = 0               # isolation probe reads (judge_probe)
    retried: bool = False         # ran again with a longer limit after missing the first (build_and_run)
    probe_faults: int = 0


def run_timeout(v: Variant) -> float:
    if v.backend != "vm":
        return QEMU_TIMEOUT
    crowded = v.options.get("wake") == "poll" and len(v.groups) > POLL_VMS_FAST
    return QEMU_TIMEOUT_VM_CROWDED if crowded else QEMU_TIMEOUT_VM


def build_and_run(v: Variant, tagged: Path, outdir: Path, expect: str | None, threads: bool = False) -> Result:
    cfg = make_config(v, outdir, threads)
    bcs, objs = system_inputs(v.backend)
    if threads:
        bcs = [*bcs, components.bitcode(cfg.components["sched"], components.BuildStats())]
    gated = cfg.backend.gate_template is not None
    t0 = time.monotonic()
    try:
        for attempt in range(3):
            try:
                with contextlib.redirect_stderr(io.StringIO()):
                    img = image.link(cfg, [*bcs, tagged], objs, outdir / v.name)
                break
            except BulkheadError as e:
                # The plugin being rebuilt under us (another ./bulkhead build or test): try again.
                if "Could not load library" not in str(e) or attempt == 2:
                    raise
                time.sleep(5)
    except BulkheadError as e:
        link_s = time.monotonic() - t0
        mpath = outdir / v.name / "manifest.json"
        refusals = []
        if mpath.is_file():
            try:
                refusals = json.loads(mpath.read_text()).get("refusals", [])
            except json.JSONDecodeError:
                pass
        if "encoding(s) outside .bh.gates" in str(e):
            # ./bulkhead verify (mpk): the compiled code happens to contain a WRPKRU/XRSTOR byte
            # sequence (in an immediate or a displacement).  ERIM rewrites such code; bulkhead refuses
            # the image, so this is a refusal, counted in its own category.
            refusals = [{"caller": "", "callee": "", "site": "", "reason": str(e).splitlines()[0][-300:]}]
        if refusals:
            return Result(v.name, "refused", gated, detail=str(e)[-3000:], refusals=refusals, link_s=link_s)
        return Result(v.name, "link-error", gated, detail=str(e)[-3000:], link_s=link_s)
    link_s = time.monotonic() - t0
    manifest = json.loads(img.manifest.read_text())
    res = qemu.run(img.elf, timeout=run_timeout(v), echo=False)
    retried = False
    if res.status == qemu.STATUS_TIMEOUT:
        # The limit is wall-clock, and a host loaded by the campaign's other jobs can stretch a run with
        # many crossings past it (backend vm: each crossing is an RPC between QEMU processes that the
        # host schedules).  A hang is a run that also misses a limit RETRY_FACTOR times as long.
        retried = True
        res = qemu.run(img.elf, timeout=run_timeout(v) * RETRY_FACTOR, echo=False)
    r = Result(v.name, "ok", gated, status=res.status, link_s=link_s, run_s=res.wall_s,
               gates=len(manifest.get("gates", [])), shared_globals=len(manifest.get("shared_globals", [])),
               marshalled=sum(1 for g in manifest.get("gates", []) if isinstance(g, dict) and g.get("thunk")),
               retried=retried)
    m = CHECKSUM_RE.search(res.output)
    r.checksum = m.group(1).upper() if m else None
    tail = "\n".join(res.output.splitlines()[-15:])
    fault = isolation_fault(res.output)
    status = res.status
    if status == qemu.STATUS_COMPARTMENT_STOPPED:
        # backend vm: another machine stopped first; what the program did is that machine's own status
        # (an isolation fault there is judged like one under mpk)
        stopped = res.extra.get("machines", {}).get(res.extra.get("stopped") or "", {}).get("status")
        status = stopped if stopped is not None else status
    if status == qemu.STATUS_TIMEOUT:
        r.outcome, r.detail = "hang", tail
    elif status == abi.EXIT_ISOLATION_FAULT and fault and v.globals == "share":
        r.outcome, r.detail = "isolation-fault", fault + "\n" + tail
    elif status == abi.EXIT_ISOLATION_FAULT and fault:
        r.outcome, r.detail = "crash", ("isolation fault under shared_globals = \"escape\": an address the "
                                        f"escape analysis did not see leave its compartment\n{fault}\n{tail}")
    elif res.status != 0 or r.checksum is None:
        r.outcome, r.detail = "crash", f"guest status {res.status}\n{tail}"
    elif expect is not None and r.checksum != expect:
        r.outcome, r.detail = "mismatch", f"checksum {r.checksum}, expected {expect}"
    else:
        judge_probe(v, res.output, r)
    return r


def judge_probe(v: Variant, console: str, r: Result) -> None:
    """Every probed read must have done what the configuration predicts: a global of the reader's own
    compartment is readable, one of another compartment faults, unless the backend isolates nothing
    (no keys, no machines: backend none).  Shared globals are never probed (kernel/probe.c)."""
    isolates = backends.load(v.backend).isolation
    home = {comp: i for i, g in enumerate(v.groups) for comp in g}
    wrong = []
    for reader, name, owner, got in PROBE_RE.findall(console):
        want = "read" if not isolates or home.get(reader) == int(owner) else "fault"
        r.probes += 1
        r.probe_faults += got == "fault"
        if got != want:
            wrong.append(f"{reader} (compartment {home.get(reader)}) -> {name} (compartment {owner}): {got}, "
                         f"expected {want}")
    if len(PROBE_RAN_RE.findall(console)) < sum(1 for g in v.groups for c in g if re.fullmatch(r"p\d+", c)):
        r.outcome, r.detail = "probe-missing", "no isolation probe line in the console"
    elif wrong:
        r.outcome = "leak" if any(w.endswith("read, expected fault") for w in wrong) else "crash"
        r.detail = "isolation probe:\n" + "\n".join(wrong)


_FAULT_ADDR = re.compile(r"bulkhead:\s+address\s+(\S+)\+0x[0-9a-f]+ \(object\) in component '([^']+)', "
                         r"compartment '([^']+)'")
_FAULT_BY = re.compile(r"bulkhead:\s+by\s+(\S+)\+0x[0-9a-f]+ .* in component '([^']+)', compartment '([^']+)'")


def isolation_fault(console: str) -> str | None:
    """A protection-key fault on a *named global* of another compartment: the program handed a pointer
    to a compartment's global to another compartment (through memory or an argument), which the pass's
    syntactic sharing rule does not see.  Isolation working as configured, not a miscompile; counted
    apart.  Faults on stacks or unnamed memory stay crashes."""
    a, b = _FAULT_ADDR.search(console), _FAULT_BY.search(console)
    isolated = "protection-key violation" in console or "another compartment's memory" in console  # mpk, vm
    if not isolated or not a or not b or a.group(3) == b.group(3):
        return None
    return (f"{b.group(1)} ({b.group(2)}, {b.group(3)}) touched {a.group(1)} "
            f"({a.group(2)}, {a.group(3)}) through a pointer")


@dataclass
class ProgramReport:
    seed: int
    split_seed: int
    k: int
    mode: str
    native: str | None = None
    skipped: str = ""
    definitions: int = 0
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    saved: list[str] = field(default_factory=list)
    overrides: dict[str, str] = field(default_factory=dict)   # symbol -> component, over the hash split
    generator: str = "csmith"
    threads: bool = False         # the program starts threads (libs/sched linked in the guest)

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


def program_params(seed: int) -> tuple[int, int, str, random.Random]:
    rng = random.Random(f"bulkhead-diff-{seed}")
    split_seed = rng.randrange(1 << 30)
    k = rng.randint(2, 4)
    modes = list(COMPILE_WEIGHTS)
    mode = rng.choices(modes, weights=[COMPILE_WEIGHTS[m] for m in modes])[0]
    return split_seed, k, mode, rng


GENERATORS = ("csmith", "csmith-wide", "bhgen")


def run_program(seed: int, nconfigs: int, workdir: Path | None = None, save: bool = True,
                generator: str = "csmith", crowded_poll: bool = False,
                modes: list[tuple[str, dict[str, str]]] | None = None) -> ProgramReport:
    """Generate, split, build and run one program under nconfigs random configurations."""
    t0 = time.monotonic()
    split_seed, k, mode, rng = program_params(seed)
    rep = ProgramReport(seed, split_seed, k, mode, generator=generator)
    wd = workdir or (WORK / "programs" / f"{'' if generator == 'csmith' else generator + '-'}{seed}")
    if wd.exists():
        shutil.rmtree(wd)
    wd.mkdir(parents=True)
    if generator == "bhgen":
        import bhgen
        prog = bhgen.write(seed, wd / "program.c")
        src = wd / "program.c"
        # a setjmp unit and whatever may longjmp to it stay in one component (bhgen.py)
        rep.overrides = {sym: f"p{int(hashlib.sha256(f'{split_seed}:{group}'.encode()).hexdigest(), 16) % k}"
                         for sym, group in prog.pins.items()}
    else:
        src = csmith(seed, wd / "program.c", CSMITH_PROFILES[generator])
    variants = random_variants(k, rng, nconfigs, modes, crowded_poll=crowded_poll)
    run_case(rep, src, wd, variants, save=save)
    rep.seconds = time.monotonic() - t0
    (wd / "report.json").write_text(json.dumps(rep.to_json(), indent=1))
    return rep


def run_case(rep: ProgramReport, src: Path, wd: Path, variants: list[Variant], save: bool = True,
             native_timeout: float = NATIVE_TIMEOUT, baseline: bool = True) -> ProgramReport:
    status, rep.native = native(src, wd, timeout=native_timeout)
    if status != "ok":
        rep.skipped = f"native build {status}"
        return rep
    threads = rep.threads = uses_threads(src)
    bc = compile_guest(src, wd / "program.bc", rep.mode, rep.k)
    names = definitions(bc)
    rep.definitions = len(names)
    # the program's main is bh_diff_main under the probe's wrapper: it splits as "main" did (saved cases
    # keep their split), and the wrapper goes with it
    mapping = {("bh_diff_main" if n == "main" else n): c
               for n, c in split([("main" if n == "bh_diff_main" else n) for n in names if n != "main"],
                                 rep.split_seed, rep.k).items()}
    mapping["main"] = mapping["bh_diff_main"]
    mapping.update({n: c for n, c in rep.overrides.items() if n in mapping})
    if "main" in rep.overrides:
        mapping["bh_diff_main"] = rep.overrides["main"]
    mapping.update({f"bh_diffprobe_{own}p{i}": f"p{i}" for i in range(rep.k) for own in ("", "own_")})
    tagged = tag(bc, mapping, wd / "program.tagged.bc")
    if not baseline:       # creduce: only the failing variant, against the native checksum
        for v in variants:
            rep.results.append(build_and_run(v, tagged, wd, rep.native, threads))
        return rep
    base = build_and_run(unisolated(rep.k), tagged, wd, rep.native, threads)
    rep.results.append(base)
    if base.outcome != "ok":
        base.outcome = "baseline-failure" if base.outcome in ("mismatch", "crash", "hang") else base.outcome
        if save and base.outcome in ("baseline-failure", "link-error"):
            rep.saved.append(str(save_failure(rep, src, unisolated(rep.k), base)))
        return rep
    for v in variants:
        r = build_and_run(v, tagged, wd, base.checksum, threads)
        rep.results.append(r)
        if save and r.outcome in FAILING:
            rep.saved.append(str(save_failure(rep, src, v, r)))
        shutil.rmtree(wd / v.name, ignore_errors=True)   # images are large; failures are saved
    shutil.rmtree(wd / "unisolated", ignore_errors=True)
    return rep


# --------------------------------------------------------------------------------------------------
# Saved cases: program.c + case.json (everything needed to rebuild one failing variant)

def save_failure(rep: ProgramReport, src: Path, v: Variant, r: Result, dest: Path | None = None) -> Path:
    d = dest or FAILURES / f"s{rep.seed}-{v.name}-{r.outcome}"
    d.mkdir(parents=True, exist_ok=True)
    shutil.copy(src, d / "program.c")
    case = {"seed": rep.seed, "split_seed": rep.split_seed, "k": rep.k, "mode": rep.mode,
            "variant": v.to_json(), "outcome": r.outcome, "status": r.status, "detail": r.detail,
            "native": rep.native, "generator": rep.generator, "components": rep.overrides}
    if rep.generator in CSMITH_PROFILES:
        case["csmith_options"] = CSMITH_PROFILES[rep.generator]
    (d / "case.json").write_text(json.dumps(case, indent=1) + "\n")
    return d


def load_case(d: Path) -> tuple[dict, Variant]:
    case = json.loads((d / "case.json").read_text())
    return case, Variant(**case["variant"])


def run_saved(d: Path, workdir: Path | None = None, native_timeout: float = NATIVE_TIMEOUT) -> ProgramReport:
    """Re-run a saved case: its program, split, unisolated build and the recorded variant."""
    case, v = load_case(d)
    rep = ProgramReport(case["seed"], case["split_seed"], case["k"], case["mode"],
                        overrides=case.get("components", {}))
    wd = workdir or Path(tempfile.mkdtemp(prefix="bh-diff-", dir=WORK))
    wd.mkdir(parents=True, exist_ok=True)
    try:
        run_case(rep, d / "program.c", wd, [v], save=False, native_timeout=native_timeout)
    finally:
        if workdir is None:
            shutil.rmtree(wd, ignore_errors=True)
    return rep


def interesting(d: Path, program: Path) -> bool:
    """creduce: does `program` (a reduction of d/program.c) still fail the same way, without UB?"""
    case, v = load_case(d)
    wd = Path(tempfile.mkdtemp(prefix="bh-reduce-", dir=WORK))
    try:
        status, native_sum = native(program, wd, sanitize=True, timeout=5)
        if status != "ok":
            return False
        rep = ProgramReport(case["seed"], case["split_seed"], case["k"], case["mode"],
                            overrides=case.get("components", {}))
        run_case(rep, program, wd, [v], save=False, native_timeout=5, baseline=False)
        if not rep.results:
            return False
        r = rep.results[0]
        if r.outcome != case["outcome"]:
            return False
        # the same crash (guest status), the same refusal/link error class
        return case.get("status") is None or r.status == case["status"]
    except (BulkheadError, subprocess.CalledProcessError):
        return False
    finally:
        shutil.rmtree(wd, ignore_errors=True)


def reduce(d: Path, jobs: int = 2, quiet: bool = False) -> Path:
    d = d.resolve()
    """Reduce d/program.c with creduce (keeps d/program.orig.c)."""
    orig = d / "program.orig.c"
    if not orig.is_file():
        shutil.copy(d / "program.c", orig)
    # creduce runs the test in a scratch copy of the folder; it needs the preprocessed, self-contained
    # file, so inline csmith.h first (the runtime shims differ between native and guest: keep the
    # #include and let the test compile both ways).
    test = d / "interesting.sh"
    test.write_text(f"#!/bin/sh\nexec /usr/bin/python3 {Path(__file__).resolve()} interesting {d.resolve()} program.c\n")
    test.chmod(0o755)
    work = Path(tempfile.mkdtemp(prefix="bh-creduce-", dir=WORK))
    shutil.copy(d / "program.c", work / "program.c")
    subprocess.run(["creduce", "--n", str(jobs), str(test), "program.c"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)
    shutil.copy(work / "program.c", d / "program.c")
    shutil.rmtree(work, ignore_errors=True)
    return d / "program.c"


# --------------------------------------------------------------------------------------------------
# Refusal categories

REFUSAL_CATEGORIES = [
    ("varargs", r"variadic"),
    ("byval", r"\bbyval\b|inalloca|preallocated"),
    (">6 int args", r"integer-class argument registers"),
    (">8 fp args", r"float/vector arguments"),
    ("aggregate arg", r"aggregate|IR struct/array"),
    ("x87/fp128 arg", r"x86_fp80|fp128"),
    ("wide int arg", r"wider than 128"),
    ("return type", r"return type"),
    ("indirect call", r"cannot split this indirect call"),
    ("wrpkru bytes", r"WRPKRU/XRSTOR encoding"),
]


def refusal_category(ref: dict) -> str:
    reason = ref.get("reason", "")
    for cat, pat in REFUSAL_CATEGORIES:
        if re.search(pat, reason):
            return cat
    return "other: " + reason[:60]


def main(argv: list[str]) -> int:
    import argparse
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("seed", type=int)
    r.add_argument("--configs", type=int, default=4)
    r.add_argument("--generator", choices=GENERATORS, default="csmith")
    c = sub.add_parser("case")
    c.add_argument("dir", type=Path)
    i = sub.add_parser("interesting")
    i.add_argument("dir", type=Path)
    i.add_argument("program", type=Path)
    rd = sub.add_parser("reduce")
    rd.add_argument("dir", type=Path)
    args = p.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    if args.cmd == "interesting":
        return 0 if interesting(args.dir, args.program.resolve()) else 1
    prepare_system()
    if args.cmd == "reduce":
        print(reduce(args.dir))
        return 0
    rep = run_program(args.seed, args.configs, generator=args.generator) if args.cmd == "run" else run_saved(args.dir)
    print(f"seed {rep.seed}: mode {rep.mode}, k={rep.k}, {rep.definitions} definitions, native {rep.native}"
          + (f", skipped ({rep.skipped})" if rep.skipped else ""))
    bad = 0
    for res in rep.results:
        extra = f" checksum {res.checksum}" if res.checksum else ""
        extra += (f" gates={res.gates} marshalled={res.marshalled} shared={res.shared_globals}"
                  f" probes={res.probes} faulted={res.probe_faults}" if res.outcome == "ok" else "")
        print(f"  {res.variant:24s} {res.outcome:16s}{extra}  link {res.link_s:.1f}s run {res.run_s:.1f}s")
        for ref in res.refusals[:5]:
            print(f"      refusal [{refusal_category(ref)}] {ref.get('caller')} -> {ref.get('callee') or '(indirect)'}: "
                  f"{ref.get('reason')}")
        if res.outcome in FAILING or res.outcome in ("baseline-failure", "link-error"):
            bad += 1
            print("      " + res.detail.replace("\n", "\n      "))
    for s in rep.saved:
        print(f"  saved {s}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
