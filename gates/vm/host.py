"""Backend vm: boot one QEMU per compartment from one image, wire them, merge their consoles, tear down.

The linked image holds every compartment at its final address; this module gives each machine
  * its own copy of the ELF with only the kernel's and its own compartment's segments left as
    PT_LOAD (the others' become PT_NULL and their bytes are zeroed), the boot stack word set to its
    compartment's thread-0 stack (in that compartment's bss: the machine's own RAM) and `bh_vm_params`
    (which compartment, wake modes, where its stacks are) filled in;
  * the shared memory: a memfd (no file in /dev/shm at any time) filled from the image's shared
    segment, mapped by every QEMU as a second NUMA RAM node right behind its private RAM, so at the
    same guest-physical address (`[memory] vm_private_mib`, 128 MiB by default) in every machine:
    `-numa node,memdev=...` with memory-backend-file mem-path=/proc/self/fd/N,share=on (stock QEMU,
    microvm and pc); a third node, private again, on top, for the firmware (memory.py);
  * a doorbell: COM2 (isa-serial 0x2f8, IRQ 3) on one end of a socketpair; the other end stays
    here, and every byte a machine writes (the target compartment's index) is forwarded to the
    target's COM2, where it raises IRQ 3.  No socket file either.
Consoles (COM1) come back on one pipe per machine: the lines are printed as the guests wrote them,
and which machine wrote each is recorded beside them, out of band (RunResult.extra["machines"],
`./bulkhead run --consoles DIR`), never by rewriting a line.  The image's status is the kernel's
machine's; if another machine stops first (a fault there, or its own bh_exit), the run ends with
qemu.STATUS_COMPARTMENT_STOPPED and the host says which machine stopped and with what status.  The
others are killed.
Everything (processes, the temporary folder with the per-machine ELFs, fds) is released in a
`finally`, on success, guest failure, timeout, Ctrl-C and SIGTERM; QEMUs also get PR_SET_PDEATHSIG,
so even a SIGKILLed ./bulkhead takes them along.  gates/vm/README.md has the whole design.
"""
from __future__ import annotations

import ctypes
import json
import mmap
import os
import selectors
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from bulkhead import abi, elfread, memory, qemu
from bulkhead.diag import BulkheadError, Location

STACK_SIZE = memory.STACK        # one stack per machine and thread (linker/image.ld.j2)
# The layouts shared with the runtime (gates/vm/vm_abi.h): both from abi/abi.toml.
MAGIC = abi.VM_MAGIC
VM_MAX = abi.VM_MAX
WAKE = {"exit": abi.VM_WAKE_EXIT, "poll": abi.VM_WAKE_POLL}
BOX_SIZE = abi.SIZES["bh_vm_box"]
BOX_STATS = abi.OFFSETS["bh_vm_box"]["calls_made"]     # the statistics, 8 words from here (VmStats)
TMP_PREFIX = "bulkhead-vm-"

PT_LOAD, PT_NULL = 1, 0
# The doorbell interrupt reaches the CPU through the 8259 and the local APIC's LINT0 (ExtINT), which
# SeaBIOS sets up and qboot (microvm's firmware, or -bios qboot.rom) leaves masked; the kernel maps no
# APIC page to do it itself.  So the machines are `-M pc` (SeaBIOS: about 0.1 s more per boot) and
# SeaBIOS's serial console is turned off so the consoles carry the guests' output only.
MACHINE_NOTE = "backend vm boots -M pc (SeaBIOS programs the local APIC's LINT0 for the doorbell interrupt)"
FIRMWARE_ARGS = ["-fw_cfg", "name=etc/sercon-port,string=0"]
FIRMWARE_NOISE = b"-fw_cfg name=etc/sercon-port,string=0: warning"
# More QEMU arguments for every machine (JSON list), for debugging and tests: ["-S"] starts them paused.
EXTRA_ARGS: list[str] = json.loads(os.environ.get("BULKHEAD_VM_QEMU_ARGS", "[]"))
# Options of backend vm that this runner decides at boot, not the link: the wake modes are patched into
# each machine's bh_vm_params (machine_elf), so one linked image runs in either mode.  `run(wake=...)`,
# `./bulkhead run --wake MODE` or this variable override every compartment's configured mode.
RUNTIME_OPTIONS = ("wake",)
# The `./bulkhead run` options this runner takes (scripts/bulkhead/backends.py runner): every machine's
# wake mode, chosen at boot; each machine's own console written to a folder.
RUN_OPTIONS = ("wake", "consoles")
WAKE_ENV = "BULKHEAD_VM_WAKE"


