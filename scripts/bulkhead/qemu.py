"""Booting an image under QEMU: the command line, console streaming, and the guest's exit status."""
from __future__ import annotations

import ctypes
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import abi
from .diag import BulkheadError

QEMU = "qemu-system-x86_64"
DEBUG_EXIT_PORT = f"{abi.DEBUG_EXIT_PORT:#x}"     # kernel/exit.c writes status + 1 there

# Guest exit statuses, each with one meaning (abi/abi.toml; docs/design.md section 6).
GUEST_STATUS = abi.EXIT_WHAT
STATUS_TIMEOUT = 124
STATUS_NO_BOOT = 125
# Backend vm: a machine other than the kernel's stopped first (a fault there, or its bh_exit).  The
# image's status is only ever the kernel's machine's; what that other machine said is reported by the
# host beside it (gates/vm/host.py), never taken as the image's.
STATUS_COMPARTMENT_STOPPED = abi.EXIT_VM_OTHER_MACHINE_STOPPED


@dataclass
class RunResult:
    status: int          # the guest's own exit status, or 124 (timeout) / 125 (did not boot)
    output: str          # the console
    wall_s: float
    extra: dict = field(default_factory=dict)   # backend vm: console line times, per-machine statistics


def host_has_kvm() -> bool:
    """KVM only where the host CPU has hardware virtualization (kvm_pvm here is ~1000x slow, no SSE)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return os.access("/dev/kvm", os.R_OK | os.W_OK) and (" vmx" in flags or " svm" in flags)


def _image_config(image: Path) -> dict:
    """What the image says of itself (its machine, its [memory]: its "bulkhead" note, else the config.json
    written next to it; backends.image_description); {} when neither says."""
    from . import backends
    return backends.image_description(image)


def config_files(image: Path) -> list[str]:
    """The boot files of an image's configuration ([files], in the config.json next to it) as --file
    specs, HOST:/GUEST; [] for an image without one."""
    files = _image_config(image).get("files")
    if not isinstance(files, list):
        return []
    return [f"{f['host']}:{f['guest']}" for f in files
            if isinstance(f, dict) and isinstance(f.get("host"), str) and isinstance(f.get("guest"), str)]


def guest_memory(image: Path) -> str:
    """-m for an image: its configuration's [memory] guest_mib (64 MiB by default)."""
    mem = _image_config(image).get("memory")
    mib = mem.get("guest_mib") if isinstance(mem, dict) else None
    return f"{mib}M" if isinstance(mib, int) and not isinstance(mib, bool) and mib > 0 else "64M"


FW_CFG_NAME_MAX = 55   # QEMU's fw_cfg file names: 56 bytes with the NUL (kernel/include/bulkhead/bootfile.h)


def boot_file_args(specs: list[str]) -> list[str]:
    """QEMU arguments for `--file HOST:/GUEST` (repeatable): each host file becomes the fw_cfg file
    opt/GUEST, which the kernel lists as the boot file /GUEST and libs/vfs copies into ramfs."""
    args: list[str] = []
    seen: set[str] = set()
    for spec in specs:
        host, sep, guest = spec.rpartition(":")
        if not sep or not host or not guest.startswith("/") or guest.endswith("/"):
            raise BulkheadError(f"--file {spec}: expected HOST:/GUEST (a host file and the absolute path the guest "
                                f"reads it as, e.g. app.conf:/etc/app.conf)")
        name = "opt/" + guest.lstrip("/")
        if len(name) > FW_CFG_NAME_MAX or any(c in name for c in ",\0"):
            raise BulkheadError(f"--file {spec}: the guest path must be at most {FW_CFG_NAME_MAX - 4} characters "
                                f"with no comma (QEMU's fw_cfg names are {FW_CFG_NAME_MAX} characters)")
        if name in seen:
            raise BulkheadError(f"--file {spec}: {guest} is given twice (by --file, or also by the "
                                "configuration's [files])")
        seen.add(name)
        path = Path(host)
        if not path.is_file() or not os.access(path, os.R_OK):
            raise BulkheadError(f"--file {spec}: {host} is not a readable file")
        args += ["-fw_cfg", f"name={name},file={str(path.resolve()).replace(',', ',,')}"]
    return args


