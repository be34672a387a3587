"""Audit mode (policy audit = "on"): key violations are reported with both sides, the program goes on,
and the end of the run lists every site.  Off by default: the same violation stops the image."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, abi, bulkhead

pytestmark = pytest.mark.qemu


def _run(name: str) -> tuple[int, str]:
    res = bulkhead("run", str(ROOT / "configs" / "attacks" / f"{name}.toml"), "--timeout", "60")
    return res.returncode, res.stdout


@pytest.mark.parametrize("attack,access,what", [
    ("write", "write", r"victim_secret \(compartment victim\)"),
    ("read", "read", r"victim_secret \(compartment victim\)"),
    ("stack", "read", r"0x[0-9a-f]+ \(bss\) \(compartment core\)"),
])
def test_audit_reports_and_continues(attack: str, access: str, what: str) -> None:
    rc, out = _run(f"audit-{attack}")
    assert rc == 1, out                              # main ran to its end: the attack "succeeded"
    assert f"protection-key violation on {access}" in out and "(continuing)" in out
    assert re.search(rf"by       attack\+0x[0-9a-f]+ .*component 'attack_{attack}', compartment 'attacker'", out)
    assert "gate     last entered through __bh_gate_c0_attack" in out   # the last gate taken
    assert "NOT CONTAINED" in out                    # execution went on past the violation
    assert "bulkhead: audit summary: 1 violation at 1 site" in out
    assert re.search(rf"1x {access} of {what} by attack \(compartment attacker\)", out), out


def test_audit_is_off_by_default() -> None:
    rc, out = _run("write-private")
    assert rc == abi.EXIT_ISOLATION_FAULT and "audit" not in out


def test_audit_write_really_happened() -> None:
    """In audit mode the store is executed (single-stepped with the key open): the victim changed."""
    rc, out = _run("audit-write")
    assert "NOT CONTAINED (a)" in out                # the app's own stack data was never touched
    # the victim's own digest (computed by the victim, after the attack) is that of its secret with
    # the attack's 'X' in byte 0, and differs from the one it printed before
    before = re.search(r"attacks: victim digest (0x[0-9a-f]{8})\n", out)
    after = re.search(r"attacks: victim digest (0x[0-9a-f]{8}) at the end", out)
    assert before and after, out
    assert int(before.group(1), 16) == _fnv1a(b"victim-secret-0123456789abcdef\0\0"), out
    assert int(after.group(1), 16) == _fnv1a(b"Xictim-secret-0123456789abcdef\0\0"), out


def _fnv1a(data: bytes) -> int:
    """32-bit FNV-1a, as apps/attacks/victim computes its digest."""
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h
