"""The host-side judge: what an isolation test believes comes from the host, never from the guest.

An attacker compartment controls every instruction and byte of its own memory, so it can print a
forged report or end the machine with any status.  The judge therefore boots the image with no exit
device (the kernel's `bh_exit` writes its port and then halts with interrupts off, kernel/exit.c), lets
it run to that final halt (or to a time limit, or to a triple fault), stops the CPU through QEMU's
monitor (QMP) and reads the guest's memory from the host.  A verdict is about bytes:

  * `watched(sym)`: an object's bytes now, against its initial bytes in the ELF (integrity);
  * `copies(sym)`: every place outside the object's own compartment where its initial bytes (a
    secret) now appear (confidentiality: an attacker who read the secret left it in memory it writes);
  * `halt`: where the CPU stopped, and the status `bh_exit` was asked for (EAX holds status + 1 there);
    a halt anywhere else, or a time limit, says so instead of inventing a status.

The kernel identity-maps, so guest-virtual addresses are guest-physical.  Backends none and mpk: one
machine holds every compartment.  Backend vm (one QEMU per compartment, its host runner gates/vm/host.py): every machine boots
without an exit device and with a monitor of its own; the run ends when any of them halts for good; then
every machine is stopped and read.  An object is read in the machine of its compartment (the others do
not even load it), copies are searched in every machine's private memory and once in the shared
memory, and each machine's final state is reported.
"""
from __future__ import annotations

import json
import os
import re
import selectors
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from elftools.common.exceptions import ELFError
from elftools.elf.constants import SH_FLAGS
from elftools.elf.elffile import ELFFile

from . import qemu, toolchain
from .diag import BulkheadError

POLL_S = 0.1                   # how often the monitor asks whether the CPU has stopped for good
RFLAGS_IF = 1 << 9
REGION_RE = re.compile(r"^__bh_(c(\d+)_(\w+?)|shared_(\w+?)|stack|sys|boot|gates|dss)_(start|end)$")
SECRET_MIN = 8                 # shorter needles would match by chance


@dataclass(frozen=True)
class Region:
    name: str                  # "c1.data", "shared.bss", "stack", ...
    start: int
    end: int
    compartment: int | None    # None: shared by every compartment


@dataclass(frozen=True)
class Symbol:
    name: str
    addr: int
    size: int
    initial: bytes             # the bytes the loader put there (zeros for NOBITS)


@dataclass
class Halt:
    how: str                   # "exit" (halted in bh_exit), "halt" (elsewhere, IF=0), "reset", "timeout", "quit"
    rip: int | None = None
    status: int | None = None  # the status bh_exit was asked for; None unless how == "exit"
    where: str = ""
    machine: str = ""          # backend vm: the compartment whose machine stopped the run
    rbp: int | None = None     # the frame pointer at the halt: bh_exit's frame, for `requested_by`
    requested_by: list[str] = field(default_factory=list)   # the frames below bh_exit, innermost first


@dataclass
class View:
    """One machine's memory as the host read it: [(guest address, bytes)] chunks."""
    name: str                  # the compartment whose machine this is ("" for a single-machine image)
    index: int | None          # that compartment's index; None: the one machine that holds every compartment
    chunks: list[tuple[int, bytes]]
    state: str = ""            # backend vm: where its CPU was when the run ended

    def read(self, addr: int, size: int) -> bytes | None:
        for base, data in self.chunks:
            if base <= addr and addr + size <= base + len(data):
                return data[addr - base:addr - base + size]
        return None


