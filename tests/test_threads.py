"""Cooperative threads across compartments (libs/sched, apps/threads): three threads whose function
lives in another compartment yield in the middle of nested crossings; every configuration prints the
same interleaving and results.  With private stacks each thread has its own stack and gate slots in
every compartment (at %gs:, the GS base being 8 * thread) and its own data shadow stack.  Under
backend vm every thread has a stack in every machine, and each message carries its thread.  The attack 'tswitch'
(test_attacks.py) shows that only the scheduler's domain can switch threads; `verify` refuses
WRGSBASE outside the gates (test below)."""
from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import ROOT, abi, bulkhead, run_lines

sys.path.insert(0, str(ROOT / "scripts"))
from bulkhead import verify  # noqa: E402

CONFIGS = ["mpk3", "mpk3-private", "mpk3-private-dss", "vm2-exit", "vm3-exit", "vm3-poll"]


def _run(name: str) -> list[str]:
    return run_lines(f"threads/{name}", "threads:")


@pytest.fixture(scope="module")
def reference() -> list[str]:
    out = _run("none")
    assert out[0] == "threads: created 1 2 3"
    # round robin: each round visits thread 1, 2, 3 before the next round starts
    notes = [l for l in out if "note from" in l]
    assert notes[:3] == [f"threads: note from {i} round 0 (thread {i})" for i in (1, 2, 3)]
    assert out[-2] == "threads: worker domain changes 0"      # under mpk: PKRU at thread start and switch
    assert out[-1] == "threads: joined all; slot reused 1; notes 384137132218; worker calls 12"
    return out


@pytest.mark.qemu
@pytest.mark.parametrize("name", CONFIGS)
def test_same_interleaving_and_results(reference: list[str], name: str) -> None:
    assert _run(name) == reference


@pytest.mark.qemu
def test_private_stacks_per_thread() -> None:
    _run("mpk3-private")
    out = ROOT / "build" / "images" / "threads-mpk3-private"
    m = json.loads((out / "manifest.json").read_text())
    # the thread's local handed across lives on its own thread's data shadow stack
    assert any(s["function"] == "worker_run" and "app_note" in s["reason"] for s in m["shadow_locals"])
    ld = (out / "image.ld").read_text()
    slot = abi.STACK_SIZE + abi.STACK_GUARD   # [threads] stack_kib's default above a guard page
    assert ld.count(f"QUAD(__bh_c1_stack_bottom + {slot:#x} * ") == 4      # one slot per thread
    assert "__bh_threads_max = 4;" in ld


@pytest.mark.fast
@pytest.mark.parametrize("code,found", [
    (b"\x90\xf3\x48\x0f\xae\xda\x90", True),     # wrgsbase %rdx
    (b"\x90\xf3\x0f\xae\xd3\x90", True),         # wrgsbase %ebx
    (b"\x90\xf3\x48\x0f\xae\xc8\x90", False),    # rdgsbase %rax: reading the thread index is fine
])
def test_verify_pattern_for_wrgsbase(code: bytes, found: bool) -> None:
    pat = dict(verify.PATTERNS)["wrfsbase/wrgsbase"]
    assert bool(pat.search(code)) == found


@pytest.mark.fast
def test_thread_count_is_checked(tmp_path) -> None:
    cfg = tmp_path / "too-many.toml"
    cfg.write_text((ROOT / "configs" / "threads" / "vm3-exit.toml").read_text().replace("max = 4", "max = 65"))
    res = bulkhead("check", str(cfg))
    assert res.returncode != 0
    assert re.search(r"too-many.toml:8: error: \[threads\] max must be a whole number from 1 to 64", res.stderr), \
        res.stderr
