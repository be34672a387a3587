"""The POSIX calls libs/libc/posix.c adds for unchanged programs such as iperf3 (mmap/munmap/msync of
files and anonymous memory, /dev/urandom, uname, getrusage, mkstemp in /tmp) and the socket options
libs/lwip/bhnet.c answers (SO_SNDBUF, TCP_MAXSEG, IP_TOS), error paths included: apps/posixcalls is
compiled for this host with gcc and run on Linux, and the guest must print the same, line for line,
under none, mpk (libc | lwIP, private stacks) and vm."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT, run_lines

pytestmark = pytest.mark.qemu

SOURCE = ROOT / "apps" / "posixcalls" / "app" / "main.c"


@pytest.fixture(scope="module")
def linux(tmp_path_factory) -> list[str]:
    cc = shutil.which("gcc") or shutil.which("cc")
    assert cc, "a host C compiler (gcc) is needed to run the program on Linux"
    exe = tmp_path_factory.mktemp("posixcalls") / "posixcalls"
    subprocess.run([cc, "-O2", "-Wall", "-Werror", str(SOURCE), "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    assert out[-1] == "posix: done" and len(out) > 25, out
    return out


@pytest.mark.parametrize("name", ["none", "mpk2-private", "vm2-exit"])
def test_same_output_as_linux(linux: list[str], name: str) -> None:
    assert run_lines(f"posixcalls/{name}", "posix:", "300") == linux