def spins(options: dict[str, str]) -> bool:
    """Whether a machine with these options keeps a host core busy (wake = "poll" busy-waits on its inbox):
    the matrix (scripts/bulkhead/matrix/plan.py overcommitted) does not run more of them than cores."""
    return options.get("wake") == "poll"


@dataclass
class Machine:
    index: int
    name: str
    wake: str
    elf: Path | None = None
    proc: subprocess.Popen | None = None
    bell: socket.socket | None = None       # our end of its doorbell socketpair
    peer_bell: socket.socket | None = None  # its end (passed to QEMU, closed here after the start)
    buf: bytearray = field(default_factory=bytearray)
    eof: bool = False
    console: bytearray = field(default_factory=bytearray)   # its own stream, as it wrote it
    status: int | None = None               # what its guest asked isa-debug-exit for, if it stopped so


# ---- ELF: read through pyelftools (elfread.py), which validates the headers ----

def _phdrs(data: bytes, label: object = "image") -> list[tuple[int, int, int, int, int, int]]:
    """(file offset of the program header, p_type, p_offset, p_vaddr, p_filesz, p_memsz)."""
    return [(s.header_offset, s.type, s.offset, s.vaddr, s.filesz, s.memsz)
            for s in elfread.read(data, label, symbols=False).segments]


def _file_offset(data: bytes, vaddr: int, size: int) -> int:
    for _at, p_type, off, va, filesz, _memsz in _phdrs(data):
        if p_type == PT_LOAD and va <= vaddr and vaddr + size <= va + filesz:
            return off + vaddr - va
    raise BulkheadError(f"address {vaddr:#x} is not file-backed in the image")


@dataclass
class Layout:
    ncomp: int
    kernel: int
    names: list[str]
    wake: list[str]
    devices: list[list[str]]                    # compartment -> the QEMU devices its machine alone holds
    regions: dict[int, list[tuple[int, int]]]   # compartment -> its [start, end) ranges
    system: list[tuple[int, int]]               # the kernel compartment's system parts (every machine)
    shared: tuple[int, int]
    stacks: list[int]                           # compartment -> its thread-0 stack's bottom (its bss)
    dss_deltas: list[int]                       # compartment -> __bh_c<i>_dss_delta (mod 2**64)
    system_dss_delta: int                       # the kernel's word: the delta of the stacks it runs on
    threads: int                                # [threads] max: stacks per machine
    stack_slot: int                             # bytes per thread and stack, guard page included (__bh_stack_slot)
    boot_stack_word: int
    params: int
    boxes: int


def layout(elf: Path) -> Layout:
    from bulkhead import check
    try:
        from bulkhead import backends
        comps = backends.image_description(elf)["compartments"]    # its note, else its config.json
        comps = [{"index": int(c["index"]), "name": str(c["name"]), "components": list(c["components"]),
                  "options": dict(c.get("options", {})), "devices": [str(d) for d in c.get("devices", [])]}
                 for c in comps]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise BulkheadError(f"{elf.parent / 'config.json'}: not the configuration of a backend-vm image "
                            f"({type(e).__name__}: {e})", hint="rebuild the image with ./bulkhead build CONFIG") from None
    elfread.read(elf)        # a malformed file stops here, named, before llvm-nm or QEMU see it
    syms = check.symbols(elf)
    need = ["__bh_vm_shared_start", "__bh_vm_shared_end", "bh_boot_stack_top", "bh_vm_params", "bh_vm_boxes"]
    need += [f"__bh_c{c['index']}_stack_bottom" for c in comps] + [f"__bh_c{c['index']}_dss_delta" for c in comps]
    need.append("__bh_system_dss_delta")
    missing = [s for s in need if s not in syms]
    if missing:
        raise BulkheadError(f"{elf}: not a backend-vm image (no {', '.join(missing)})",
                            hint="rebuild it with ./bulkhead build CONFIG")
    regions = {}
    try:
        for c in comps:
            i = c["index"]
            regions[i] = [(syms[f"__bh_c{i}_{k}_start"], syms[f"__bh_c{i}_{k}_end"])
                          for k in ("text", "rodata", "data", "bss")]
        kernel = next(c["index"] for c in comps if "kernel" in c["components"])
    except (KeyError, StopIteration) as e:
        raise BulkheadError(f"{elf}: does not match the config.json next to it (no {e})",
                            hint="rebuild the image with ./bulkhead build CONFIG") from None
    try:
        system = [(syms[f"__bh_c{kernel}_{k}_system_start"], syms[f"__bh_c{kernel}_{k}_system_end"])
                  for k in ("text", "rodata", "data", "bss")]
    except KeyError as e:
        raise BulkheadError(f"{elf}: no {e.args[0]}: linked by an older linker template",
                            hint="rebuild it with ./bulkhead build CONFIG") from None
    return Layout(ncomp=len(comps), kernel=kernel, names=[c["name"] for c in comps],
                  wake=[c.get("options", {}).get("wake", "exit") for c in comps],
                  devices=[c["devices"] for c in comps], regions=regions,
                  system=system,
                  shared=(syms["__bh_vm_shared_start"], syms["__bh_vm_shared_end"]),
                  stacks=[syms[f"__bh_c{c['index']}_stack_bottom"] for c in comps],
                  dss_deltas=[syms[f"__bh_c{c['index']}_dss_delta"] for c in comps],
                  system_dss_delta=syms["__bh_system_dss_delta"],
                  threads=syms.get("__bh_threads_max", 1),
                  stack_slot=syms.get("__bh_stack_slot", STACK_SIZE),
                  boot_stack_word=syms["bh_boot_stack_top"],
                  params=syms["bh_vm_params"], boxes=syms["bh_vm_boxes"])