NET_DEVICE = "virtio-net"   # components.DEVICES: libs/netdev's device, on QEMU's user network


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on now (the kernel's choice; QEMU binds it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_port() -> int:
    """A UDP port of 127.0.0.1 nobody has bound now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def net_args(hostfwd: list, frames: bool = False) -> list[str]:
    """QEMU's arguments for virtio-net: a modern-only virtio-net-pci (disable-legacy=on: registers in
    memory BARs, no port I/O; romfile= empty: no iPXE option ROM to run at boot) on QEMU's user
    network (the guest 10.0.2.15, the host 10.0.2.2), each guest TCP port of app.toml `hostfwd`
    forwarded from a free port of 127.0.0.1 only.  Each forward is announced on stdout, before QEMU
    starts, as `bulkhead: net: 127.0.0.1:PORT -> guest port G` (what a client connects to).

    `frames` (./bulkhead run --inject-frames): the device, the user network and a UDP socket of QEMU
    (`-netdev dgram`, 127.0.0.1 only) meet on one QEMU hub, so every datagram sent to that socket is
    one raw Ethernet frame on the guest's network, whatever its content (user networking itself never
    hands the guest a malformed frame), and every frame on that network goes to the sender's port too.
    Announced as `bulkhead: net: frames: udp 127.0.0.1:A <-> 127.0.0.1:B` (send from B to A)."""
    fwd = ""
    for guest in hostfwd:
        if isinstance(guest, int) and not isinstance(guest, bool) and 0 < guest < 65536:
            port = free_port()
            fwd += f",hostfwd=tcp:127.0.0.1:{port}-:{guest}"
            print(f"bulkhead: net: 127.0.0.1:{port} -> guest port {guest}", flush=True)
    device = "virtio-net-pci,netdev={},disable-legacy=on,romfile="
    if not frames:
        return ["-netdev", f"user,id=n0{fwd}", "-device", device.format("n0")]
    qemu_side, peer = free_udp_port(), free_udp_port()
    print(f"bulkhead: net: frames: udp 127.0.0.1:{qemu_side} <-> 127.0.0.1:{peer}", flush=True)
    return ["-netdev", f"user,id=n0{fwd}", "-netdev", "hubport,id=hub0,hubid=0,netdev=n0",
            "-netdev", f"dgram,id=inj,local.type=inet,local.host=127.0.0.1,local.port={qemu_side},"
                       f"remote.type=inet,remote.host=127.0.0.1,remote.port={peer}",
            "-netdev", "hubport,id=hub1,hubid=0,netdev=inj",
            "-netdev", "hubport,id=hub2,hubid=0", "-device", device.format("hub2")]


def command(image: Path, cpu: str | None = None, accel: str = "auto", icount: bool = False,
            machine: str = "microvm", memory: str | None = None, files: list[str] | None = None,
            stream: Path | None = None, devices: list[str] | None = None,
            inject_frames: bool = False) -> list[str]:
    """The QEMU command line that boots `image`.  `devices`: the QEMU devices to attach (None: the
    image's, app.toml `devices`; a runner with a machine per compartment gives each machine its own).
    `inject_frames`: a UDP socket of 127.0.0.1 on the network device's network (net_args)."""
    if memory is None:
        memory = guest_memory(image)
    if accel == "auto":
        accel = "kvm" if host_has_kvm() and not icount else "tcg"
    if cpu is None:
        cpu = "host,-arch-capabilities" if accel == "kvm" else "max"
    cmd = [QEMU, "-M", machine, "-accel", accel, "-cpu", cpu, "-m", memory, "-nodefaults", "-no-user-config",
           "-nographic", "-serial", "stdio", "-no-reboot",
           "-device", f"isa-debug-exit,iobase={DEBUG_EXIT_PORT},iosize=0x04", "-kernel", str(image)]
    if stream is not None:   # COM2: the kernel's console stream (split_console_stream)
        cmd += ["-chardev", f"file,id=bhstream,path={stream}",
                "-device", f"isa-serial,chardev=bhstream,iobase={abi.CONSOLE_STREAM_PORT:#x},irq=3"]
    if icount:
        cmd[cmd.index("-accel") + 1] = "tcg"
        # sleep=off: while the guest halts, the virtual clock jumps to the next timer deadline, so a
        # halted guest costs nothing and every guest instruction still counts one nanosecond
        cmd += ["-icount", "shift=0,sleep=off"]
    if devices is None:
        devices = _image_config(image).get("devices", [])
    for device in devices:   # app.toml devices (components.DEVICES)
        if device == NET_DEVICE:
            cmd += net_args(_image_config(image).get("hostfwd", []), inject_frames)
        elif isinstance(device, str) and device.replace("-", "").isalnum():
            cmd += ["-device", device]
    return cmd + boot_file_args(config_files(image) + list(files or []))


PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True)      # loaded here: the child after fork only calls into it


