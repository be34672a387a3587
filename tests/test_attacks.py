"""Adversarial tests of the MPK slice: an attacker compartment tries to read, write or jump where it may
not.  Each attack must end in the kernel's report (or a gate violation) with the victim's data intact."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, bulkhead

SECRET = "victim-secret-0123456789abcdef"

# attack -> (exit status, patterns the report must contain)
ATTACKS = {
    "read": (64, [r"protection-key violation on read", r"address  victim_secret\+0x0 .*compartment 'victim'",
                  r"by       attack\+0x[0-9a-f]+ .*component 'attack_read', compartment 'attacker'",
                  r"error    0x21 = present read supervisor protection-key"]),
    "write": (64, [r"protection-key violation on write", r"address  victim_secret\+0x0 .*compartment 'victim'",
                   r"component 'attack_write', compartment 'attacker'", r"error    0x23 ="]),
    "exec": (64, [r"execution of a no-execute page", r"victim_secret\+0x0",
                  r"domain   PKRU 0x[0-9a-f]+ \(compartment 'attacker' was running\)"]),
    "gate": (67, [r"attacks: jumping to the WRPKRU at", r"gate integrity violation: PKRU 0x00000000"]),
    "rodata": (64, [r"write to a read-only page on write", r"address  motto\+0x0 .*component 'victim'"]),
    "idt": (64, [r"write to a read-only page on write", r"address  bh_idt\+0xe0 .*component 'kernel'"]),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_attack_is_contained(attack: str) -> None:
    status, patterns = ATTACKS[attack]
    res = bulkhead("run", str(ROOT / "configs" / "attacks" / f"{attack}.toml"), "--timeout", "60")
    out = res.stdout
    assert res.returncode == status, out + res.stderr
    assert "NOT CONTAINED" not in out
    assert SECRET not in out
    for pat in patterns:
        assert re.search(pat, out), f"missing /{pat}/ in:\n{out}"
    # The victim's data as the fault left it equals its digest from before the attack.
    before = re.search(r"attacks: victim digest (0x[0-9a-f]{8})", out)
    assert before, out
    after = re.search(r"target   victim_secret: 32 bytes, fnv1a (0x[0-9a-f]{8}) after the fault", out)
    if attack in ("read", "write", "exec"):
        assert after and after.group(1) == before.group(1), out
