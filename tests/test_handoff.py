"""Threads that hand stack data to each other (apps/handoff) under the [threads] dss policies
(docs/design.md 5d, kernel/dss.c).  The program's three steps: (1) main hands a struct on its stack to
workers of its own compartment, which lock the mutex in it through the pthread layer; (2) main signals a
condition variable on a worker's stack; (3) the keeper, another compartment, reads main's stack from a
worker thread.  "all" (the default) runs all three as the unisolated build does; "owner" runs steps 1
and 2 and stops step 3 with an isolation fault whose hint names the way out; "running" stops step 1.  The attacks dss, dss-running and dss-all (test_attacks.py) are the other side:
the same parking keeps an attacker compartment out."""
from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT, abi, bulkhead, run_lines

SAME = ["mpk3", "mpk3-private", "mpk2-private-owner", "vm3-exit"]


def _run(name: str) -> tuple[int, str]:
    res = bulkhead("run", str(ROOT / "configs" / "handoff" / f"{name}.toml"), "--timeout", "120")
    return res.returncode, res.stdout + res.stderr


@pytest.fixture(scope="module")
def reference() -> list[str]:
    out = run_lines("handoff/none", "handoff:")
    assert out[:2] == ["handoff: 1 total 2460 (expected 2460), word read intact 120 of 120",
                       "handoff: 2 value 42 through the worker's own stack"], out
    assert re.fullmatch(r"handoff: 3 the keeper read the word: checksum \d+", out[2]), out
    return out


@pytest.mark.qemu
@pytest.mark.parametrize("name", SAME)
def test_every_hand_off_runs_as_unisolated(reference: list[str], name: str) -> None:
    assert run_lines(f"handoff/{name}", "handoff:") == reference


@pytest.mark.qemu
def test_owner_lets_the_compartment_and_the_thread_runtime_in_and_stops_the_keeper(reference: list[str]) -> None:
    rc, out = _run("mpk3-private-owner")
    assert rc == abi.EXIT_ISOLATION_FAULT, out
    assert [l for l in out.splitlines() if l.startswith("handoff:")] == reference[:2], out
    assert re.search(r"address  0x[0-9a-f]+ in the data shadow stack of compartment 'app', thread 0 .*its "
                     r"compartment's key while the thread is switched out", out), out
    assert re.search(r"by       keeper_recall\+0x[0-9a-f]+ .*compartment 'keeper'", out), out
    assert re.search(r"hint     thread 0 is switched out: .*\(\[threads\] dss = \"owner\"\); .*dss = \"all\"", out), out


@pytest.mark.qemu
def test_running_stops_even_the_owner_and_the_thread_runtime() -> None:
    rc, out = _run("mpk3-private-running")
    assert rc == abi.EXIT_ISOLATION_FAULT, out
    assert not [l for l in out.splitlines() if l.startswith("handoff:")], out
    assert re.search(r"by       pthread_mutex_lock\+0x[0-9a-f]+ .*compartment 'threads'", out), out
    assert re.search(r"hint     thread 0 is switched out: .*nobody's .*\(\[threads\] dss = \"running\"\)", out), out


@pytest.mark.qemu
def test_the_linker_script_says_the_policy_and_who_reaches_parked_stacks() -> None:
    res = bulkhead("build", str(ROOT / "configs" / "handoff" / "mpk3-private-owner.toml"))
    assert res.returncode == 0, res.stdout + res.stderr
    ld = (ROOT / "build" / "images" / "handoff-mpk3-private-owner" / "image.ld").read_text()
    assert f"__bh_dss_policy = {abi.DSS_OWNER};" in ld
    assert "__bh_dss_reach = 3;" in ld     # compartment 0 (the kernel's) and 1 (pthread, sched), not 2


@pytest.mark.fast
@pytest.mark.parametrize("config,dss", [("handoff/mpk3-private", "all"), ("handoff/mpk3-private-owner", "owner"),
                                        ("handoff/mpk3-private-running", "running"), ("handoff/mpk3", "all"),
                                        ("handoff/vm3-exit", "all"), ("handoff/none", "all")])
def test_the_policy_is_all_unless_the_configuration_says(config: str, dss: str) -> None:
    """Not given, [threads] dss is "all" (programs that hand stack data to another compartment's thread
    run unchanged); a Config made in code gets the same default."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import config as cfgmod
    cfg = cfgmod.load(ROOT / "configs" / f"{config}.toml")
    assert cfg.thread_dss == dss
    made = cfgmod.Config(path=cfg.path, name=cfg.name, app=cfg.app, backend=cfg.backend,
                         compartments=cfg.compartments, policies=cfg.policies, components=cfg.components,
                         threads=cfg.threads)
    assert made.thread_dss == "all"