def _child_setup(parent: int) -> None:
    """In QEMU's process before exec: die with ./bulkhead, whatever kills it (SIGKILL included).

    The parent may already be gone between fork and prctl; then the kernel will never send the signal,
    so the child checks and leaves at once."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def spawn(cmd: list[str], **kw) -> subprocess.Popen:
    """Start QEMU so that it never outlives ./bulkhead: its own process group (a terminal's Ctrl-C
    reaches only ./bulkhead, which stops it through its cleanup) and a parent-death signal (SIGKILL
    when ./bulkhead dies, whatever the signal, with no cleanup of ours running)."""
    parent = os.getpid()
    return subprocess.Popen(cmd, process_group=0, preexec_fn=lambda: _child_setup(parent), **kw)


def split_console_stream(image: Path, stream: Path, folder: Path) -> dict:
    """The kernel's console stream (kernel/service.c: records of BH_CONSOLE_RECORD, compartment, byte)
    as one file per compartment, `<index>-<name>.console` (the names vm's machines use), and who asked
    for the exit from ring 3, if a compartment did: {"exit": (name, status)}."""
    names = {c.get("index"): c.get("name") for c in _image_config(image).get("compartments", [])
             if isinstance(c, dict)}
    data = stream.read_bytes() if stream.is_file() else b""
    out: dict[int, bytearray] = {i: bytearray() for i in names}
    exit_rec: list[int] = []
    for k in range(0, len(data) - 2, 3):
        rec, who, byte = data[k], data[k + 1], data[k + 2]
        if rec != abi.CONSOLE_RECORD:
            break                      # not the kernel's stream: keep what was whole
        if who == abi.CONSOLE_EXIT:
            exit_rec.append(byte)
        else:
            out.setdefault(who, bytearray()).append(byte)
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in out.items():
        (folder / f"{i}-{names.get(i, 'unknown')}.console").write_bytes(bytes(text))
    stream.unlink(missing_ok=True)
    if len(exit_rec) >= 2:
        return {"exit": (names.get(exit_rec[0], f"#{exit_rec[0]}"), exit_rec[1])}
    return {}


def run(image: Path, timeout: float = 60.0, echo: bool = True, consoles: Path | None = None,
        **kw) -> RunResult:
    """Boot `image`, stream its console to stdout, return the guest's exit status.  `consoles`: a folder
    for each compartment's own output (backends with a console stream, backend.toml console_stream)."""
    if not image.is_file():
        raise BulkheadError(f"no such image: {image}")
    from . import backends
    runner = backends.image_runner(image)
    if runner is not None:         # the backend boots its images itself (backend.toml `runner`: vm's machines)
        if consoles is not None:
            kw["consoles"] = consoles
        return runner.run(image, timeout=timeout, echo=echo, **kw)
    if "machine" not in kw:      # what the image's app asks for (config.json next to it)
        kw["machine"] = _image_config(image).get("machine", "microvm")
    stream = None
    if consoles is not None:
        try:
            consoles.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BulkheadError(f"--consoles {consoles}: cannot write the compartments' consoles there "
                                f"({e.strerror})", hint="name a folder you can write") from None
        stream = consoles / ".stream"
        stream.unlink(missing_ok=True)
    cmd = command(image, stream=stream, **kw)
    start = time.monotonic()
    proc = spawn(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    out = bytearray()
    sel = selectors.DefaultSelector()
    assert proc.stdout is not None
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                break
            if not sel.select(min(left, 0.5)):
                if proc.poll() is not None:
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            out += chunk
            if echo:
                sys.stdout.write(chunk.decode(errors="replace"))
                sys.stdout.flush()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        sel.close()
        proc.stdout.close()
    wall = time.monotonic() - start
    text = out.decode(errors="replace")
    extra = split_console_stream(image, stream, consoles) if stream is not None else {}
    if timed_out:
        return RunResult(STATUS_TIMEOUT, text + f"\nbulkhead: the image did not exit within {timeout:.0f} s "
                         "(hang?); QEMU was stopped\n", wall)
    rc = proc.returncode
    if rc is not None and rc >= 3 and rc & 1:      # the kernel writes status + 1 (kernel/exit.c)
        return RunResult((rc >> 1) - 1, text, wall, extra)
    return RunResult(STATUS_NO_BOOT, text + f"\nbulkhead: QEMU ended with status {rc} without the guest "
                     f"exiting through isa-debug-exit: the image did not boot or crashed QEMU\n", wall)
