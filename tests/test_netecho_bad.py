"""Bad input to the echo server (apps/netecho) over virtio-net and lwIP (issue 16, item 7): malformed and
truncated frames, a peer that resets, a flood of connections beyond lwIP's limits, a client that never
reads.  Each test boots a configuration of configs/netecho, unisolated and across driver | lwIP | app,
with a boot file that makes the server run until a client says "quit" (apps/netecho's `connections
until-quit`: the number of connections a flood gets through is not known in advance) and gives up on a
client after a few seconds without progress; then it does the bad thing, a normal echo that must come
back byte for byte, and the quit, after which the image must exit 0.  A crash, a hang or a server that
stops serving fails the test.  Every load is bounded in count and in time; the run's QEMU is stopped by
./bulkhead run (and by its death) whatever happens here."""
from __future__ import annotations

import os
import queue
import re
import signal
import socket
import struct
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT
from test_netecho import _echo, _line, _pattern

BOOT_S = 300        # build (cached), boot and lwIP up: a loaded 2-core host under TCG is slow
ECHO_S = 120        # one connection's echo
# none and driver | lwIP | app under mpk in the qemu tier; under vm exit (each frame a doorbell) in the slow one
CONFIGS = [pytest.param("none", marks=pytest.mark.qemu), pytest.param("mpk3", marks=pytest.mark.qemu),
           pytest.param("vm3-exit", marks=pytest.mark.slow)]
GUEST_MAC = bytes.fromhex("525400123456")     # QEMU's default for the first NIC (tests/test_netecho.py)
HOST_MAC = bytes.fromhex("525500000002")      # the user network's gateway, 10.0.2.2


class Server:
    """`./bulkhead run configs/netecho/<name>.toml` with /etc/netecho.conf from `conf`; its console
    lines, the host port of the guest's port 7 and, with `frames`, the UDP ports of --inject-frames."""

    def __init__(self, name: str, tmp: Path, conf: str, frames: bool = False, run_s: float = 600) -> None:
        (tmp / "netecho.conf").write_text(conf)
        cmd = ["/usr/bin/python3", str(BULKHEAD), "run", str(ROOT / "configs" / "netecho" / f"{name}.toml"),
               "--timeout", str(run_s), "--file", f"{tmp / 'netecho.conf'}:/etc/netecho.conf"]
        if frames:
            cmd.append("--inject-frames")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.out: list[str] = []
        self.port = 0
        self.frames: tuple[int, int] | None = None
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(r"netecho: listening on port 7", BOOT_S)
        assert self.port, self.output()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw)
        self.lines.put(None)

    def output(self) -> str:
        """What the run printed so far (the lines no wait_for has taken yet included)."""
        while True:
            try:
                raw = self.lines.get_nowait()
            except queue.Empty:
                break
            if raw is None:
                self.lines.put(None)
                break
            self.out.append(raw)
        return "".join(self.out)

    def wait_for(self, pattern: str, seconds: float) -> re.Match:
        """The first console line from now on (backend vm's machine prefix dropped) that matches."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                raw = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if raw is None:
                raise AssertionError(f"the run ended before a line matching {pattern!r}:\n{self.output()}")
            self.out.append(raw)
            line = raw.rstrip("\n")
            if m := re.match(r"bulkhead: net: 127\.0\.0\.1:(\d+) -> guest port 7$", line):
                self.port = int(m[1])
            if m := re.match(r"bulkhead: net: frames: udp 127\.0\.0\.1:(\d+) <-> 127\.0\.0\.1:(\d+)$", line):
                self.frames = (int(m[1]), int(m[2]))
            if m := re.match(pattern, _line(line)):
                return m
        raise AssertionError(f"no line matching {pattern!r} within {seconds} s:\n{self.output()}")

    def echo(self, data: bytes) -> bytes:
        return _echo(self.port, data)

    def quit(self) -> int:
        """Says quit (echoed), then the image's exit status; the rest of its output is kept."""
        assert self.echo(b"quit") == b"quit", self.output()
        self.wait_for(r"netecho: done: ", ECHO_S)
        try:
            return self.proc.wait(timeout=ECHO_S)
        except subprocess.TimeoutExpired:
            return -1

    def stop(self) -> None:
        if self.proc.poll() is None:   # ./bulkhead run stops its QEMU on SIGTERM; SIGKILL reaches it by PDEATHSIG
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        try:
            while (raw := self.lines.get(timeout=20)) is not None:
                self.out.append(raw)
        except queue.Empty:
            pass


def serving(name: str, tmp: Path, timeout_s: int = 20, frames: bool = False) -> Server:
    return Server(name, tmp, f"connections until-quit\ntimeout {timeout_s}\n", frames)


def check_still_serves(srv: Server, seed: int) -> None:
    """A normal echo after the bad input comes back whole, the quit ends the image with status 0, and
    nothing on the console says that lwIP or the kernel stopped anything."""
    data = _pattern(6000 + seed, seed)
    got = srv.echo(data)
    assert got == data, f"{len(got)} of {len(data)} bytes came back, or other bytes\n{srv.output()}"
    rc = srv.quit()
    srv.stop()
    out = srv.output()
    assert rc == 0, out
    assert "lwip: assertion" not in out and "bulkhead: page fault" not in out, out


