"""The mpk gates (light and private-stack) in Linux user space with real protection keys (where the CPU
has PKU)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.fast

# Sane bounds, in TSC cycles per round trip (benchmarks/gate-latency/results/gate-latency-pku.csv has
# 84-93 for the light gate and 119-136 for the private one on a Xeon with PKU).  Two WRPKRU cost at
# least a few dozen cycles together; a gate that traps, faults or makes a system call costs thousands.
LIGHT_MIN, LIGHT_MAX = 20, 2000
PRIVATE_MAX = 4000
SYSCALL_MIN, SYSCALL_MAX = 30, 1_000_000


def _has_pku() -> bool:
    return " pku " in Path("/proc/cpuinfo").read_text().replace("\n", " ")


def test_userspace_gate(tmp_path: Path) -> None:
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "benchmarks" / "gate-latency" / "userspace.py"),
                          "--rounds", "20000", "--out", str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    # The SYSCALL proxy needs no PKU: every machine records it (a syscall is at least a few dozen
    # cycles, and far under a millisecond)
    sc = re.search(r"syscall round_trip ([\d.]+) tsc-cycles", res.stdout)
    assert sc and SYSCALL_MIN <= float(sc.group(1)) <= SYSCALL_MAX, res.stdout
    row = (tmp_path / "gate-latency-pku.csv").read_text().splitlines()
    assert row[0].split(",")[-2:] == ["syscall_proxy_cycles", "status"] and row[-1].split(",")[-2] == sc.group(1), row
    if not _has_pku():
        assert "skip: no protection keys here" in res.stdout
        pytest.skip("this CPU has no PKU: the harness skipped, as it must")
    assert "isolation: the caller's domain reading the peer's data: SIGSEGV (contained)" in res.stdout
    m = re.search(r"plain ([\d.]+) gate ([\d.]+) round_trip ([\d.]+) tsc-cycles \(best of 11; peer touched (\d+) times\)",
                  res.stdout)
    assert m, res.stdout
    assert int(m.group(4)) == 2 * 11 * 20000      # every call of both gates reached the peer's domain
    plain, light = float(m.group(1)), float(m.group(3))
    assert LIGHT_MIN <= light <= LIGHT_MAX, res.stdout          # two WRPKRU, no trap on the way
    assert float(m.group(2)) > plain, res.stdout                # the gate costs more than a plain call
    p = re.search(r"private gate [\d.]+ round_trip ([\d.]+) tsc-cycles", res.stdout)
    assert p, res.stdout                                        # the private-stack gate ran, on the peer's stack
    private = float(p.group(1))
    assert light < private <= PRIVATE_MAX, res.stdout           # the light gate's work and ~40 instructions more
    assert (tmp_path / "gate-latency-pku.csv").is_file()