@dataclass
class Verdict:
    image: Path
    halt: Halt
    console: str
    views: list[View]          # one per machine: a single one for backends none and mpk
    symbols: dict[str, Symbol]
    regions: list[Region]
    names: list[str] = field(default_factory=list)    # compartment names by index
    kernel: int | None = None  # backend vm: the kernel's compartment (its system part is in every machine)
    shared: tuple[int, int] = (0, 0)   # backend vm: the shared memory, the same in every machine
    # A runner of several machines: the image's status as that runner gives it (the kernel machine's;
    # another machine that ends the run first is reported as such), which need not be the status the
    # halted machine stopped with.  None: the halt's status is the image's.
    status: int | None = None

    def holder(self, addr: int) -> View:
        """The machine whose memory holds `addr`: the one machine, or (vm) its compartment's machine."""
        home = self.owner(addr)
        for v in self.views:
            if v.index is None or v.index == home:
                return v
        return self.views[0]   # shared memory: the same bytes in every machine

    def now(self, sym: str) -> bytes:
        s = self.symbol(sym)
        got = self.holder(s.addr).read(s.addr, s.size)
        if got is None:
            raise BulkheadError(f"{self.image}: '{sym}' at 0x{s.addr:x} is outside the memory the judge read")
        return got

    def symbol(self, sym: str) -> Symbol:
        if sym not in self.symbols:
            raise BulkheadError(f"{self.image}: no symbol '{sym}' to judge",
                                hint=f"name a global of the image ({toolchain.LLVM_NM} image.elf)")
        return self.symbols[sym]

    def intact(self, sym: str) -> bool:
        return self.now(sym) == self.symbol(sym).initial

    def region_of(self, addr: int) -> Region | None:
        # Most specific first: a compartment's heap lies inside its bss.
        hits = [r for r in self.regions if r.start <= addr < r.end]
        return min(hits, key=lambda r: r.end - r.start) if hits else None

    def owner(self, addr: int) -> int | None:
        r = self.region_of(addr)
        return r.compartment if r else None

    def copies(self, sym: str) -> list[tuple[int, Region | None, View]]:
        """Where the object's initial bytes (trailing NULs dropped) appear outside its own compartment:
        in every machine's memory, the shared memory of a vm image counted once."""
        s = self.symbol(sym)
        needle = s.initial.rstrip(b"\0")
        if len(needle) < SECRET_MIN:
            raise BulkheadError(f"{self.image}: '{sym}' holds {len(needle)} bytes before its NULs; a secret "
                                f"needs at least {SECRET_MIN} to be found without chance matches")
        home = self.owner(s.addr)
        found = []
        for n, v in enumerate(self.views):
            # the object itself, in the machine that holds it (and in every machine when the kernel's
            # system part, which each machine loads, is its home)
            own = v.index is None or v.index == home or home is not None and home == self.kernel
            for base, data in v.chunks:
                i = data.find(needle)
                while i >= 0:
                    addr = base + i
                    if n and self.shared[0] <= addr < self.shared[1]:
                        pass                       # shared memory: reported from the first machine only
                    elif not (own and s.addr <= addr < s.addr + s.size):
                        r = self.region_of(addr)
                        mine = r is not None and r.compartment == home and home is not None and \
                            (v.index is None or v.index == home or home == self.kernel)
                        if not mine:
                            found.append((addr, r, v))
                    i = data.find(needle, i + 1)
        return found

    def describe(self, addr: int, view: View | None = None) -> str:
        r = self.region_of(addr)
        where = "" if view is None or view.index is None or self.shared[0] <= addr < self.shared[1] \
            else f" of machine '{view.name}'"
        if r is None:
            return f"0x{addr:x} (outside every region{where})"
        who = "shared" if r.compartment is None else f"compartment '{self._name(r.compartment)}'"
        return f"0x{addr:x} in {r.name} ({who}){where}"

    def _name(self, i: int) -> str:
        return self.names[i] if i < len(self.names) else str(i)

    def report(self, watch: list[str], secrets: list[str]) -> list[str]:
        h = self.halt
        lines = [f"bulkhead-judge: {h.how}" + (f" status {h.status}" if h.status is not None else "")
                 + (f" at 0x{h.rip:x} {h.where}" if h.rip is not None else "")
                 + (f" in machine '{h.machine}'" if h.machine else "")]
        for sym in watch:
            s = self.symbol(sym)
            lines.append(f"bulkhead-judge: {sym} ({s.size} bytes, {self.describe(s.addr, self.holder(s.addr))}): "
                         + ("intact" if self.intact(sym) else "CHANGED"))
        for sym in secrets:
            where = self.copies(sym)
            lines.append(f"bulkhead-judge: copies of {sym} outside its compartment: "
                         + (", ".join(self.describe(a, v) for a, _, v in where) if where else "none"))
        if h.how == "exit":
            lines.append("bulkhead-judge: exit requested by " + (" <- ".join(h.requested_by) or "(no frame)"))
        for v in self.views:
            if v.index is not None:
                lines.append(f"bulkhead-judge: machine '{v.name}' (compartment {v.index}): {v.state}")
        return lines


