"""POSIX threads conformance (libs/pthread over libs/sched, apps/pthreads): one C program with a section
per feature (create/join/exit, detach, mutexes of every type with trylock and timedlock, condition
variables with timed waits, once, keys with destructors, stack-size attributes, sleeps) is compiled
for this host with gcc and run on Linux, and its output must be what the guest prints, line for line,
unisolated, with the pthread layer and the scheduler each in a compartment of its own under mpk
(light gate and private stacks), and in machines of their own under backend vm."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT, run_lines

pytestmark = pytest.mark.qemu

SOURCE = ROOT / "apps" / "pthreads" / "conformance" / "conformance.c"


@pytest.fixture(scope="module")
def linux(tmp_path_factory) -> list[str]:
    cc = shutil.which("gcc") or shutil.which("cc")
    assert cc, "a host C compiler (gcc) is needed to run the program on Linux"
    exe = tmp_path_factory.mktemp("pthreads") / "conformance"
    subprocess.run([cc, "-O2", "-Wall", "-Werror", "-pthread", str(SOURCE), "-o", str(exe)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60, check=True).stdout.splitlines()
    assert out[-1] == "pthreads: done" and len(out) > 30, out
    return out


@pytest.mark.parametrize("name", ["none", "mpk3", "mpk3-private", "vm3-exit"])
def test_same_output_as_linux(linux: list[str], name: str) -> None:
    assert run_lines(f"pthreads/{name}", "pthreads:", "300") == linux
