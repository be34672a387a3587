"""Threads that hand stack data to each other (apps/handoff) under the [threads] dss policies
(docs/design.md 5d, kernel/dss.c).  The program's three steps: (1) main hands a struct on its stack to
workers of its own compartment, which lock the mutex in it through the pthread layer; (2) main signals a
condition variable on a worker's stack; (3) the keeper, another compartment, reads main's stack from a
worker thread.  "owner" (the default with keyed private stacks) and "all" run all three as the
unisolated build does: bulkhead-dss sees main's stack data handed to other threads (pthread_create keeps
its argument) and leaves the app's slots unparked; "running" stops step 1.  The attacks dss, dss-running
and dss-all (test_attacks.py) are the other side: the same parking keeps an attacker compartment out of
stack data a compartment only lends."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, abi, bulkhead, run_lines
from bulkhead.paths import IMAGES

SAME = ["mpk3", "mpk3-private", "mpk3-private-all", "mpk2-private", "vm3-exit"]


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
def test_owner_leaves_a_compartment_that_hands_stack_data_to_threads_unparked() -> None:
    """What bulkhead-dss decided, from the manifest: the local main hands to the workers is kept past its
    call by pthread_create (so the app's slots stay shared), and the kernel's bh_dss_parkable, read
    from the image, has no bit of the app's compartment."""
    res = bulkhead("build", str(ROOT / "configs" / "handoff" / "mpk3-private.toml"))
    assert res.returncode == 0, res.stdout + res.stderr
    folder = IMAGES / "handoff-mpk3-private"
    m = json.loads((folder / "manifest.json").read_text())
    app = [s for s in m["shadow_locals"] if s["compartment"] == 0 and s["function"] == "main"]
    assert any(s["kept"].startswith("passed to 'pthread_create', which keeps argument 3") for s in app), app
    assert not _parkable(folder / "image.elf") & 1


@pytest.mark.qemu
def test_owner_parks_exactly_the_compartments_that_only_lend() -> None:
    """The attack dss's image: the victim lends its local to the core for one call (parked, bit 1); the
    core stores a pointer to its own stack (kept: not parked); the attacker puts nothing on the DSS."""
    res = bulkhead("build", str(ROOT / "configs" / "attacks" / "dss-private.toml"))
    assert res.returncode == 0, res.stdout + res.stderr
    folder = IMAGES / "attack-dss-private"
    moved = json.loads((folder / "manifest.json").read_text())["shadow_locals"]
    mine = [s for s in moved if s["function"] == "victim_dss_thread"]
    assert mine and all(s["compartment"] == 1 and not s["kept"] for s in mine), mine
    assert any(s["function"] == "main" and s["kept"] == "stored to memory" for s in moved), moved
    assert _parkable(folder / "image.elf") == 0b010


def _parkable(elf: Path) -> int:
    """The initial value of the kernel's bh_dss_parkable in an image (0 in a NOBITS section)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import elfread
    data = elf.read_bytes()
    e = elfread.read(data)
    addr = e.names["bh_dss_parkable"]
    sec = next(x for x in e.sections if x.addr <= addr < x.addr + x.size and x.flags & 2)   # SHF_ALLOC
    if sec.type == 8:   # SHT_NOBITS
        return 0
    at = sec.offset + addr - sec.addr
    return int.from_bytes(data[at:at + 8], "little")


@pytest.mark.qemu
def test_running_stops_even_the_owner_and_the_thread_runtime() -> None:
    rc, out = _run("mpk3-private-running")
    assert rc == abi.EXIT_ISOLATION_FAULT, out
    assert not [l for l in out.splitlines() if l.startswith("handoff:")], out
    assert re.search(r"by       pthread_mutex_lock\+0x[0-9a-f]+ .*compartment 'threads'", out), out
    assert re.search(r"hint     thread 0 is switched out: .*nobody's .*\(\[threads\] dss = \"running\"\)", out), out


@pytest.mark.qemu
def test_the_linker_script_says_the_policy_and_who_reaches_parked_stacks() -> None:
    res = bulkhead("build", str(ROOT / "configs" / "handoff" / "mpk3-private.toml"))
    assert res.returncode == 0, res.stdout + res.stderr
    ld = (IMAGES / "handoff-mpk3-private" / "image.ld").read_text()
    assert f"__bh_dss_policy = {abi.DSS_OWNER};" in ld
    assert "__bh_dss_reach = 3;" in ld     # compartment 0 (the kernel's) and 1 (pthread, sched), not 2


@pytest.mark.fast
@pytest.mark.parametrize("config,dss,default", [
    ("handoff/mpk3-private", "owner", "owner"), ("handoff/mpk3-private-all", "all", "owner"),
    ("handoff/mpk3-private-running", "running", "owner"), ("handoff/mpk3", "all", "all"),
    ("handoff/vm3-exit", "all", "all"), ("handoff/none", "all", "all")])
def test_the_policy_is_owner_where_stacks_can_park(config: str, dss: str, default: str) -> None:
    """Not given, [threads] dss is "owner" with keyed private stacks and "all" elsewhere (nothing can
    park); a Config made in code gets the same default."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from bulkhead import config as cfgmod
    cfg = cfgmod.load(ROOT / "configs" / f"{config}.toml")
    assert cfg.thread_dss == dss
    made = cfgmod.Config(path=cfg.path, name=cfg.name, app=cfg.app, backend=cfg.backend,
                         compartments=cfg.compartments, policies=cfg.policies, components=cfg.components,
                         threads=cfg.threads)
    assert made.thread_dss == default
