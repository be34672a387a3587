"""TCP echo from the host (apps/netecho): a virtio-net driver (libs/netdev, modern virtio over PCI, no
port I/O) feeds lwIP (libs/lwip/netif.c); QEMU's user network forwards a free port of 127.0.0.1 to the
guest's port 7 (app.toml hostfwd; scripts/bulkhead/qemu.py net_args announces it).  Each test boots a
configuration, connects from the host with Python's socket, sends a few kilobytes per connection, checks
the echo byte for byte, and the image exits 0 after its last connection.  Every wait is bounded; the
run's QEMU is stopped by ./bulkhead run (and by its death) whatever happens here."""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, bulkhead

BOOT_S = 300        # build (cached), boot and lwIP up: a loaded 2-core host under TCG is slow
ECHO_S = 120        # one connection's echo
SIZES = (6000, 9 * 1024 + 17)   # apps/netecho serves two connections: a few kilobytes each, odd sizes


def _pattern(n: int, seed: int) -> bytes:
    return bytes(((i * 131 + seed) ^ (i >> 8)) & 0xff for i in range(n))


def _line(raw: str) -> str:
    """A console line without backend vm's "[machine] " prefix."""
    return raw.split("] ", 1)[-1] if raw.startswith("[") else raw


def _echo(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=ECHO_S) as s:
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        got = bytearray()
        deadline = time.monotonic() + ECHO_S
        while time.monotonic() < deadline:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
        return bytes(got)


def serve(name: str) -> tuple[list[bytes], int, str]:
    """Runs configs/netecho/<name>.toml, echoes SIZES through it; (echoes, exit status, output)."""
    proc = subprocess.Popen(["/usr/bin/python3", str(BULKHEAD), "run", str(ROOT / "configs" / "netecho" / f"{name}.toml"),
                             "--timeout", str(BOOT_S + len(SIZES) * ECHO_S)], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()
    out: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    echoes: list[bytes] = []
    try:
        port, deadline = None, time.monotonic() + BOOT_S
        while time.monotonic() < deadline:
            try:
                raw = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if raw is None:
                break
            out.append(raw)
            m = re.match(r"bulkhead: net: 127\.0\.0\.1:(\d+) -> guest port 7$", raw.rstrip("\n"))
            if m:
                port = int(m.group(1))
            if _line(raw).startswith("netecho: listening on port 7"):
                break
        else:
            raise AssertionError("netecho did not listen within %d s:\n%s" % (BOOT_S, "".join(out)))
        assert port is not None and out and _line(out[-1]).startswith("netecho: listening"), "".join(out)
        for i, n in enumerate(SIZES):
            echoes.append(_echo(port, _pattern(n, i)))
        try:
            rc = proc.wait(timeout=ECHO_S)
        except subprocess.TimeoutExpired:
            rc = -1   # the output below says how far it got
    finally:
        if proc.poll() is None:   # ./bulkhead run stops its QEMU on SIGTERM; SIGKILL reaches it through PDEATHSIG
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    while (raw := lines.get(timeout=20)) is not None:
        out.append(raw)
    return echoes, rc, "".join(out)


def check(name: str, mode: str) -> str:
    echoes, rc, out = serve(name)
    for i, (n, got) in enumerate(zip(SIZES, echoes)):
        assert got == _pattern(n, i), f"connection {i + 1}: {len(got)} of {n} bytes came back, or other bytes\n{out}"
    assert rc == 0, out
    said = [_line(l) for l in out.splitlines() if _line(l).startswith(("netdev:", "netecho:"))]
    assert said[0].startswith("netdev: virtio-net 52:54:00:12:34:56, 64-entry queues, " + mode), out
    assert said[2:4] == [f"netecho: connection {i + 1}: {n} bytes echoed" for i, n in enumerate(SIZES)], out
    m = re.match(r"netecho: done: (\d+) frames received, (\d+) sent, 0 dropped, (\d+) interrupts$", said[4])
    assert m, out
    # Every payload byte crossed the device both ways (plus the handshakes and ACKs): at least one frame per MSS.
    assert int(m[1]) >= sum(SIZES) // 1460 and int(m[2]) >= sum(SIZES) // 1460, out
    irqs = int(m[3])
    assert irqs > 0 if mode.startswith("interrupts") else irqs == 0, out
    return out


@pytest.mark.qemu
@pytest.mark.parametrize("name", ["none", "mpk2", "mpk3", "mpk3-private", "vm3-exit", "vm3-poll"])
def test_echo_from_the_host(name: str) -> None:
    check(name, "interrupts (INTx)")


@pytest.mark.qemu
def test_echo_polling() -> None:
    check("mpk2-poll", "polling")


@pytest.mark.qemu
def test_rings_stay_in_the_driver_compartment() -> None:
    """Under mpk the driver's rings and buffers are its compartment's memory (the device's DMA is not
    governed by keys: README of libs/netdev); lwIP's netif and pbufs stay lwIP's; what both name, the
    frame exchange buffer, is the only global of theirs in the shared region besides libc's bhnet_xfer."""
    res = bulkhead("build", str(ROOT / "configs" / "netecho" / "mpk3.toml"))
    assert res.returncode == 0, res.stderr
    manifest = json.loads((ROOT / "build" / "images" / "netecho-mpk3" / "manifest.json").read_text())
    index = {c["name"]: c["index"] for c in manifest["compartments"]}
    shared = sorted((g["component"], g["name"]) for g in manifest["shared_globals"])
    assert shared == [("lwip", "bhnet_xfer"), ("lwip", "bhnetif_frames")], shared
    objects = {(s["component"], s["name"].split(".")[0]): s for s in manifest["symbols"] if s["kind"] == "object"}
    for comp, name, owner in (("netdev", "rxq", "driver"), ("netdev", "txq", "driver"),
                              ("lwip", "nif", "lwip"), ("lwip", "memp_memory_PBUF_POOL_base", "lwip")):
        sym = objects.get((comp, name))
        assert sym is not None, f"{comp}:{name} not in the manifest's objects"
        assert sym["compartment"] == index[owner] and sym["section"].startswith(f".bh.c{index[owner]}."), sym


BAD_APP_TOML = {
    "port-zero": ('devices = ["virtio-net"]\nhostfwd = [0]\n', "hostfwd must be a list of guest TCP ports (1-65535)"),
    "port-text": ('devices = ["virtio-net"]\nhostfwd = ["7"]\n', "hostfwd must be a list of guest TCP ports (1-65535)"),
    "no-device": ("hostfwd = [7]\n", 'hostfwd needs the network device: devices = ["virtio-net"]'),
}


@pytest.mark.fast
@pytest.mark.parametrize("case", sorted(BAD_APP_TOML))
def test_bad_hostfwd_is_a_clear_error(tmp_path: Path, case: str) -> None:
    """app.toml's hostfwd: anything but guest TCP ports of the network device stops `check` with a
    message and a file:line, before any build."""
    body, message = BAD_APP_TOML[case]
    apps = tmp_path / "apps"
    (apps / "bad" / "app").mkdir(parents=True)
    (apps / "bad" / "app" / "main.c").write_text("int main(void) { return 0; }\n")
    (apps / "bad" / "app.toml").write_text('machine = "pc"\n' + body)
    cfg = tmp_path / "bad.toml"
    cfg.write_text('name = "test-bad-hostfwd"\napp = "bad"\n\n[[compartment]]\nname = "main"\nbackend = "none"\n'
                   'components = ["kernel", "app"]\n')
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "check", str(cfg)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env=dict(os.environ, BULKHEAD_APPS=str(apps)))
    assert res.returncode != 0, res.stdout + res.stderr
    # named at the configuration's line that picks the app (as every app.toml error is)
    assert f"{cfg}:2: error: {message}" in res.stderr, res.stdout + res.stderr
    assert "Traceback" not in res.stderr, res.stderr


