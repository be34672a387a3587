"""Threads that block and wake across compartments (libs/sched, libs/pthread, apps/prodcons): producers
and consumers in one compartment, their queue (a mutex, two condition variables, timed waits) in
another, the scheduler in a third.  The consumers' timed waits expire while the producers sleep, then
the queue fills and drains; every backend and stack mode prints what none prints.  The reference
runs under -icount with its idle part: while every thread sleeps the kernel halts the CPU (one halt
per timer tick), so the guest's instructions stay flat: QEMU spends next to no CPU time on two
seconds of virtual idle, where an idle loop that spins executes two billion instructions (about 16 s
of CPU on the dev machine)."""
from __future__ import annotations

import re
import resource

import pytest

from conftest import ROOT, abi, bulkhead, run_lines

pytestmark = pytest.mark.qemu

IDLE_CPU_S = 5.0   # the whole --icount run, boot included; measured 0.5 s halting, 15.8 s spinning


def _cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)   # ./bulkhead and the QEMU it waited for
    return r.ru_utime + r.ru_stime


def _idle_run(name: str, cpu_bound: float) -> list[str]:
    """Build, then run under -icount; the run's CPU time (./bulkhead and its QEMUs) must stay under
    cpu_bound: while every thread sleeps, the kernel halts instead of spinning."""
    build = bulkhead("build", str(ROOT / "configs" / "prodcons" / f"{name}.toml"))   # not part of the measure
    assert build.returncode == 0, build.stderr
    before = _cpu_seconds()
    res = bulkhead("run", build.stdout.split()[-1], "--icount", "--timeout", "300")
    cpu = _cpu_seconds() - before
    assert res.returncode == 0, res.stdout + res.stderr
    out = [l.split("] ", 1)[-1] if l.startswith("[") else l for l in res.stdout.splitlines()]
    out = [l for l in out if l.startswith("prodcons")]
    assert out[:4] == [
        "prodcons: consumed 200 items, sum 310100",
        "prodcons: every consumer's timed wait expired before the producers began: 1",
        "prodcons: timeouts counted by the queue match the consumers': 1",
        "prodcons: idle 2000 ms with every thread asleep: the CPU halted 1",
    ], out
    m = re.fullmatch(r"prodcons-idle: halts (\d+), virtual ms (\d+)", out[4])
    assert m, out
    halts, ms = map(int, m.groups())
    # under -icount the virtual clock moves only by instructions and by jumps over halts: 2 s of idle
    # is about one halt per 1 ms tick, and almost no instructions
    assert 2000 <= ms and 0 < halts <= ms + 50, out
    assert cpu < cpu_bound, f"{cpu:.1f} s of CPU for the run: the idle part did not halt\n{out}"
    return [l for l in out if l.startswith("prodcons:")]


@pytest.fixture(scope="module")
def reference() -> list[str]:
    return _idle_run("none", IDLE_CPU_S)


# Every backend and stack mode halts when idle, measured the same way.  vm exit boots three machines
# (each a QEMU whose boot costs CPU too): a bound per machine, still far below the 16 s that 2 s of
# spinning costs.  vm poll spins on its inbox by design (gates/vm/README.md) and is left out.
@pytest.mark.parametrize("name,machines", [("mpk3", 1), ("mpk3-private", 1), ("vm3-exit", 3)])
def test_idle_image_halts_under_icount(reference: list[str], name: str, machines: int) -> None:
    assert _idle_run(name, IDLE_CPU_S * machines) == reference


@pytest.mark.parametrize("name", ["mpk3", "mpk3-private", "vm3-exit", "vm3-poll"])
def test_same_results_as_none(reference: list[str], name: str) -> None:
    out = run_lines(f"prodcons/{name}", "prodcons:", "300")
    assert out == reference


def test_deadlock_is_reported(tmp_path) -> None:
    """Every thread blocked and none with a timeout: the scheduler names what each waits on and stops
    with its own status instead of halting forever (the boot file asks prodcons for it)."""
    flag = tmp_path / "deadlock"
    flag.write_text("yes\n")
    res = bulkhead("run", str(ROOT / "configs" / "prodcons" / "none.toml"), "--timeout", "120",
                   "--file", f"{flag}:/prodcons/deadlock")
    assert res.returncode == abi.EXIT_DEADLOCK, res.stdout + res.stderr
    out = res.stdout
    assert "prodcons: deadlock on purpose" in out
    assert "bulkhead: sched: deadlock: every thread is blocked and none has a timeout" in out
    assert "bulkhead: sched:   thread 0 waits in a join" in out and "waits on a mutex" in out, out