def machine_elf(image: bytes, lay: Layout, i: int, out: Path) -> None:
    """Machine i's ELF: only compartment i's segments and the system part of the kernel's compartment
    (each machine boots its own kernel) load; its identity patched in."""
    data = bytearray(image)
    for at, p_type, off, va, filesz, memsz in _phdrs(image):
        if p_type != PT_LOAD or memsz == 0:
            continue
        end = va + memsz
        owner = None
        if lay.shared[0] <= va < lay.shared[1]:
            owner = "shared"
        for c, ranges in lay.regions.items():
            if any(s <= va < e for s, e in ranges if s != e):
                owner = c
        if owner is None:
            continue                            # boot, system tables, shared text and rodata: every machine
        if owner == "shared" and end > lay.shared[1] or owner != "shared" and not any(
                s <= va and end <= e for s, e in _merged(lay.regions[owner])):
            raise BulkheadError(f"segment at {va:#x} straddles a region boundary: the linker script "
                                "must keep compartments and the shared memory in segments of their own")
        system = owner == lay.kernel and any(s <= va and end <= e for s, e in lay.system)
        if owner == "shared" or owner != i and not system:
            struct.pack_into("<I", data, at, PT_NULL)
            data[off:off + filesz] = bytes(filesz)
    struct.pack_into("<Q", data, _file_offset(image, lay.boot_stack_word, 8), lay.stacks[i] + lay.stack_slot)   # thread 0's
    params = bytearray(abi.SIZES["bh_vm_params"])     # struct bh_vm_params
    offset = abi.OFFSETS["bh_vm_params"]
    for name, value in (("magic", MAGIC), ("self", i), ("ncompartments", lay.ncomp)):
        struct.pack_into("<I", params, offset[name], value)
    params[offset["wake"]:offset["wake"] + len(lay.wake)] = bytes(WAKE[w] for w in lay.wake)
    struct.pack_into("<Q", params, offset["stacks"], lay.stacks[i])
    # The kernel and the runtime run on this machine's stacks: their data shadows are its compartment's.
    struct.pack_into("<Q", data, _file_offset(image, lay.system_dss_delta, 8), lay.dss_deltas[i])
    off = _file_offset(image, lay.params, len(params))
    data[off:off + len(params)] = params
    out.write_bytes(bytes(data))


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A compartment's four regions are adjacent: one span covering them (segments may join data+bss)."""
    rs = sorted(r for r in ranges if r[0] != r[1])
    out: list[tuple[int, int]] = []
    for s, e in rs:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def machine_memory_mib(shared_size: int, private_mib: int) -> tuple[int, int, int]:
    """One machine's RAM nodes in MiB: its own part (the image's private part, [memory] vm_private_mib),
    the shared part (the memfd: the image's shared regions, whole MiB), and its own top node for the
    firmware (memory.FIRMWARE_TOP_MIB)."""
    return private_mib, max(2, (shared_size + memory.MIB - 1) // memory.MIB), memory.FIRMWARE_TOP_MIB["pc"]


def shared_memory(image: bytes, lay: Layout) -> tuple[int, int]:
    """A memfd holding the shared region's initial contents; returns (fd, size)."""
    size = machine_memory_mib(lay.shared[1] - lay.shared[0], lay.shared[0] >> 20)[1] << 20
    fd = os.memfd_create("bulkhead-vm-shared", os.MFD_CLOEXEC)
    os.ftruncate(fd, size)
    for _at, p_type, off, va, filesz, _memsz in _phdrs(image):
        if p_type == PT_LOAD and lay.shared[0] <= va < lay.shared[1] and filesz:
            os.pwrite(fd, image[off:off + filesz], va - lay.shared[0])
    return fd, size


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL when ./bulkhead dies, whatever kills it."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except OSError:
        pass


class _Stop(KeyboardInterrupt):
    """SIGTERM/SIGHUP while machines run: unwinds through the cleanup like Ctrl-C (status 130)."""


def _raise_stop(signum, _frame):
    raise _Stop(signal.Signals(signum).name)


@dataclass
class VmStats:
    compartment: str
    calls_made: int
    call_tsc: int
    calls_served: int
    serve_tsc: int
    wakeups: int
    ready: int
    irq_tsc: int
    busy_tsc: int      # its work clock when it last began to wait (gates/vm/vm.h)


def wake_override(wake: str | None) -> str | None:
    """The wake mode for every machine: `wake`, else $BULKHEAD_VM_WAKE, else None (the configuration's)."""
    source = "--wake" if wake else f"${WAKE_ENV}"
    wake = wake or os.environ.get(WAKE_ENV) or None
    if wake is not None and wake not in WAKE:
        raise BulkheadError(f"unknown wake mode {wake!r} (from {source})", hint="choose one of: " + ", ".join(WAKE))
    return wake


class Watch(Protocol):
    """What the host-side judge (judge.py) hooks into a run: the machines boot without an exit device,
    with the extra QEMU arguments it asks for (a monitor each); `poll` is asked every loop turn whether
    the run is over (it returns the status to end with, or None); `collect` reads what it needs while
    every QEMU still exists, before the clean-up kills them."""

    def qemu_args(self, m: Machine) -> list[str]: ...

    def poll(self, machines: list[Machine]) -> int | None: ...

    def collect(self, machines: list[Machine], memfd: int, lay: Layout, status: int) -> None: ...


def run(image: Path, timeout: float = 60.0, echo: bool = True, cpu: str | None = None, accel: str = "auto",
        icount: bool = False, machine: str = "microvm", files: list[str] | None = None,
        wake: str | None = None, watch: Watch | None = None, consoles: Path | None = None,
        snapshot: bool = False, **_ignored) -> qemu.RunResult:
    """Boot every compartment's machine, merge consoles, return the kernel machine's exit status
    (STATUS_COMPARTMENT_STOPPED if another machine stops first), or, with a `watch`, the status its
    `poll` ends the run with.  `files`: host files passed to the kernel's machine as boot files
    (HOST:/GUEST).  `wake` ("exit" or "poll") replaces every compartment's configured wake mode
    (RUNTIME_OPTIONS).  `consoles`: a folder that receives each machine's own stream
    (<index>-<compartment>.console).  `snapshot`: extra["shared"] gets the image's shared part as the
    host reads it after the run (what every machine could read: tests look for secrets there)."""
    files = qemu.config_files(image) + list(files or [])   # the configuration's [files] first, then --file
    if machine == "microvm":
        machine = "pc"   # see MACHINE_NOTE
    lay = layout(image)
    if (mode := wake_override(wake)) is not None:
        lay.wake = [mode] * lay.ncomp
    if lay.ncomp > VM_MAX:
        raise BulkheadError(f"backend vm: {lay.ncomp} compartments, at most {VM_MAX}")
    raw = image.read_bytes()
    machines = [Machine(i, lay.names[i], lay.wake[i]) for i in range(lay.ncomp)]
    tmp: Path | None = None
    memfd = -1
    sel = selectors.DefaultSelector()
    out = bytearray()
    line_times: list[tuple[float, str, str]] = []
    stats: list[VmStats] = []
    old_handlers = {}
    start = time.monotonic()
    status: int | None = None
    note = ""
    first: Machine | None = None

    def emit(m: Machine, line: bytes) -> None:
        if FIRMWARE_NOISE in line:
            return
        text = line.decode(errors="replace") + "\n"
        out.extend(text.encode())
        m.console.extend(text.encode())
        line_times.append((time.monotonic() - start, m.name, line.decode(errors="replace")))
        if echo:
            sys.stdout.write(text)
            sys.stdout.flush()

    def drain(m: Machine, final: bool = False) -> None:
        assert m.proc and m.proc.stdout
        while True:
            try:
                chunk = os.read(m.proc.stdout.fileno(), 65536)
            except BlockingIOError:
                break
            if not chunk:
                m.eof = True
                break
            m.buf += chunk
            if not final:
                break
        while b"\n" in m.buf:
            line, _, rest = bytes(m.buf).partition(b"\n")
            m.buf = bytearray(rest)
            emit(m, line.rstrip(b"\r"))
        if (final or m.eof) and m.buf:
            emit(m, bytes(m.buf))
            m.buf.clear()

    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            try:
                old_handlers[sig] = signal.signal(sig, _raise_stop)
            except ValueError:       # not the main thread: the caller handles signals
                pass
        tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
        memfd, shm_size = shared_memory(raw, lay)
        os.set_inheritable(memfd, True)
        # Three RAM nodes, in this order in guest-physical memory: its own part (the image's private
        # part, from its ELF), the shared memfd (at the same address in every machine), and its own top
        # node.  The firmware (SeaBIOS) writes into the top of RAM while it boots (its relocated init
        # code just below 16 MiB from the top, its tables in the top 256 KiB), and the machines boot
        # while others already run: with the shared node on top, a later machine's firmware overwrote
        # the shared heap and stacks of the running ones (status 125 or a hang with a 24 MiB shared heap).
        private_mb, shared_mb, top_mb = machine_memory_mib(lay.shared[1] - lay.shared[0], lay.shared[0] >> 20)
        assert shared_mb << 20 == shm_size
        for m in machines:
            m.elf = tmp / f"{m.index}-{m.name}.elf"
            try:
                machine_elf(raw, lay, m.index, m.elf)
            except BulkheadError as e:      # a damaged image: say which file
                if e.where is None:
                    e.where = Location(image)
                raise
            m.bell, m.peer_bell = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            m.peer_bell.set_inheritable(True)
            cmd = qemu.command(m.elf, cpu=cpu, accel=accel, icount=icount, machine=machine,
                               memory=f"{private_mb + shared_mb + top_mb}M", files=files,
                               devices=lay.devices[m.index])   # its driver's machine only ([[compartment]] devices)
            if watch is not None:    # no isa-debug-exit: bh_exit ends in its halt loop, which the watch sees
                j = cmd.index("-device")
                del cmd[j:j + 2]
                cmd += watch.qemu_args(m)
            cmd += ["-object", f"memory-backend-ram,id=private,size={private_mb}M",
                    "-object", f"memory-backend-file,id=shared,size={shared_mb}M,"
                               f"mem-path=/proc/self/fd/{memfd},share=on",
                    "-object", f"memory-backend-ram,id=top,size={top_mb}M",
                    "-numa", "node,nodeid=0,memdev=private", "-numa", "node,nodeid=1,memdev=shared",
                    "-numa", "node,nodeid=2,memdev=top",
                    "-chardev", f"socket,id=bell,fd={m.peer_bell.fileno()}",
                    "-device", "isa-serial,chardev=bell,iobase=0x2f8,irq=3",
                    "-name", f"bulkhead-vm:{m.name}"] + FIRMWARE_ARGS + EXTRA_ARGS
            m.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, pass_fds=(memfd, m.peer_bell.fileno()),
                                      start_new_session=True, preexec_fn=_die_with_parent)
            m.peer_bell.close()
            m.peer_bell = None
            assert m.proc.stdout
            os.set_blocking(m.proc.stdout.fileno(), False)
            sel.register(m.proc.stdout, selectors.EVENT_READ, ("console", m))
            m.bell.setblocking(False)
            sel.register(m.bell, selectors.EVENT_READ, ("bell", m))

        while status is None:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                status = qemu.STATUS_TIMEOUT
                note = (f"\nbulkhead: the image did not exit within {timeout:.0f} s (hang?); "
                        f"all {len(machines)} machines were stopped\n")
                break
            for key, _ in sel.select(min(left, 0.25)):
                kind, m = key.data
                if kind == "bell":
                    try:
                        data = m.bell.recv(4096)
                    except BlockingIOError:
                        continue
                    except OSError:          # its QEMU is gone (reset with bytes unread): like EOF
                        data = b""
                    for b in data:
                        if b < len(machines) and machines[b].bell:
                            try:
                                machines[b].bell.send(b"\x01")
                            except OSError:
                                pass   # its FIFO is full (it will find the message anyway) or it is gone
                    if not data:
                        sel.unregister(m.bell)
                else:
                    drain(m)
                    if m.eof:
                        sel.unregister(key.fileobj)
            if watch is not None and (status := watch.poll(machines)) is not None:
                # As below for a machine that exits: the image's status is the kernel machine's.  Another
                # machine that ends the run (its own kernel can, and that kernel is its compartment's,
                # attacker's included) is reported as that, not with the status it stopped with.
                halted = next((m for m in machines if m.name == watch.halt.machine), None)
                if watch.halt.how == "exit" and halted is not None and halted.index != lay.kernel:
                    note = (f"\nbulkhead: vm: the machine of compartment '{halted.name}' stopped first (exit "
                            f"status {status}); the image's status is the kernel machine's, which had not "
                            f"exited: {qemu.STATUS_COMPARTMENT_STOPPED}\n")
                    status = qemu.STATUS_COMPARTMENT_STOPPED
                break
            for m in machines:
                if m.proc and m.proc.poll() is not None:
                    first = m
                    break
            if first:
                assert first.proc
                rc = first.proc.returncode
                drain(first, final=True)
                if rc is not None and rc >= 3 and rc & 1:
                    first.status = (rc >> 1) - 1
                if first.index != lay.kernel:
                    status = qemu.STATUS_COMPARTMENT_STOPPED
                    said = (f"exit status {first.status}" + (f" ({qemu.GUEST_STATUS[first.status]})"
                                                             if first.status in qemu.GUEST_STATUS else "")
                            if first.status is not None else f"its QEMU ended with {rc}")
                    note = (f"\nbulkhead: vm: the machine of compartment '{first.name}' stopped first ({said}); "
                            f"the image's status is the kernel machine's, which had not exited: "
                            f"{qemu.STATUS_COMPARTMENT_STOPPED}\n")
                elif first.status is not None:
                    status = first.status
                else:
                    status = qemu.STATUS_NO_BOOT
                    note = (f"\nbulkhead: the QEMU of compartment '{first.name}' ended with status {rc} "
                            "without its guest exiting through isa-debug-exit\n")
        # Let the others' last bytes arrive (a report printed just before the exit), then stop them.
        time.sleep(0.05)
        for m in machines:
            if m.proc and m is not first and not m.eof:
                drain(m, final=True)
        if watch is not None:
            watch.collect(machines, memfd, lay, status)
        stats = _read_stats(memfd, machines, lay)
        shared = os.pread(memfd, lay.shared[1] - lay.shared[0], 0) if snapshot else None
        if consoles is not None:
            _save_consoles(consoles, machines)
    finally:
        for m in machines:
            if m.proc and m.proc.poll() is None:
                try:
                    os.killpg(m.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        for m in machines:
            if m.proc:
                m.proc.wait()
                if m.proc.stdout:
                    m.proc.stdout.close()
            for s in (m.bell, m.peer_bell):
                if s:
                    s.close()
        sel.close()
        if memfd >= 0:
            os.close(memfd)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        for sig, h in old_handlers.items():
            signal.signal(sig, h)
    return qemu.RunResult(status, out.decode(errors="replace") + note, time.monotonic() - start,
                          extra={"line_times": line_times, "stats": stats,
                                 "machines": {m.name: {"index": m.index, "status": m.status,
                                                       "console": m.console.decode(errors="replace")}
                                              for m in machines},
                                 "stopped": first.name if first else None, "shared": shared})


def _save_consoles(folder: Path, machines: list[Machine]) -> None:
    """Each machine's console as it wrote it, one file per machine (`./bulkhead run --consoles DIR`)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for m in machines:
            (folder / f"{m.index}-{m.name}.console").write_bytes(bytes(m.console))
    except OSError as e:
        raise BulkheadError(f"--consoles {folder}: cannot write the machines' consoles there ({e.strerror})",
                            hint="name a folder you can write") from None


def _read_stats(memfd: int, machines: list[Machine], lay: Layout) -> list[VmStats]:
    """Each machine's counters from its inbox in the shared memory."""
    raw = os.pread(memfd, BOX_SIZE * len(machines), lay.boxes - lay.shared[0])
    return [VmStats(m.name, *struct.unpack_from("<QQQQQQQQ", raw, m.index * BOX_SIZE + BOX_STATS)) for m in machines]