@pytest.mark.fast
def test_inject_frames_needs_the_network_device(tmp_path: Path) -> None:
    """`./bulkhead run --inject-frames` on an image without virtio-net: a clear error before QEMU starts."""
    (tmp_path / "image.elf").write_bytes(b"\x7fELF" + bytes(60))
    (tmp_path / "config.json").write_text(json.dumps({"name": "x", "machine": "pc", "devices": []}))
    res = subprocess.run(["/usr/bin/python3", str(BULKHEAD), "run", str(tmp_path / "image.elf"), "--inject-frames"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert res.returncode != 0, res.stdout + res.stderr
    assert f"--inject-frames: {tmp_path / 'image.elf'} has no network device" in res.stderr, res.stderr
    assert "Traceback" not in res.stderr and "SeaBIOS" not in res.stdout, res.stdout + res.stderr


@pytest.mark.fast
def test_inject_frames_stays_on_localhost(capsys: pytest.CaptureFixture[str]) -> None:
    """--inject-frames' QEMU arguments: the device, the user network and the UDP socket on one hub, every
    address 127.0.0.1, and the ports announced as the tests read them."""
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import qemu
    args = qemu.net_args([7], frames=True)
    out = capsys.readouterr().out
    m = re.search(r"^bulkhead: net: frames: udp 127\.0\.0\.1:(\d+) <-> 127\.0\.0\.1:(\d+)$", out, re.M)
    assert m, out
    netdevs = [args[i + 1] for i, a in enumerate(args) if a == "-netdev"]
    dgram = [n for n in netdevs if n.startswith("dgram,")]
    assert len(dgram) == 1, netdevs
    assert f"local.host=127.0.0.1,local.port={m[1]}," in dgram[0] and dgram[0].endswith(
        f"remote.host=127.0.0.1,remote.port={m[2]}"), dgram[0]
    assert all(h == "127.0.0.1" for h in re.findall(r"host=([^,]+)", ",".join(netdevs))), netdevs
    assert re.search(r"hostfwd=tcp:127\.0\.0\.1:\d+-:7", netdevs[0]), netdevs
    hubs = [n for n in netdevs if n.startswith("hubport,")]
    assert {h.split("hubid=")[1].split(",")[0] for h in hubs} == {"0"} and len(hubs) == 3, hubs
    assert args[-1].startswith("virtio-net-pci,netdev=hub2,"), args
    assert qemu.net_args([7])[-1].startswith("virtio-net-pci,netdev=n0,"), "no hub without --inject-frames"
