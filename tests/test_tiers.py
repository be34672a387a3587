"""Every test is in exactly one tier (pytest.ini: fast, qemu, slow), so that `./bulkhead test --fast`
and the other tiers together run the whole suite."""
from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.fast

TIERS = ("fast", "qemu", "slow")


def _collect(expr: str) -> list[str]:
    res = subprocess.run(["/usr/bin/python3", "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          "-m", expr, str(ROOT / "tests")], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert res.returncode in (0, 5), res.stdout[-3000:] + res.stderr[-3000:]   # 5: nothing selected
    return [l for l in res.stdout.splitlines() if "::" in l]


def test_every_test_is_in_exactly_one_tier() -> None:
    none = " and ".join(f"not {t}" for t in TIERS)
    two = " or ".join(f"({a} and {b})" for i, a in enumerate(TIERS) for b in TIERS[i + 1:])
    wrong = _collect(f"({none}) or {two}")
    assert not wrong, ("tests without a tier marker, or with more than one (give each test function "
                       "@pytest.mark.fast, .qemu or .slow, or its module pytestmark = pytest.mark.<tier>; "
                       "tests/README.md):\n" + "\n".join(wrong))


def test_the_tiers_are_registered() -> None:
    ini = (ROOT / "pytest.ini").read_text()
    for t in TIERS:
        assert f"\n    {t}:" in ini, f"marker {t} is not registered in pytest.ini"
