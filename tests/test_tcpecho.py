"""lwIP (libs/lwip, Debian's lwip source unchanged) and libc's sockets (libs/libc/socket.c): a TCP echo
server and its client, two threads of one image (apps/tcpecho), send 12633 bytes over lwIP's loopback
netif and compare what comes back (the server waits with select, the client with poll on a non-blocking
socket); the client also checks socket names, errno on bad descriptors, a refused
connect and a non-blocking recv with nothing to read.  The app with libc | lwIP | the scheduler under
mpk (light gate, private stacks) and vm (both wake modes) print what none prints, and the manifest
shows lwIP's memory in lwIP's compartment with only the exchange buffer shared."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, bulkhead, run_lines

pytestmark = pytest.mark.qemu

EXPECTED = [
    "tcpecho: errno on bad descriptors and families: right",
    "tcpecho: connect to a closed port: refused",
    "tcpecho: getsockname and getpeername: right",
    "tcpecho: connected, SO_TYPE SOCK_STREAM",
    "tcpecho: non-blocking recv with nothing to read: EAGAIN",
    "tcpecho: server accepted a client from 127.0.0.1",
    "tcpecho: server echoed 12633 bytes, client got 12633 back",
    "tcpecho: sent 12633 bytes, echo identical",
]


@pytest.mark.parametrize("name", ["none", "mpk3", "mpk3-private", "vm3-exit", "vm3-poll"])
def test_echo(name: str) -> None:
    assert run_lines(f"tcpecho/{name}", "tcpecho:", "300") == EXPECTED


def test_lwip_memory_stays_in_its_compartment() -> None:
    """Under mpk the only lwIP global another compartment may touch is the exchange buffer; its heap,
    pools and pbufs are in its own compartment's memory (the run above faults on any other access)."""
    res = bulkhead("build", str(ROOT / "configs" / "tcpecho" / "mpk3.toml"))
    assert res.returncode == 0, res.stderr
    manifest = json.loads((ROOT / "build" / "images" / "tcpecho-mpk3" / "manifest.json").read_text())
    lwip = next(c["index"] for c in manifest["compartments"] if c["name"] == "lwip")
    shared = [(g["component"], g["name"]) for g in manifest["shared_globals"]]
    assert shared == [("lwip", "bhnet_xfer")], shared
    own = {s["name"]: s for s in manifest["symbols"] if s["component"] == "lwip" and s["kind"] == "object"}
    for name in ("ram_heap", "memp_memory_TCP_PCB_base", "memp_memory_PBUF_POOL_base", "sockets"):
        sym = next((s for n, s in own.items() if n == name or n.startswith(name + ".")), None)
        assert sym is not None, f"{name} not in the manifest's lwip objects"
        assert sym["compartment"] == lwip and sym["section"].startswith(f".bh.c{lwip}."), sym
