"""The host-side judge (scripts/bulkhead/judge.py): verdicts about the victim's bytes, read by the host
after the guest's final halt.  Each verdict is shown both ways: a contained attack leaves the victim's
object intact and no copy of it anywhere else, and the same program with the protection relaxed (audit
mode reports violations and lets them through) leaves a copy or a change the judge must find."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, abi, bulkhead

pytestmark = pytest.mark.qemu


def judged(config: str, *symbols: str) -> tuple[int, list[str]]:
    args = [a for s in symbols for a in ("--judge", s)]
    res = bulkhead("run", str(ROOT / config), "--timeout", "60", *args)
    lines = [l for l in res.stderr.splitlines() if l.startswith("bulkhead-judge:")]
    assert lines, res.stdout + res.stderr
    return res.returncode, lines


def test_contained_theft_leaves_no_copy():
    rc, lines = judged("configs/demo/mpk3.toml", "vault_secret")
    assert rc == abi.EXIT_ISOLATION_FAULT
    assert re.match(rf"bulkhead-judge: exit status {abi.EXIT_ISOLATION_FAULT} at 0x[0-9a-f]+ bh_exit\+", lines[0])
    assert "vault_secret (32 bytes, 0x" in lines[1] and "compartment 'vault')): intact" in lines[1]
    assert lines[2] == "bulkhead-judge: copies of vault_secret outside its compartment: none"


def test_a_theft_that_happens_is_seen_from_the_host():
    """Audit mode lets the thief's reads through: its private stack now holds the secret."""
    rc, lines = judged("tests/configs/judge/demo-audit-private.toml", "vault_secret")
    assert rc == 0
    assert re.search(r"copies of vault_secret outside its compartment: 0x[0-9a-f]+ in c2\.\w+ "
                     r"\(compartment 'untrusted'\)", lines[2]), lines


@pytest.mark.parametrize("config,verdict", [("configs/attacks/write-private.toml", "intact"),
                                            ("configs/attacks/audit-write.toml", "CHANGED")])
def test_integrity_is_read_from_the_host(config: str, verdict: str):
    _, lines = judged(config, "victim_secret")
    assert lines[1].endswith(": " + verdict), lines


def test_only_images_are_judged(tmp_path):
    res = bulkhead("run", "/bin/true", "--judge", "x")
    assert res.returncode != 0 and "Traceback" not in res.stderr
    assert "/bin/true" in res.stderr