# ---- malformed and truncated frames ----

def _csum(b: bytes) -> int:
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def _ipv4(payload: bytes, proto: int = 6, total: int | None = None, ihl: int = 5, options: bytes = b"",
          good_csum: bool = True, src: str = "10.0.2.2", dst: str = "10.0.2.15") -> bytes:
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0, total if total is not None else 20 + len(options) + len(payload),
                      0x1234, 0, 64, proto, 0, socket.inet_aton(src), socket.inet_aton(dst)) + options
    c = _csum(hdr) if good_csum else _csum(hdr) ^ 0x5a5a
    return hdr[:10] + struct.pack("!H", c) + hdr[12:] + payload


def _tcp(sport: int, dport: int, offset_words: int, flags: int = 0x02, data: bytes = b"") -> bytes:
    return struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, offset_words << 4, flags, 8192, 0, 0) + data


def _eth(payload: bytes, ethertype: int = 0x0800) -> bytes:
    return GUEST_MAC + HOST_MAC + struct.pack("!H", ethertype) + payload


def bad_frames() -> list[tuple[str, bytes, bool]]:
    """(what, frame, whether the driver itself must drop it: too short or too long for Ethernet)."""
    syn = _tcp(40000, 7, 5)
    # No empty datagram: QEMU's dgram netdev reads one as the end of the connection and stops reading.
    return [
        ("1 byte", b"\x01", True),
        ("half a header", GUEST_MAC + HOST_MAC[:1], True),
        ("13 bytes", (GUEST_MAC + HOST_MAC + b"\x08")[:13], True),
        ("a header alone", _eth(b""), False),
        ("unknown ethertype", _eth(b"\xaa" * 46, 0x88b5), False),
        ("IPv6 ethertype", _eth(b"\x60" + b"\0" * 45, 0x86dd), False),
        ("truncated ARP", _eth(b"\x00\x01\x08\x00\x06", 0x0806), False),
        ("ARP with absurd lengths", _eth(struct.pack("!HHBBH", 1, 0x0800, 200, 200, 1) + b"\0" * 30, 0x0806), False),
        ("IPv4 header cut short", _eth(_ipv4(syn)[:12]), False),
        ("IPv4 version 6", _eth(b"\x65" + _ipv4(syn)[1:]), False),
        ("IPv4 header length 2", _eth(_ipv4(syn, ihl=2)), False),
        ("IPv4 header length 15, no options", _eth(_ipv4(syn, ihl=15)), False),
        ("IPv4 total length beyond the frame", _eth(_ipv4(syn, total=1400)), False),
        ("IPv4 total length below its header", _eth(_ipv4(syn, total=8)), False),
        ("IPv4 bad header checksum", _eth(_ipv4(syn, good_csum=False)), False),
        ("IPv4 options: a length-0 option", _eth(_ipv4(syn, ihl=6, options=b"\x07\x00\x00\x00")), False),
        ("IPv4 options: an option longer than the header", _eth(_ipv4(syn, ihl=6, options=b"\x44\x28\x05\x00")), False),
        ("IPv4 fragment, offset past 64 KiB", _eth(_ipv4(syn)[:6] + b"\x3f\xff" + _ipv4(syn)[8:]), False),
        ("TCP data offset 0", _eth(_ipv4(_tcp(40001, 7, 0))), False),
        ("TCP data offset 15 in a 20-byte segment", _eth(_ipv4(_tcp(40002, 7, 15))), False),
        ("TCP segment cut at 10 bytes", _eth(_ipv4(syn[:10])), False),
        ("TCP to a closed port", _eth(_ipv4(_tcp(40003, 9, 5))), False),
        ("UDP with a length beyond the datagram", _eth(_ipv4(struct.pack("!HHHH", 40004, 7, 900, 0) + b"x", proto=17)), False),
        ("ICMP echo cut short", _eth(_ipv4(b"\x08\x00", proto=1)), False),
        ("1515 bytes (one past Ethernet's largest)", _eth(b"\x55" * (1515 - 14)), True),
        ("2000 bytes", _eth(b"\x55" * (2000 - 14)), True),
        ("9000 bytes (a jumbo frame)", _eth(b"\x55" * (9000 - 14)), True),
    ]


