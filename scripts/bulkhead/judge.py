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

Single-machine images (backends none and mpk).  The ring-0 kernel and every compartment share one
physical address space that the kernel identity-maps, so guest-virtual addresses are guest-physical.
"""
from __future__ import annotations

import json
import os
import re
import selectors
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class Verdict:
    image: Path
    halt: Halt
    console: str
    memory: bytes              # [base, base + len) of the image, read after the halt
    base: int
    symbols: dict[str, Symbol]
    regions: list[Region]
    names: list[str] = field(default_factory=list)    # compartment names by index

    def now(self, sym: str) -> bytes:
        s = self.symbol(sym)
        off = s.addr - self.base
        return self.memory[off:off + s.size]

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

    def copies(self, sym: str) -> list[tuple[int, Region | None]]:
        """Where the object's initial bytes (trailing NULs dropped) appear outside its own compartment."""
        s = self.symbol(sym)
        needle = s.initial.rstrip(b"\0")
        if len(needle) < SECRET_MIN:
            raise BulkheadError(f"{self.image}: '{sym}' holds {len(needle)} bytes before its NULs; a secret "
                                f"needs at least {SECRET_MIN} to be found without chance matches")
        home = self.owner(s.addr)
        found, i = [], self.memory.find(needle)
        while i >= 0:
            addr = self.base + i
            if not (s.addr <= addr < s.addr + s.size):
                r = self.region_of(addr)
                if r is None or r.compartment != home or home is None:
                    found.append((addr, r))
            i = self.memory.find(needle, i + 1)
        return found

    def describe(self, addr: int) -> str:
        r = self.region_of(addr)
        if r is None:
            return f"0x{addr:x} (outside every region)"
        who = "shared" if r.compartment is None else f"compartment '{self._name(r.compartment)}'"
        return f"0x{addr:x} in {r.name} ({who})"

    def _name(self, i: int) -> str:
        return self.names[i] if i < len(self.names) else str(i)

    def report(self, watch: list[str], secrets: list[str]) -> list[str]:
        h = self.halt
        lines = [f"bulkhead-judge: {h.how}" + (f" status {h.status}" if h.status is not None else "")
                 + (f" at 0x{h.rip:x} {h.where}" if h.rip is not None else "")]
        for sym in watch:
            s = self.symbol(sym)
            lines.append(f"bulkhead-judge: {sym} ({s.size} bytes, {self.describe(s.addr)}): "
                         + ("intact" if self.intact(sym) else "CHANGED"))
        for sym in secrets:
            where = self.copies(sym)
            lines.append(f"bulkhead-judge: copies of {sym} outside its compartment: "
                         + (", ".join(self.describe(a) for a, _ in where) if where else "none"))
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


def run(image: Path, timeout: float = 60.0, echo: bool = True, **kw) -> Verdict:
    """Boot `image` with no exit device, wait for its final halt, and read its memory from the host."""
    if not image.is_file():
        raise BulkheadError(f"no such image: {image}")
    from . import vm
    if vm.is_vm_image(image):
        raise BulkheadError(f"{image}: the judge reads one machine's memory; backend vm images are not judged yet",
                            hint="judge an mpk or none image")
    symbols, regions = _elf_facts(image)
    if "__bh_image_start" not in {s for s in symbols} and not regions:
        raise BulkheadError(f"{image}: not a bulkhead image (no __bh_* regions)")
    names: list[str] = []
    try:
        cfg = json.loads((image.parent / "config.json").read_text())
        names = [c["name"] for c in cfg.get("compartments", [])]
        kw.setdefault("machine", cfg.get("machine", "microvm"))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    with image.open("rb") as f:
        elf = ELFFile(f)
        loads = [s for s in elf.iter_segments() if s["p_type"] == "PT_LOAD"]
        base = min(s["p_paddr"] for s in loads)
        top = max(s["p_paddr"] + s["p_memsz"] for s in loads)
        exit_fn = next((s for s in elf.get_section_by_name(".symtab").iter_symbols() if s.name == "bh_exit"), None)
    exit_range = (exit_fn["st_value"], exit_fn["st_value"] + exit_fn["st_size"]) if exit_fn else (0, 0)

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
            regs = _registers(mon)
            if regs["HLT"] and not regs.get("RFL", 0) & RFLAGS_IF:
                rip = regs.get("RIP", 0)
                if exit_range[0] <= rip < exit_range[1]:
                    halt = Halt("exit", rip, (regs.get("RAX", 0) - 1) & 0xFF)
                else:
                    halt = Halt("halt", rip)
                break
        if halt.how == "quit":
            raise BulkheadError(f"{image}: QEMU ended before the judge could read the guest "
                                f"(status {proc.returncode})\n" + out.decode(errors="replace")[-2000:])
        mon.call("stop")
        if halt.rip is None and halt.how != "quit":
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
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
    if halt.rip is not None:
        halt.where = _function_at(image, halt.rip)
    return Verdict(image, halt, out.decode(errors="replace"), memory, base, symbols, regions, names)
