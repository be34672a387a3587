"""The mpk gates (light and private-stack) in Linux user space with real protection keys (where the CPU
has PKU)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.fast


def _has_pku() -> bool:
    return " pku " in Path("/proc/cpuinfo").read_text().replace("\n", " ")


def test_userspace_gate(tmp_path: Path) -> None:
    res = subprocess.run(["/usr/bin/python3", str(ROOT / "benchmarks" / "gate-latency" / "userspace.py"),
                          "--rounds", "20000", "--out", str(tmp_path)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr
    if not _has_pku():
        assert "skip: no protection keys here" in res.stdout
        pytest.skip("this CPU has no PKU: the harness skipped, as it must")
    assert "isolation: the caller's domain reading the peer's data: SIGSEGV (contained)" in res.stdout
    m = re.search(r"round_trip ([\d.]+) tsc-cycles \(best of 11; peer touched (\d+) times\)", res.stdout)
    assert m, res.stdout
    assert int(m.group(2)) == 2 * 11 * 20000      # every call of both gates reached the peer's domain
    assert float(m.group(1)) > 0                  # two WRPKRU are never free
    p = re.search(r"private gate [\d.]+ round_trip ([\d.]+) tsc-cycles", res.stdout)
    assert p and float(p.group(1)) > 0, res.stdout   # the private-stack gate ran, on the peer's stack
    assert (tmp_path / "gate-latency-pku.csv").is_file()