def _elf_facts(image: Path) -> tuple[dict[str, Symbol], list[Region]]:
    try:
        with image.open("rb") as f:
            elf = ELFFile(f)
            symtab = elf.get_section_by_name(".symtab")
            if symtab is None:
                raise BulkheadError(f"{image}: no symbol table; the judge needs the image's own symbols")
            sections = [s for s in elf.iter_sections() if s["sh_flags"] & SH_FLAGS.SHF_ALLOC]
            symbols: dict[str, Symbol] = {}
            bounds: dict[str, dict[str, int]] = {}
            for sym in symtab.iter_symbols():
                name, addr, size = sym.name, sym["st_value"], sym["st_size"]
                m = REGION_RE.match(name)
                if m:
                    bounds.setdefault(name[:-len(m.group(5)) - 1], {})[m.group(5)] = addr
                    continue
                if sym["st_info"]["type"] != "STT_OBJECT" or size == 0:
                    continue
                sec = next((s for s in sections if s["sh_addr"] <= addr < s["sh_addr"] + s["sh_size"]), None)
                if sec is None or sec["sh_type"] == "SHT_NOBITS":
                    initial = bytes(size)
                else:
                    off = addr - sec["sh_addr"]
                    initial = sec.data()[off:off + size]
                symbols[name] = Symbol(name, addr, size, initial)
    except (OSError, ELFError) as e:
        raise BulkheadError(f"{image}: cannot read the image: {e}") from None
    regions = []
    for stem, be in bounds.items():
        if "start" not in be or "end" not in be or be["end"] <= be["start"]:
            continue
        m = re.match(r"__bh_c(\d+)_(\w+)$", stem)
        if m:
            regions.append(Region(f"c{m.group(1)}.{m.group(2)}", be["start"], be["end"], int(m.group(1))))
        else:
            regions.append(Region(stem[len("__bh_"):].replace("_", ".", 1), be["start"], be["end"], None))
    return symbols, regions


def _function_at(image: Path, rip: int) -> str:
    with image.open("rb") as f:
        symtab = ELFFile(f).get_section_by_name(".symtab")
        for sym in symtab.iter_symbols():
            if sym["st_info"]["type"] == "STT_FUNC" and sym["st_value"] <= rip < sym["st_value"] + max(sym["st_size"], 1):
                return f"{sym.name}+0x{rip - sym['st_value']:x}"
    return ""


class _Monitor:
    """Just enough of QMP (docs/interop/qmp-spec in QEMU) to ask for registers and memory."""

    def __init__(self, path: str, deadline: float):
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise BulkheadError("QEMU's monitor did not come up") from None
                time.sleep(0.05)
        self.f = self.sock.makefile("rw")
        self.events: list[dict] = []
        json.loads(self.f.readline())            # the greeting
        self.call("qmp_capabilities")

    def call(self, cmd: str, **args) -> object:
        self.f.write(json.dumps({"execute": cmd, **({"arguments": args} if args else {})}) + "\n")
        self.f.flush()
        while True:
            line = self.f.readline()
            if not line:
                raise EOFError("QEMU closed its monitor")
            msg = json.loads(line)
            if "event" in msg:
                self.events.append(msg)
            elif "error" in msg:
                raise BulkheadError(f"QEMU monitor: {cmd}: {msg['error'].get('desc')}")
            else:
                return msg.get("return")

    def hmp(self, line: str) -> str:
        return str(self.call("human-monitor-command", **{"command-line": line}))

    def close(self) -> None:
        self.f.close()
        self.sock.close()


