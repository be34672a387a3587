"""Backend vm: another machine's stacks (issue 14, item 5), judged from the host.

Every machine's stacks are in its own compartment's memory, which no other machine holds; only what
crosses (the message, locals whose address leaves a frame: the data shadow stacks) is in the memory the
machines share.  Each attack runs in a machine of its own ('attacker') against the kernel's machine
('core') or the victim's.  What decides a test is what the host saw: which machine stopped, with what
status (its QEMU's isa-debug-exit), each machine's own console stream, and the bytes of the shared
memory after the run (vm.run(snapshot=True)) -- never a line an attacker could print.

Before machines had stacks of their own (main at 033e869), all three found what they looked for:
mstack read 19 of the app's register values on the kernel machine's stack and made main call attack()
twice, stack printed a byte of the app's stack, stale read its victim's dead frame (status 11).
"""
from __future__ import annotations

import json
import re
import struct
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

pytestmark = pytest.mark.qemu

ATTACKS = ROOT / "configs" / "attacks"
VICTIM_SECRET = b"victim-secret-0123456789abcdef"
APP_VALUES = 0x5EC2E7000000   # apps/attacks/app/main.c: the app's register values are 0x5ec2e700000000xx


def _run(name: str):
    from bulkhead import backends, config, image
    vm = backends.runner("vm")      # gates/vm/host.py
    elf = image.build(config.load(ATTACKS / f"{name}-vm.toml")).elf
    res = vm.run(elf, timeout=120, echo=False, snapshot=True)
    res.extra["manifest"] = json.loads((elf.parent / "manifest.json").read_text())
    return res


def _app_words(shared: bytes) -> int:
    """How many 8-byte words of the shared memory hold one of the app's register values."""
    return sum(1 for (w,) in struct.iter_unpack("<Q", shared[:len(shared) // 8 * 8]) if w >> 16 == APP_VALUES)


def _stopped_by_attacker_fault(res, where: str) -> str:
    from bulkhead import qemu
    assert res.status == qemu.STATUS_COMPARTMENT_STOPPED, res.output
    assert res.extra["stopped"] == "attacker", res.output
    m = res.extra["machines"]
    assert m["attacker"]["status"] == 64 and m["core"]["status"] is None, m
    text = m["attacker"]["console"]
    assert "not-present read" in text, text
    assert re.search(rf"address  0x[0-9a-f]+ in {where}", text), text
    core = m["core"]["console"]
    assert "NOT CONTAINED" not in core and "called the attacker again" not in res.output, res.output
    return text


def test_read_and_rewrite_the_kernel_machines_stack():
    """mstack: the kernel machine's thread-0 stack is not in the attacker's machine: its first read
    faults there, so it neither reads the app's values nor rewrites main's return address."""
    res = _run("mstack")
    _stopped_by_attacker_fault(res, r"the private stack of compartment 'core', thread 0")
    assert res.extra["machines"]["core"]["console"].count("attacks: running mstack") == 1, res.output
    # the app's register values stayed in the kernel's machine: not one is in the shared memory
    # (they were on its stack there, and the gate carries no register the callee does not take)
    assert _app_words(res.extra["shared"]) == 0
    # the runtime's own frames (the message copies it invokes callees from, thread contexts) are on the
    # machine's stack, not on a data shadow stack another machine could rewrite
    runtime = {"bh_vm_call", "thread_server", "receive", "serve", "hand_over", "post"}
    moved = [x for x in res.extra["manifest"]["shadow_locals"] if x["function"] in runtime]
    assert moved == [], moved


def test_stack_attack_under_vm():
    """stack: the top of the calling compartment's stack, another machine's own memory."""
    res = _run("stack")
    _stopped_by_attacker_fault(res, r"the private stack of compartment 'core', thread 0")


def test_stale_frame_under_vm():
    """stale: the victim's local escapes (it is returned), so it lived on the victim's data shadow
    stack, zeroed before the frame returned: the dangling pointer finds nothing, and no copy of the
    secret is anywhere in the shared memory.  The attacker ends its own machine (bh_exit(10)): the
    image's status says another machine stopped, the host says which and with what."""
    from bulkhead import qemu
    res = _run("stale")
    assert res.status == qemu.STATUS_COMPARTMENT_STOPPED, res.output
    assert res.extra["stopped"] == "attacker" and res.extra["machines"]["attacker"]["status"] == 10, res.output
    assert "victim bytes behind the stale pointer: 0" in res.extra["machines"]["attacker"]["console"]
    assert VICTIM_SECRET not in res.extra["shared"]
    assert "bulkhead: vm: the machine of compartment 'attacker' stopped first (exit status 10)" in res.output
