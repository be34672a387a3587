"""lwIP (libs/lwip, Debian's lwip source unchanged) and libc's sockets (libs/libc/socket.c): a TCP echo
server and its client, two threads of one image (apps/tcpecho), send 12633 bytes over lwIP's loopback
netif and compare what comes back (the server waits with select, the client with poll on a non-blocking
socket); the client also checks socket names, errno on bad descriptors, a refused
connect and a non-blocking recv with nothing to read.  The app with libc | lwIP | the scheduler under
mpk (light gate, private stacks) and vm (both wake modes) print what none prints and what the same
source prints on Linux, and the manifest
shows lwIP's memory in lwIP's compartment with only the exchange buffer shared."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT, bulkhead, run_lines

pytestmark = pytest.mark.qemu

EXPECTED = [
    "tcpecho: errno on bad descriptors and families: right",
    "tcpecho: connect to a closed port: refused",
    "tcpecho: getaddrinfo (numeric) and gethostname: right",
    "tcpecho: getsockname and getpeername: right",
    "tcpecho: connected, SO_TYPE SOCK_STREAM",
    "tcpecho: errno of a used port, an unconnected send, a receive timeout: right",
    "tcpecho: non-blocking recv with nothing to read: EAGAIN",
    "tcpecho: server accepted a client from 127.0.0.1",
    "tcpecho: udp datagram with MSG_PEEK, recvfrom, sendmsg/recvmsg, MSG_TRUNC: right",
    "tcpecho: server echoed 12633 bytes, client got 12633 back",
    "tcpecho: sent 12633 bytes, echo identical",
]


def test_linux_prints_the_same() -> None:
    """The app is plain POSIX C: compiled with the host's gcc and run on Linux (in a network namespace of
    its own, so its ports meet no other program's), it prints the lines the guest prints."""
    cc = shutil.which("gcc") or shutil.which("cc")
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if not (cc and unshare and ip) or os.geteuid() != 0:
        pytest.skip("needs gcc, unshare and ip, as root (a network namespace of its own)")
    exe = Path(tempfile.mkdtemp()) / "tcpecho"
    subprocess.run([cc, "-O2", "-Wall", "-Werror", "-pthread", str(ROOT / "apps" / "tcpecho" / "app" / "main.c"),
                    "-o", str(exe)], check=True)
    res = subprocess.run([unshare, "-n", "sh", "-c", f'"{ip}" link set lo up && "{exe}"'], capture_output=True,
                         text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [l for l in res.stdout.splitlines() if l.startswith("tcpecho:")]
    assert sorted(lines) == sorted(EXPECTED) and lines[-1] == EXPECTED[-1], lines


@pytest.mark.parametrize("name", ["none", "mpk3", "mpk3-private", "vm3-exit", "vm3-poll"])
def test_echo(name: str) -> None:
    # two threads print: the server's line may come before or after the client's neighbours
    lines = run_lines(f"tcpecho/{name}", "tcpecho:", "300")
    assert sorted(lines) == sorted(EXPECTED) and lines[-1] == EXPECTED[-1], lines


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


NO_STACK = r"""
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
int main(void)
{
	char b[4];
	int s = socket(AF_INET, SOCK_STREAM, 0);
	printf("nostack: socket %d errno %s\n", s, errno == EAFNOSUPPORT ? "EAFNOSUPPORT" : "other");
	long r = recv(40, b, sizeof(b), 0);
	printf("nostack: recv %ld errno %s\n", r, errno == EBADF ? "EBADF" : "other");
	fflush(stdout);
	return 0;
}
"""


def test_libc_without_a_network_stack(tmp_path: Path) -> None:
    """An app with libc and no lwIP links (libc's weak defaults) and its socket calls fail cleanly."""
    apps = tmp_path / "apps"
    (apps / "nostack" / "app").mkdir(parents=True)
    (apps / "nostack" / "app" / "main.c").write_text(NO_STACK)
    (apps / "nostack" / "app.toml").write_text('libs = ["libc"]\n')
    cfg = tmp_path / "nostack.toml"
    cfg.write_text('name = "test-nostack"\napp = "nostack"\n\n[[compartment]]\nname = "main"\nbackend = "none"\n'
                   'components = ["kernel", "app", "libc", "vfs", "ramfs", "time"]\n')
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "bulkhead"), "run", str(cfg), "--timeout", "60"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, env=dict(os.environ, BULKHEAD_APPS=str(apps)))
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [l for l in res.stdout.splitlines() if l.startswith("nostack:")]
    assert lines == ["nostack: socket -1 errno EAFNOSUPPORT", "nostack: recv -1 errno EBADF"], res.stdout


def test_too_few_threads_for_lwip_is_a_clear_stop(tmp_path: Path) -> None:
    """[threads] max = 2 leaves lwIP's tcpip thread no slot (main and the server take both): the console
    names the setting to raise and the image stops with a trap (status 65), never hangs."""
    cfg = tmp_path / "few.toml"
    text = (ROOT / "configs" / "tcpecho" / "none.toml").read_text()
    cfg.write_text(text.replace('name = "tcpecho-none"', 'name = "test-tcpecho-few"').replace("max = 8", "max = 2"))
    res = bulkhead("run", str(cfg), "--timeout", "120")
    assert res.returncode == 65, res.stdout + res.stderr
    assert "lwip: no thread slot for 'tcpip': raise [threads] max in the configuration" in res.stdout, res.stdout
    assert "bhnet_assert_failed" in res.stdout, res.stdout