def _registers(mon: _Monitor) -> dict[str, int]:
    text = mon.hmp("info registers")
    regs = {k: int(v, 16) for k, v in re.findall(r"\b([A-Z]{2,3}|R\d+)=([0-9a-f]{8,16})\b", text)}
    regs["HLT"] = int(m.group(1)) if (m := re.search(r"\bHLT=(\d)", text)) else 0
    return regs


def _final_halt(regs: dict[str, int], exit_range: tuple[int, int]) -> Halt | None:
    """A CPU halted with interrupts off stays halted: in bh_exit it is the guest's exit, elsewhere a halt."""
    if not regs["HLT"] or regs.get("RFL", 0) & RFLAGS_IF:
        return None
    rip = regs.get("RIP", 0)
    if exit_range[0] <= rip < exit_range[1]:
        return Halt("exit", rip, (regs.get("RAX", 0) - 1) & 0xFF, rbp=regs.get("RBP"))
    return Halt("halt", rip)


FRAMES = 6                     # how many callers below bh_exit the verdict names


def _requested_by(image: Path, view: View, rbp: int | None) -> list[str]:
    """Who asked bh_exit for the status: the return addresses of the frame-pointer chain from bh_exit's
    own frame (every component is built with frame pointers; bh_exit pushes RBP first), read from the
    memory the host dumped.  A chain that leaves memory or text stops there."""
    frames: list[str] = []
    for _ in range(FRAMES):
        if rbp is None or (word := view.read(rbp, 16)) is None:
            break
        rbp, ret = struct.unpack("<QQ", word)
        # the call may be a function's last instruction (bh_exit does not return): name ret - 1's function
        where = _function_at(image, ret - 1)
        if not where:
            break
        name, _, off = where.rpartition("+0x")
        frames.append(f"{name}+0x{int(off, 16) + 1:x}")
    return frames


