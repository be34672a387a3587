"""`./bulkhead run` stopped by a signal never leaves QEMU behind.

The guest spins for ever (a minimal PVH kernel: `jmp .`), so QEMU would run at 100% CPU until the run's
timeout, minutes away.  ./bulkhead is sent TERM, HUP, INT or KILL once QEMU runs; afterwards no QEMU
that boots this image may be alive.  KILL cannot be caught: QEMU must die by its parent-death signal.
Backend vm (one QEMU per compartment, its own cleanup) is stopped the same way in the middle of a run.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BULKHEAD, ROOT, bulkhead, toolchain

pytestmark = pytest.mark.qemu

# PVH entry (XEN_ELFNOTE_PHYS32_ENTRY = 18): QEMU enters _start in 32-bit protected mode.
SPIN_S = """
	.section .note.Xen, "a", @note
	.p2align 2
	.long 4, 4, 18
	.asciz "Xen"
	.long _start
	.text
	.code32
	.globl _start
_start:
1:	pause
	jmp 1b
"""


@pytest.fixture(scope="module")
def spin(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("spin")
    (d / "spin.S").write_text(SPIN_S)
    subprocess.run([toolchain.CLANG, f"--target={toolchain.TARGET}", "-c", str(d / "spin.S"), "-o", str(d / "spin.o")],
                   check=True)
    subprocess.run([toolchain.LLD, "-static", "-Ttext=0x100000", "-e", "_start", str(d / "spin.o"), "-o",
                    str(d / "spin.elf")], check=True)
    return d / "spin.elf"


def qemu_children(pid: int) -> list[int]:
    """The QEMU processes that `pid` started (only ours: other runs on this machine are not touched)."""
    try:
        kids = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return [k for k in kids if is_qemu(k)]


def is_qemu(pid: int) -> bool:
    """Alive (not a zombie) and QEMU."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
    return state != "Z" and "qemu-system" in exe


def stop_run(target: Path, sig: int) -> tuple[int, list[int], float]:
    """Start `./bulkhead run target`, wait for QEMU, send `sig`; returns (status, QEMUs left, seconds
    from the signal to ./bulkhead's exit)."""
    proc = subprocess.Popen(["/usr/bin/python3", str(BULKHEAD), "run", str(target), "--timeout", "300"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while not seen:
            seen |= set(qemu_children(proc.pid))
            assert proc.poll() is None, f"./bulkhead ended before QEMU started: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "QEMU never started"
            time.sleep(0.02)
        time.sleep(0.3)
        seen |= set(qemu_children(proc.pid))
        sent = time.monotonic()
        proc.send_signal(sig)
        status = proc.wait(timeout=30)
        took = time.monotonic() - sent
        end = time.monotonic() + 5      # the parent-death signal is asynchronous: give it a moment
        while (left := [p for p in seen if is_qemu(p)]) and time.monotonic() < end:
            time.sleep(0.1)
        return status, sorted(left), took
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in seen:             # never leave one of ours behind, even when the test fails
            if is_qemu(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL],
                         ids=lambda s: signal.Signals(s).name)
def test_no_qemu_survives_a_stopped_run(spin: Path, sig: int) -> None:
    status, left, took = stop_run(spin, sig)
    assert not left, f"QEMU {left} still running after {signal.Signals(sig).name}"
    assert status == (-sig if sig == signal.SIGKILL else 130), status      # TERM and HUP as Ctrl-C
    assert took < 10


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: signal.Signals(s).name)
def test_no_vm_machine_survives_a_stopped_run(sig: int) -> None:
    # gatebench runs for tens of seconds under TCG, so the signal always lands mid-run (the demo could end
    # by itself, status 64, before a KILL arrived, and then the test proved nothing)
    res = bulkhead("build", str(ROOT / "configs" / "gatebench" / "vm2-exit.toml"))
    assert res.returncode == 0, res.stderr
    image = Path(res.stdout.strip())
    status, left, _ = stop_run(image, sig)
    assert not left, f"QEMU {left} still running after {signal.Signals(sig).name}"
    assert status == (-sig if sig == signal.SIGKILL else 130), status
