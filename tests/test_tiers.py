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


def test_every_test_has_a_tier() -> None:
    untiered = _collect(" and ".join(f"not {t}" for t in TIERS))
    assert not untiered, ("tests without a tier marker (add @pytest.mark.fast, .qemu or .slow to the function, "
                          "or pytestmark = pytest.mark.<tier> to the module; tests/README.md):\n" + "\n".join(untiered))


def test_no_test_is_in_two_tiers() -> None:
    twice = _collect(" or ".join(f"({a} and {b})" for i, a in enumerate(TIERS) for b in TIERS[i + 1:]))
    assert not twice, "tests with more than one tier marker:\n" + "\n".join(twice)


def test_the_tiers_are_registered() -> None:
    ini = (ROOT / "pytest.ini").read_text()
    for t in TIERS:
        assert f"\n    {t}:" in ini, f"marker {t} is not registered in pytest.ini"