def _image_facts(image: Path) -> tuple[dict[str, Symbol], list[Region], list[str], dict, list[tuple[int, int]],
                                       tuple[int, int]]:
    """Symbols, regions, compartment names, config.json, the PT_LOAD [start, end) spans, bh_exit's range."""
    if not image.is_file():
        raise BulkheadError(f"no such image: {image}")
    symbols, regions = _elf_facts(image)
    if "__bh_image_start" not in symbols and not regions:
        raise BulkheadError(f"{image}: not a bulkhead image (no __bh_* regions)")
    cfg: dict = {}
    names: list[str] = []
    try:
        cfg = json.loads((image.parent / "config.json").read_text())
        names = [c["name"] for c in cfg.get("compartments", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        cfg = cfg if isinstance(cfg, dict) else {}
    with image.open("rb") as f:
        elf = ELFFile(f)
        loads = [(s["p_paddr"], s["p_paddr"] + s["p_memsz"]) for s in elf.iter_segments()
                 if s["p_type"] == "PT_LOAD" and s["p_memsz"]]
        exit_fn = next((s for s in elf.get_section_by_name(".symtab").iter_symbols() if s.name == "bh_exit"), None)
    exit_range = (exit_fn["st_value"], exit_fn["st_value"] + exit_fn["st_size"]) if exit_fn else (0, 0)
    return symbols, regions, names, cfg, loads, exit_range


def run(image: Path, timeout: float = 60.0, echo: bool = True, **kw) -> Verdict:
    """Boot `image` with no exit device, wait for its final halt, and read its memory from the host
    (every machine's, for a backend-vm image)."""
    from . import backends
    runner = backends.image_runner(image) if image.is_file() else None
    if runner is not None:          # the backend's own runner boots it (vm: one machine per compartment)
        return _run_machines(runner, image, timeout, echo, **kw)
    symbols, regions, names, cfg, loads, exit_range = _image_facts(image)
    kw.setdefault("machine", cfg.get("machine", "microvm"))
    base = min(a for a, _ in loads)
    top = max(b for _, b in loads)

    tmp = tempfile.mkdtemp(prefix="bulkhead-judge-")
    sock_path, dump = os.path.join(tmp, "qmp.sock"), os.path.join(tmp, "memory")
    cmd = qemu.command(image, **kw)
    i = cmd.index("-device")                     # no isa-debug-exit: bh_exit ends in its halt loop
    del cmd[i:i + 2]
    cmd += ["-no-shutdown", "-qmp", f"unix:{sock_path},server=on,wait=off"]
    start = time.monotonic()
    # its own process group and a parent-death signal, like every QEMU of ./bulkhead run (qemu.spawn)
    proc = qemu.spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    out = bytearray()
    halt = Halt("timeout")
    mon = None
    sel = selectors.DefaultSelector()
    assert proc.stdout is not None
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        mon = _Monitor(sock_path, start + 10)
        next_poll = 0.0
        while time.monotonic() - start < timeout:
            for _key, _ in sel.select(POLL_S / 2):
                chunk = os.read(proc.stdout.fileno(), 65536)
                if chunk:
                    out += chunk
                    if echo:
                        sys.stdout.write(chunk.decode(errors="replace"))
                        sys.stdout.flush()
            if proc.poll() is not None:
                halt = Halt("quit")
                break
            if time.monotonic() < next_poll:
                continue
            next_poll = time.monotonic() + POLL_S
            if any(e["event"] in ("SHUTDOWN", "RESET") for e in mon.events):
                halt = Halt("reset")              # a triple fault under -no-reboot -no-shutdown
                break
            if (h := _final_halt(_registers(mon), exit_range)) is not None:
                halt = h
                break
        if halt.how == "quit":
            raise BulkheadError(f"{image}: QEMU ended before the judge could read the guest "
                                f"(status {proc.returncode})\n" + out.decode(errors="replace")[-2000:])
        mon.call("stop")
        if halt.rip is None:
            halt.rip = _registers(mon).get("RIP")
        mon.call("pmemsave", val=base, size=top - base, filename=dump)
        memory = Path(dump).read_bytes()
        mon.call("quit")
    finally:
        if mon is not None:
            mon.close()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        while chunk := os.read(proc.stdout.fileno(), 65536):     # what was printed after the last poll
            out += chunk
            if echo:
                sys.stdout.write(chunk.decode(errors="replace"))
        sel.close()
        proc.stdout.close()
        shutil.rmtree(tmp, ignore_errors=True)
    if halt.rip is not None:
        halt.where = _function_at(image, halt.rip)
    view = View("", None, [(base, memory)])
    if halt.how == "exit":
        halt.requested_by = _requested_by(image, view, halt.rbp)
    return Verdict(image, halt, out.decode(errors="replace"), [view], symbols, regions, names)


class _VmWatch:
    """The judge inside a backend-vm run (vm.Watch): a monitor per machine; the run ends when any
    machine halts for good (in bh_exit or elsewhere) or resets; then every machine is stopped, its
    state noted and its private memory read, and the shared memory is read once from the memfd."""

    def __init__(self, image: Path, tmp: str, exit_range: tuple[int, int], loads: list[tuple[int, int]]):
        self.image, self.tmp, self.exit_range, self.loads = image, tmp, exit_range, loads
        self.monitors: dict[int, _Monitor] = {}
        self.halt = Halt("timeout")
        self.views: list[View] = []
        self.next_poll = 0.0

    def _sock(self, m) -> str:
        return os.path.join(self.tmp, f"qmp-{m.index}.sock")

    def qemu_args(self, m) -> list[str]:
        return ["-no-shutdown", "-qmp", f"unix:{self._sock(m)},server=on,wait=off"]

    def _monitor(self, m) -> _Monitor | None:
        if m.index not in self.monitors and os.path.exists(self._sock(m)):
            self.monitors[m.index] = _Monitor(self._sock(m), time.monotonic() + 10)
        return self.monitors.get(m.index)

    def poll(self, machines) -> int | None:
        if time.monotonic() < self.next_poll:
            return None
        self.next_poll = time.monotonic() + POLL_S
        for m in machines:
            if m.proc is None or m.proc.poll() is not None:
                continue                              # vm.run sees a QEMU that ended by itself
            mon = self._monitor(m)
            if mon is None:
                continue                              # still starting
            if any(e["event"] in ("SHUTDOWN", "RESET") for e in mon.events):
                self.halt = Halt("reset", machine=m.name)
                return qemu.STATUS_NO_BOOT
            if (h := _final_halt(_registers(mon), self.exit_range)) is not None:
                h.machine = m.name
                self.halt = h
                return h.status if h.how == "exit" else qemu.STATUS_NO_BOOT
        return None

    def collect(self, machines, memfd: int, lay, status: int) -> None:
        if self.halt.how == "timeout" and status not in (qemu.STATUS_TIMEOUT, None):
            first = next((m for m in machines if m.proc and m.proc.poll() is not None), None)
            self.halt = Halt("quit", machine=first.name if first else "")
            return
        shared = os.pread(memfd, lay.shared[1] - lay.shared[0], 0)
        private = [(a, min(b, lay.shared[0])) for a, b in self.loads if a < lay.shared[0]]
        base, top = min(a for a, _ in private), max(b for _, b in private)
        for m in machines:
            mon = self._monitor(m)
            if mon is None:
                raise BulkheadError(f"{self.image}: the monitor of machine '{m.name}' never came up")
            mon.call("stop")
            regs = _registers(mon)
            rip = regs.get("RIP", 0)
            where = _function_at(self.image, rip)
            h = _final_halt(regs, self.exit_range)
            if h is not None and h.how == "exit":
                state = f"exit status {h.status} at 0x{rip:x} {where}"
            elif h is not None:
                state = f"halted at 0x{rip:x} {where}"
            elif regs["HLT"]:
                state = f"idle (waiting with interrupts on) at 0x{rip:x} {where}"
            else:
                state = f"running at 0x{rip:x} {where}"
            dump = os.path.join(self.tmp, f"memory-{m.index}")
            mon.call("pmemsave", val=base, size=top - base, filename=dump)
            self.views.append(View(m.name, m.index, [(base, Path(dump).read_bytes()), (lay.shared[0], shared)],
                                   state))
            os.unlink(dump)
        if self.halt.rip is None:      # the time limit: where the kernel's machine was
            k = next((v for v in self.views if v.index == lay.kernel), None)
            self.halt.machine = k.name if k else ""

    def close(self) -> None:
        for mon in self.monitors.values():
            mon.close()


def _run_machines(runner: Any, image: Path, timeout: float, echo: bool, **kw) -> Verdict:
    """An image of a backend with a host runner of several machines (vm): its run's `watch` hook stops
    each machine at its final halt and gives the judge its monitor."""
    symbols, regions, names, cfg, loads, exit_range = _image_facts(image)
    lay = runner.layout(image)
    tmp = tempfile.mkdtemp(prefix="bulkhead-judge-")
    watch = _VmWatch(image, tmp, exit_range, loads)
    try:
        res = runner.run(image, timeout=timeout, echo=echo, watch=watch, **kw)
    finally:
        watch.close()
        shutil.rmtree(tmp, ignore_errors=True)
    halt = watch.halt
    if halt.how == "quit":
        raise BulkheadError(f"{image}: the QEMU of machine '{halt.machine}' ended before the judge could read "
                            "the guests\n" + res.output[-2000:])
    if halt.rip is not None:
        halt.where = _function_at(image, halt.rip)
    if halt.how == "exit":
        view = next((v for v in watch.views if v.name == halt.machine), None)
        halt.requested_by = _requested_by(image, view, halt.rbp) if view else []
    return Verdict(image, halt, res.output, watch.views, symbols, regions, names, kernel=lay.kernel,
                   shared=lay.shared, status=res.status)
