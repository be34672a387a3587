"""The pass's lit + FileCheck tests (passes/test), one pytest case per .ll file."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

LIT = "/usr/lib/llvm-19/build/utils/lit/lit.py"
TESTS = sorted((ROOT / "passes" / "test").glob("*.ll"))


def test_there_are_enough_lit_tests() -> None:
    assert len(TESTS) >= 15, f"only {len(TESTS)} lit tests"


@pytest.mark.parametrize("test", TESTS, ids=[str(t.relative_to(ROOT / "passes" / "test")) for t in TESTS])
def test_lit(test: Path) -> None:
    res = subprocess.run(["/usr/bin/python3", LIT, "-v", str(test)], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert "Passed: 1" in res.stdout or "Passed : 1" in res.stdout or "PASS:" in res.stdout, res.stdout