@pytest.mark.parametrize("name", CONFIGS)
def test_malformed_frames(name: str, tmp_path: Path) -> None:
    """Raw frames from the host's UDP socket on the guest's network (./bulkhead run --inject-frames):
    runts, oversize frames, and headers of every layer lwIP parses with wrong lengths, checksums,
    options and data offsets, sent before and during an echo.  The echo comes back whole, the image
    exits 0, and the driver has counted (and said on the console) each frame too short or too long."""
    srv = serving(name, tmp_path, frames=True)
    try:
        assert srv.frames is not None, srv.output()
        qemu_side, peer = srv.frames
        frames = bad_frames()
        rounds = 3
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as inj:
            inj.bind(("127.0.0.1", peer))
            for _what, frame, _drop in frames:
                inj.sendto(frame, ("127.0.0.1", qemu_side))

            def more() -> None:
                for _ in range(rounds - 1):
                    time.sleep(0.2)
                    for _what, frame, _drop in frames:
                        inj.sendto(frame, ("127.0.0.1", qemu_side))

            t = threading.Thread(target=more, daemon=True)
            t.start()
            data = _pattern(9 * 1024 + 17, 3)
            got = srv.echo(data)
            t.join(timeout=30)
            assert got == data, f"{len(got)} of {len(data)} bytes came back, or other bytes\n{srv.output()}"
            check_still_serves(srv, 1)
    finally:
        srv.stop()
    out = srv.output()
    said = [_line(l) for l in out.splitlines()]
    done = [l for l in said if l.startswith("netecho: done: ")]
    m = re.match(r"netecho: done: (\d+) frames received, (\d+) sent, (\d+) dropped, \d+ interrupts$", done[-1])
    assert m, out
    # QEMU hands on every datagram as one frame, unpadded: the driver drops the
    # ones no Ethernet frame can be; lwIP drops the rest without a word (LWIP_STATS off).
    must_drop = rounds * sum(1 for _w, f, drop in bad_frames() if drop and len(f) <= 2048 - 12)
    assert int(m[3]) >= must_drop, out
    reports = [l for l in said if l.startswith("netdev: dropped a received frame of ")]
    assert len(reports) == 8 and reports[-1].endswith("(further drops are only counted)"), out
    assert any("shorter than an Ethernet header" in l for l in reports), out


# ---- a peer that resets ----

@pytest.mark.parametrize("name", CONFIGS)
def test_peer_resets_mid_echo(name: str, tmp_path: Path) -> None:
    """A client sends 64 KiB, reads a little of the echo, and closes with SO_LINGER 0 (a reset) while the
    server still has data for it.  The server drops it (or sees it end) and serves the next client."""
    srv = serving(name, tmp_path)
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=ECHO_S)
        s.sendall(_pattern(64 * 1024, 7))
        assert len(s.recv(1000)) > 0, srv.output()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
        srv.wait_for(r"netecho: connection 1: (dropped after \d+ bytes|\d+ bytes echoed)", ECHO_S)
        check_still_serves(srv, 2)
    finally:
        srv.stop()


# ---- a flood of connections ----

FLOOD = 40     # beyond lwIP's 16 sockets and pcbs (BHNET_MAX_SOCKETS) and its accept mailbox


@pytest.mark.parametrize("name", CONFIGS)
def test_connection_flood(name: str, tmp_path: Path) -> None:
    """FLOOD connections at once, each sending 100 bytes and held open for 3 s: more than lwIP has pcbs,
    sockets or room to queue.  The excess is refused or dropped by the guest; afterwards a normal echo
    works and the quit ends the image with status 0."""
    srv = serving(name, tmp_path)
    clients: list[socket.socket] = []
    try:
        for i in range(FLOOD):
            c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            c.settimeout(10)
            try:
                c.connect(("127.0.0.1", srv.port))
                c.sendall(_pattern(100, i))
            except OSError:
                pass       # refused: allowed
            clients.append(c)
        time.sleep(3)
        for c in clients:
            c.close()
        clients.clear()
        check_still_serves(srv, 3)
    finally:
        for c in clients:
            c.close()
        srv.stop()
    served = re.findall(r"netecho: connection \d+: (\d+) bytes echoed", srv.output())
    assert 1 <= len(served) <= FLOOD + 2, srv.output()


# ---- a client that never reads ----

@pytest.mark.parametrize("name", CONFIGS)
def test_client_never_reads(name: str, tmp_path: Path) -> None:
    """A client with a small receive buffer sends until nothing more goes out for 5 s, or the server resets
    it (at most 64 MiB in 90 s), and never reads the echo.  The server's send makes no progress; after its
    timeout (3 s here) it drops that client (a reset) with a line saying so, and serves the next."""
    srv = serving(name, tmp_path, timeout_s=3)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", srv.port))
        s.setblocking(False)
        chunk, sent, stalled_since, reset = _pattern(65536, 9), 0, None, False
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and sent < 64 << 20:
            try:
                sent += s.send(chunk)
                stalled_since = None
            except BlockingIOError:
                stalled_since = stalled_since or time.monotonic()
                if time.monotonic() - stalled_since > 5:
                    break
                time.sleep(0.05)
            except (ConnectionResetError, BrokenPipeError):
                reset = True    # the server has already given up on it (its line follows)
                break
        assert reset or stalled_since is not None, f"the server took {sent} bytes unread: no back-pressure?"
        srv.wait_for(r"netecho: connection 1: dropped after \d+ bytes: no progress for 3 s \(the client does "
                     r"not read, or sends nothing\)", ECHO_S)
        s.close()
        check_still_serves(srv, 4)
    finally:
        srv.stop()
