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


def _line(lines: list[str], prefix: str) -> str:
    return next((l for l in lines if l.startswith("bulkhead-judge: " + prefix)), "")


def test_vm_images_are_judged_machine_by_machine():
    """Backend vm: the secret is read in the vault's own machine (the others do not even load it: read
    there, its bytes would be zeros, "CHANGED"), the run ends in the thief's machine, and every machine
    is stopped and accounted for."""
    rc, lines = judged("configs/demo/vm3-exit.toml", "vault_secret")
    # the image's status is the kernel machine's: the thief's machine stopped first (gates/vm/host.py)
    assert rc == abi.EXIT_VM_OTHER_MACHINE_STOPPED
    assert re.match(r"bulkhead-judge: exit status 64 at 0x[0-9a-f]+ bh_exit\+0x[0-9a-f]+ in machine 'untrusted'",
                    lines[0]), lines
    assert re.search(r"vault_secret \(32 bytes, 0x[0-9a-f]+ in c1\.data \(compartment 'vault'\) of machine 'vault'\): "
                     r"intact$", lines[1]), lines
    assert lines[2] == "bulkhead-judge: copies of vault_secret outside its compartment: none"
    assert re.match(r"bulkhead-judge: exit requested by bh_fault_page\+", _line(lines, "exit requested by")), lines
    machines = [l for l in lines if l.startswith("bulkhead-judge: machine ")]
    assert [re.match(r"bulkhead-judge: machine '(\w+)'", l).group(1) for l in machines] == ["core", "vault", "untrusted"]
    assert re.search(r"'untrusted' \(compartment 2\): exit status 64 at 0x[0-9a-f]+ bh_exit\+", machines[2]), machines
    assert all(re.search(r": (idle|running|halted|exit status)", l) for l in machines), machines


def test_vm_change_is_read_in_the_machine_that_made_it():
    """The same write with the attacker inside the victim's compartment: it lands, in the victim's
    machine, and the judge reads it there."""
    rc, lines = judged("tests/configs/judge/write-vm-together.toml", "victim_secret")
    assert rc == 1
    assert re.search(r"victim_secret \(32 bytes, .* of machine 'victim'\): CHANGED$", lines[1]), lines


def test_vm_stale_frames_leave_no_copy_anywhere():
    """Under vm every machine's stacks are in its own memory and a local whose address crosses lives on
    a data shadow stack that is zeroed after the call (gates/vm/README.md): the stale attack reads
    nothing, and the judge, which searches every machine and the shared memory once, finds no copy.
    (Before the stacks moved, the victim's dead frame left a copy in the shared stacks, and this test
    found it there, "in stack (shared)".)"""
    rc, lines = judged("configs/attacks/stale-vm.toml", "victim_secret")
    # the attack ends with its own exit (10) in its own machine: the image's status is the kernel
    # machine's, which had not exited
    assert rc == abi.EXIT_VM_OTHER_MACHINE_STOPPED
    assert re.match(r"bulkhead-judge: exit status 10 at .* in machine 'attacker'$", lines[0]), lines
    copies = _line(lines, "copies of victim_secret outside its compartment:")
    assert copies == "bulkhead-judge: copies of victim_secret outside its compartment: none", copies


@pytest.mark.parametrize("config", ["configs/attacks/forge.toml", "configs/attacks/forge-private.toml",
                                    "configs/attacks/forge-vm.toml"])
def test_a_forged_report_and_exit_status_are_told_apart(config: str):
    """An attacker prints a fault report and verdict lines of its own, then asks bh_exit for 64: the
    guest's console and status look like a contained attack, but the verdict comes from the host on
    stderr only, and its 'exit requested by' names the attacker's code, not the kernel's report."""
    res = bulkhead("run", str(ROOT / config), "--timeout", "60", "--judge", "victim_secret")
    real = [l for l in res.stderr.splitlines() if l.startswith("bulkhead-judge: exit requested by")]
    assert len(real) == 1 and "(forged)" not in real[0], res.stdout + res.stderr
    # 64: the status it asked for; vm: the image's status is the kernel machine's (the attacker's machine
    # stopped first), and the attacker's exit is still named as the attacker's
    if res.returncode in (64, abi.EXIT_VM_OTHER_MACHINE_STOPPED):
        assert "bulkhead-judge: exit requested by bh_fault_page+0x3e5 <- bh_trap+0x450 (forged)" in res.stdout
        assert re.match(r"bulkhead-judge: exit requested by attack\+0x[0-9a-f]+", real[0]), real
    else:                        # stopped before it could ask (no console or exit of its own): the kernel
        assert re.match(r"bulkhead-judge: exit requested by (bh_fault_\w+|bh_\w*violation_report)\+", real[0]), real
